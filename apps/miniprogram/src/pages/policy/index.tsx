import { useState } from 'react';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Rule } from '@zczr/eligibility';
import { api } from '../../services/api';
import { errorMessage } from '../../services/request';
import { POLICY_GROUP_LABELS } from '@zczr/contract';
import type { PolicyDetail } from '../../services/types';
import { Btn, Card, ErrorBox, Loading, Screen } from '../../components/ui';

function RuleText(props: { rule: Rule; depth: number }) {
  const r = props.rule;
  const kids = 'all' in r ? r.all : 'any' in r ? r.any : 'not' in r ? [r.not] : [];
  const joiner = 'all' in r ? '（以下全部满足）' : 'any' in r ? '（满足其中一项即可）' : 'not' in r ? '（不能是以下情况）' : '';
  return (
    <View style={{ paddingLeft: `${props.depth * 12}px` }}>
      <Text className='bullet'>
        · {r.label}
        {kids.length ? joiner : ''}
      </Text>
      {kids.map((k, i) => (
        <RuleText key={i} rule={k} depth={props.depth + 1} />
      ))}
    </View>
  );
}

export default function Policy() {
  const router = useRouter();
  const [p, setP] = useState<PolicyDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    setError(null);
    api
      .policy(router.params.code ?? '')
      .then((d) => {
        setP(d);
        void Taro.setNavigationBarTitle({ title: d.name });
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  };
  useLoad(load);
  return (
    <Screen title='政策详情'>
      {error ? <ErrorBox message={error} onRetry={load} /> : null}
      {!p && !error ? <Loading /> : null}
      {p ? (
        <View>
          <Card>
            <Text className='card-title'>{p.name}</Text>
            <Text className='muted'>
              {POLICY_GROUP_LABELS[p.group] ?? p.group} · {p.department}
            </Text>
          </Card>
          <Card>
            <Text className='section-title'>能得到什么帮助</Text>
            <Text className='para'>{p.definition.benefit}</Text>
            {p.howToApply?.standards.map((s) => (
              <Text key={s} className='standard'>
                {s}
              </Text>
            ))}
            {p.definition.benefitFormula ? <Text className='para'>金额怎么算：{p.definition.benefitFormula.label}</Text> : null}
          </Card>
          {p.howToApply ? (
            <Card className='apply'>
              <Text className='section-title'>怎么申请</Text>
              <Text className='apply-label'>到哪里办</Text>
              <Text className='para'>{p.howToApply.office}</Text>
              <Text className='apply-label'>咨询电话</Text>
              <Text className='para phone' onClick={() => void Taro.makePhoneCall({ phoneNumber: '12345' }).catch(() => undefined)}>
                {p.howToApply.phone}
              </Text>
              <Text className='apply-label'>办理步骤</Text>
              {p.howToApply.steps.map((step, i) => (
                <Text key={step} className='bullet'>
                  {i + 1}. {step}
                </Text>
              ))}
            </Card>
          ) : null}
          <Card>
            <Text className='section-title'>什么情况可以申请</Text>
            <RuleText rule={p.definition.rule} depth={0} />
          </Card>
          <Card>
            <Text className='section-title'>需要准备的材料</Text>
            {p.definition.requiredDocuments.map((d) => (
              <Text key={d} className='bullet'>
                · {d}
              </Text>
            ))}
          </Card>
          <Card>
            <Text className='section-title'>政策依据</Text>
            {p.definition.legalBasis.map((d) => (
              <Text key={d} className='bullet'>
                · {d}
              </Text>
            ))}
            <Text className='para'>自 {p.definition.effectiveFrom} 起施行</Text>
          </Card>
          <Btn kind='ghost' onClick={() => void Taro.navigateTo({ url: '/pages/selfcheck/index' })}>
            自己测一测能不能享受
          </Btn>
        </View>
      ) : null}
      <View className='spacer' />
    </Screen>
  );
}
