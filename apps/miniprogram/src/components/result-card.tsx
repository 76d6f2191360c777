/** One policy result in plain words: the outcome, the estimated benefit, why, and what is missing. */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { FACT_CATALOGUE, type ConditionResult, type FactName } from '@zczr/eligibility';
import { Card } from './ui';

const MARK: Record<ConditionResult['outcome'], string> = { true: '✓', false: '✗', unknown: '?' };

function Conditions(props: { node: ConditionResult; depth: number }) {
  const n = props.node;
  return (
    <View className={`cond cond-${n.outcome}`} style={{ paddingLeft: `${props.depth * 12}px` }}>
      <Text className='cond-mark'>{MARK[n.outcome]}</Text>
      <Text className='cond-label'>{n.label}</Text>
      {n.children?.map((c, i) => <Conditions key={i} node={c} depth={props.depth + 1} />)}
    </View>
  );
}

/** What to collect for each missing fact, de-duplicated: "家庭成员劳动能力" etc. */
export function howToSupply(missing: readonly FactName[]): string[] {
  return [...new Set(missing.map((f) => FACT_CATALOGUE[f]?.collect ?? FACT_CATALOGUE[f]?.label ?? f))];
}

export interface ResultView {
  policyName: string;
  outcome: 'eligible' | 'ineligible' | 'unknown';
  summary: string;
  benefitDescription?: string;
  benefit?: { amount: number; unit: string; label: string; topUps: Array<{ label: string; amount: number }>; provisional?: boolean };
  missingFacts: FactName[];
  explanation: ConditionResult;
  requiredDocuments?: string[];
  nearMiss?: { text: string };
}

export function ResultCard(props: { r: ResultView; supplyHint?: string }) {
  const r = props.r;
  const [open, setOpen] = useState(false);
  const total = r.benefit ? r.benefit.amount + r.benefit.topUps.reduce((s, t) => s + t.amount, 0) : 0;
  return (
    <Card className={`result result-${r.outcome}`}>
      <View className='result-head' onClick={() => setOpen(!open)}>
        <Text className='result-name'>{r.policyName}</Text>
        <Text className={`badge badge-${r.outcome}`}>{r.outcome === 'eligible' ? '可能符合' : r.outcome === 'unknown' ? '还需补充信息' : '暂不符合'}</Text>
      </View>
      {r.benefit && total > 0 ? (
        <Text className='result-money'>
          {r.benefit.provisional || r.outcome !== 'eligible' ? '预计' : '估算'}约 {Math.round(total).toLocaleString('zh-CN')} {r.benefit.unit}
        </Text>
      ) : null}
      <Text className='result-summary'>{r.summary}</Text>
      {r.nearMiss && r.outcome === 'ineligible' ? <Text className='muted'>差一点：{r.nearMiss.text}</Text> : null}
      {r.outcome === 'unknown' && r.missingFacts.length > 0 ? (
        <View className='missing'>
          <Text className='missing-title'>还缺这些信息：</Text>
          {howToSupply(r.missingFacts).map((m) => (
            <Text key={m} className='bullet'>
              · {m}
            </Text>
          ))}
          <Text className='muted'>{props.supplyHint ?? '可在首页“家里情况有变化”中补充，或联系您的网格员上门帮您填写。'}</Text>
        </View>
      ) : null}
      <Text className='link' onClick={() => setOpen(!open)}>
        {open ? '收起' : '为什么？看看判断依据'}
      </Text>
      {open ? (
        <View className='why'>
          {r.benefitDescription ? <Text className='para'>能得到：{r.benefitDescription}</Text> : null}
          {r.benefit ? <Text className='muted'>计算方法：{r.benefit.label}</Text> : null}
          <Conditions node={r.explanation} depth={0} />
          {r.requiredDocuments?.length ? (
            <View>
              <Text className='missing-title'>办理时需要的材料：</Text>
              {r.requiredDocuments.map((d) => (
                <Text key={d} className='bullet'>
                  · {d}
                </Text>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
    </Card>
  );
}
