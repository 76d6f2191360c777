import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { api } from '../../services/api';
import { refreshMe } from '../../services/auth';
import { errorMessage } from '../../services/request';
import { formatYuan, residentOrder } from '@zczr/eligibility';
import type { Household, HouseholdEligibility } from '../../services/types';
import { ResultCard } from '../../components/result-card';
import { ReadAloud } from '../../components/read-aloud';
import { SubscribeCard } from '../../components/subscribe-card';
import { choosePhoto } from '../../components/id-card-scan';
import { Btn, Card, Empty, ErrorBox, Loading, Notice, Screen } from '../../components/ui';

export default function Help() {
  const [data, setData] = useState<HouseholdEligibility | null>(null);
  const [household, setHousehold] = useState<Household | null>(null);
  const [noHousehold, setNoHousehold] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [showOthers, setShowOthers] = useState(false);
  const [upload, setUpload] = useState<{ busy: boolean; text?: string; kind?: 'ok' | 'error' }>({ busy: false });

  const load = async () => {
    setError(null);
    try {
      const me = await refreshMe();
      if (!me.householdId) {
        setNoHousehold(true);
        return;
      }
      const [e, h] = await Promise.all([api.eligibility(me.householdId), api.household(me.householdId)]);
      setData(e);
      setHousehold(h);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      Taro.stopPullDownRefresh();
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  const uploadPaper = async () => {
    if (!data) return;
    const path = await choosePhoto();
    if (!path) return;
    setUpload({ busy: true });
    try {
      await api.uploadAttachment(path, data.householdId, 'certificate');
      setUpload({ busy: false, kind: 'ok', text: '材料已上传，工作人员审核时会看到' });
    } catch (e) {
      setUpload({ busy: false, kind: 'error', text: errorMessage(e) });
    }
  };

  // What the family already receives (在册) is told first; it is not "new help".
  const held = household?.benefits ?? [];
  const heldCodes = new Set(held.map((b) => b.policyCode));
  const nameOf = new Map((data?.results ?? []).map((r) => [r.policyCode, r.policyName]));
  const { first, rest: others } = residentOrder((data?.results ?? []).filter((r) => !heldCodes.has(r.policyCode)));
  const eligible = first.filter((r) => r.outcome === 'eligible');
  const near = first.filter((r) => r.outcome === 'ineligible');
  const unknown = first.filter((r) => r.outcome === 'unknown');
  const heldMonthly = held.reduce((s, b) => s + (b.monthlyAmount ?? 0), 0);
  const monthly = eligible
    .filter((r) => r.benefit?.unit === '元/月')
    .reduce((s, r) => s + r.benefit!.amount + r.benefit!.topUps.reduce((a, t) => a + t.amount, 0), 0);

  return (
    <Screen title='我的救助'>
      {error ? <ErrorBox message={error} onRetry={() => void load()} /> : null}
      {!data && !error && !noHousehold ? <Loading text='正在为您家匹配政策…' /> : null}
      {noHousehold ? (
        <Empty text='还没有填报家庭情况，填报后就能看到能得到哪些帮助'>
          <Btn onClick={() => void Taro.navigateTo({ url: '/pages/consent/index' })}>去填报</Btn>
        </Empty>
      ) : null}
      {data ? <ReadAloud targetId='help-results' /> : null}
      {data ? (
        <View id='help-results'>
          <Card className='summary'>
            {held.length ? (
              <Text className='para'>
                您家正在享受 <Text className='summary-num'>{held.length}</Text> 项救助{heldMonthly > 0 ? `，每月约 ${formatYuan(heldMonthly)}` : ''}。
              </Text>
            ) : null}
            <Text className='summary-big'>{eligible.length} 项</Text>
            <Text>
              {held.length ? '除此之外，' : '根据您家的情况，'}还可能符合 {eligible.length} 项帮助{monthly > 0 ? `，每月约 ${formatYuan(monthly)}` : ''}
              {near.length ? `；${near.length} 项差一点` : ''}；{unknown.length} 项还需补充信息。
            </Text>
            <Text className='para'>这是按政策规则自动算出的参考结果，最终以工作人员审核为准。</Text>
          </Card>
          {held.length ? <Text className='section-title'>正在享受的救助</Text> : null}
          {held.map((b) => (
            <Card key={b.policyCode} className='held'>
              <Text className='result-name'>{nameOf.get(b.policyCode) ?? b.policyCode}</Text>
              <Text className='para'>
                自 {b.since} 起享受{b.monthlyAmount ? `，每月 ${formatYuan(b.monthlyAmount)}` : ''}
              </Text>
            </Card>
          ))}
          {eligible.length === 0 && unknown.length === 0 && near.length === 0 && held.length === 0 ? (
            <Empty text='暂时没有匹配到可以享受的帮助。情况有变化时请及时更新。' />
          ) : null}
          {eligible.length ? <Text className='section-title'>可能符合的帮助</Text> : null}
          {eligible.map((r) => (
            <ResultCard key={r.policyCode} r={r} />
          ))}
          {near.length ? <Text className='section-title'>差一点就符合</Text> : null}
          {near.map((r) => (
            <ResultCard key={r.policyCode} r={r} />
          ))}
          {unknown.length ? <Text className='section-title'>补充信息后才能判断</Text> : null}
          {unknown.map((r) => (
            <ResultCard key={r.policyCode} r={r} />
          ))}
          <SubscribeCard />
          <Card>
            <Text className='card-title'>上传证明材料</Text>
            <Text className='muted'>医疗票据、诊断证明、残疾人证等，拍照上传即可。</Text>
            <Btn kind='ghost' loading={upload.busy} onClick={() => void uploadPaper()}>
              拍照上传材料
            </Btn>
            {upload.text ? <Notice kind={upload.kind}>{upload.text}</Notice> : null}
          </Card>
          <Text className='link' onClick={() => setShowOthers(!showOthers)}>
            {showOthers ? '收起暂不符合的政策' : `查看暂不符合的 ${others.length} 项政策`}
          </Text>
          {showOthers ? others.map((r) => <ResultCard key={r.policyCode} r={r} />) : null}
        </View>
      ) : null}
      <View className='spacer' />
    </Screen>
  );
}
