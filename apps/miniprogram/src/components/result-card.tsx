/** One policy result in plain words: the outcome, the estimated benefit, why, and what is missing. */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  formatYuan,
  plainMissing,
  plainNearMiss,
  plainReasons,
  plainSummary,
  type ConditionResult,
  type FactName,
  type NearMiss,
  type PlainMark,
} from '@zczr/eligibility';
import { PARAMETER_LABELS } from '../services/self-check';
import { Card } from './ui';

const MARK: Record<PlainMark, string> = { met: '✓', unmet: '✗', unknown: '?' };

/** What to collect for each missing fact, de-duplicated: "家庭成员劳动能力" etc. */
export const howToSupply = plainMissing;

export interface ResultView {
  policyName: string;
  outcome: 'eligible' | 'ineligible' | 'unknown';
  benefitDescription?: string;
  benefit?: { amount: number; unit: string; label: string; topUps: Array<{ label: string; amount: number }>; provisional?: boolean };
  missingFacts: FactName[];
  explanation: ConditionResult;
  requiredDocuments?: string[];
  nearMiss?: NearMiss | { text: string };
}

/** "3,055 元/月": amounts with thousands separators, whatever the unit. */
function money(amount: number, unit: string): string {
  return unit.startsWith('元') ? `${formatYuan(amount)}${unit.slice(1)}` : `${formatYuan(amount).replace(' 元', '')} ${unit}`;
}

export function ResultCard(props: { r: ResultView; supplyHint?: string }) {
  const r = props.r;
  const [open, setOpen] = useState(false);
  const options = { parameterLabels: PARAMETER_LABELS };
  const total = r.benefit ? r.benefit.amount + r.benefit.topUps.reduce((s, t) => s + t.amount, 0) : 0;
  const near = r.outcome === 'ineligible' && r.nearMiss && 'fact' in r.nearMiss ? plainNearMiss(r.nearMiss) : null;
  return (
    <Card className={`result result-${r.outcome}${near ? ' result-near' : ''}`}>
      <View className='result-head' onClick={() => setOpen(!open)}>
        <Text className='result-name'>{r.policyName}</Text>
        <Text className={`badge badge-${r.outcome}`}>
          {r.outcome === 'eligible' ? '可能符合' : r.outcome === 'unknown' ? '还需补充信息' : near ? '差一点' : '暂不符合'}
        </Text>
      </View>
      {r.benefit && total > 0 ? (
        <Text className='result-money'>
          {r.benefit.provisional || r.outcome !== 'eligible' ? '预计' : '估算'}约 {money(Math.round(total), r.benefit.unit)}
        </Text>
      ) : null}
      <Text className='result-summary'>{plainSummary(r, options)}</Text>
      {near ? <Text className='result-near-text'>{near}</Text> : null}
      {r.outcome === 'unknown' && r.missingFacts.length > 0 ? (
        <View className='missing'>
          <Text className='missing-title'>还缺这些信息：</Text>
          {howToSupply(r.missingFacts).map((m) => (
            <Text key={m} className='bullet'>
              · {m}
            </Text>
          ))}
          <Text className='para'>{props.supplyHint ?? '可在首页“家里情况有变化”中补充，或联系您的网格员上门帮您填写。'}</Text>
        </View>
      ) : null}
      <Text className='link' onClick={() => setOpen(!open)}>
        {open ? '收起' : '为什么？看看判断依据'}
      </Text>
      {open ? (
        <View className='why'>
          {r.benefitDescription ? <Text className='para'>能得到：{r.benefitDescription}</Text> : null}
          {r.benefit ? <Text className='para'>计算方法：{r.benefit.label}</Text> : null}
          {plainReasons(r.explanation, options, 6).map((l) => (
            <View key={l.text} className={`cond cond-${l.mark}`}>
              <Text className='cond-mark'>{MARK[l.mark]}</Text>
              <Text className='cond-label'>{l.text}</Text>
            </View>
          ))}
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
