import { useState } from 'react';
import { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { CompiledPolicy, EligibilityResult } from '@zczr/eligibility';
import { errorMessage } from '../../services/request';
import { EMPTY_ANSWERS, loadPolicies, selfCheck, todayInChina, type SelfCheckAnswers } from '../../services/self-check';
import { ResultCard } from '../../components/result-card';
import { Btn, Card, Choice, Empty, ErrorBox, Field, Loading, Notice, Problems, Screen, Tick } from '../../components/ui';

const counts = (max: number) => Array.from({ length: max + 1 }, (_, n) => ({ value: n, label: n === max ? `${n}人及以上` : `${n}人` }));

export default function SelfCheck() {
  const [policies, setPolicies] = useState<CompiledPolicy[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [a, setA] = useState<SelfCheckAnswers>(EMPTY_ANSWERS);
  const [income, setIncome] = useState('');
  const [deposits, setDeposits] = useState('');
  const [medical, setMedical] = useState('');
  const [results, setResults] = useState<EligibilityResult[] | null>(null);

  const load = () => {
    setLoadError(null);
    loadPolicies()
      .then((r) => setPolicies(r.policies))
      .catch((e: unknown) => setLoadError(`${errorMessage(e)}（第一次使用需要联网下载政策，之后可离线使用）`));
  };
  useLoad(load);

  const size = a.elderly + a.adults + a.minors;
  const incomeValue = income.trim() === '' ? NaN : Number(income);
  const problems = [size === 0 ? '请选择家里有几口人' : null, Number.isNaN(incomeValue) || incomeValue < 0 ? '请填写全家每月收入（没有就填 0）' : null].filter(
    Boolean,
  ) as string[];

  const run = () => {
    if (!policies || problems.length) return;
    const answers = { ...a, monthlyIncome: incomeValue, deposits: Number(deposits) || 0, medical12m: Number(medical) || 0 };
    setResults(selfCheck(policies, answers, todayInChina()));
  };

  const likely = results?.filter((r) => r.outcome === 'eligible') ?? [];
  const maybe = results?.filter((r) => r.outcome === 'unknown') ?? [];
  const names = new Map(policies?.map((p) => [p.code, p.definition]) ?? []);

  return (
    <Screen title='自己测一测'>
      <Notice kind='ok'>只在您的手机上计算，不会上传任何信息，也不需要登录。结果仅供参考。</Notice>
      {loadError ? <ErrorBox message={loadError} onRetry={load} /> : null}
      {!policies && !loadError ? <Loading text='正在准备政策…' /> : null}
      <Card>
        <Text className='card-title'>1. 家里住在一起的有几口人？</Text>
        <Choice label='60岁及以上的老人' options={counts(4)} value={a.elderly} onChange={(v) => setA({ ...a, elderly: v })} />
        <Choice label='18–59岁的成年人' options={counts(4)} value={a.adults} onChange={(v) => setA({ ...a, adults: v })} />
        <Choice label='不满18岁的孩子' options={counts(4)} value={a.minors} onChange={(v) => setA({ ...a, minors: v })} />
      </Card>
      <Card>
        <Text className='card-title'>2. 钱和财产</Text>
        <Field label='全家每月收入合计（元）' type='digit' value={income} onChange={setIncome} hint='工资、养老金、种地、子女给的钱等，没有填 0' />
        <Field label='全家存款合计（元）' type='digit' value={deposits} onChange={setDeposits} />
        <Choice
          label='有几套住房'
          options={[0, 1, 2].map((n) => ({ value: n, label: n === 2 ? '2套及以上' : `${n}套` }))}
          value={a.homes}
          onChange={(v) => setA({ ...a, homes: v })}
        />
        <Tick checked={a.hasCar} onChange={(v) => setA({ ...a, hasCar: v })}>
          <Text>家里有汽车（残疾人代步车不算）</Text>
        </Tick>
      </Card>
      <Card>
        <Text className='card-title'>3. 家里的困难</Text>
        <Tick checked={a.seriousIllness} onChange={(v) => setA({ ...a, seriousIllness: v })}>
          <Text>有人得了重病（如癌症、尿毒症）</Text>
        </Tick>
        <Tick checked={a.severeDisability} onChange={(v) => setA({ ...a, severeDisability: v })}>
          <Text>有人是一、二级残疾</Text>
        </Tick>
        {a.adults > 0 ? (
          <Tick checked={a.jobless} onChange={(v) => setA({ ...a, jobless: v })}>
            <Text>18–59岁的家人中有人失业了</Text>
          </Tick>
        ) : null}
        <Field label='最近一年看病自己花的钱（元）' type='digit' value={medical} onChange={setMedical} hint='医保报销后自己掏的部分，没有可不填' />
      </Card>
      <Problems items={problems} />
      <Btn disabled={!policies || problems.length > 0} onClick={run}>
        看看可能有哪些帮助
      </Btn>
      {results ? (
        <View>
          <Text className='section-title'>可能有这些帮助（{likely.length} 项）</Text>
          {likely.length === 0 ? <Empty text='按您的回答，暂时没有明确符合的帮助。情况复杂时，建议联系社区或网格员。' /> : null}
          {likely.map((r) => (
            <ResultCard
              key={r.policyCode}
              r={{ ...r, policyName: names.get(r.policyCode)?.name ?? r.policyCode, benefitDescription: names.get(r.policyCode)?.benefit }}
              supplyHint='自测只问了几个问题；正式申请时工作人员会帮您补全。'
            />
          ))}
          {maybe.length ? <Text className='section-title'>还要看更多情况（{maybe.length} 项）</Text> : null}
          {maybe.slice(0, 8).map((r) => (
            <ResultCard
              key={r.policyCode}
              r={{ ...r, policyName: names.get(r.policyCode)?.name ?? r.policyCode, benefitDescription: names.get(r.policyCode)?.benefit }}
              supplyHint='自测只问了几个问题；正式申请时工作人员会帮您补全。'
            />
          ))}
        </View>
      ) : null}
      <View className='spacer' />
    </Screen>
  );
}
