import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { HOUSEHOLD_STATUS_LABELS, SUBMISSION_STATUS_LABELS } from '@zczr/domain';
import { api } from '../../services/api';
import { errorMessage } from '../../services/request';
import { refreshMe } from '../../services/auth';
import type { Household, Submission } from '../../services/types';
import { Btn, Card, Empty, ErrorBox, Loading, Notice, Screen } from '../../components/ui';
import { ReadAloud } from '../../components/read-aloud';

const time = (iso: string) => iso.slice(0, 16).replace('T', ' ');
const KIND: Record<Submission['kind'], string> = { create: '新建家庭档案', update: '家庭情况变更' };

export default function Status() {
  const router = useRouter();
  const [household, setHousehold] = useState<Household | null>(null);
  const [subs, setSubs] = useState<Submission[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    try {
      const id = router.params.householdId || (await refreshMe()).householdId;
      if (!id) {
        setSubs([]);
        return;
      }
      const [h, s] = await Promise.all([api.household(id), api.submissions(id)]);
      setHousehold(h);
      setSubs(s.items);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      Taro.stopPullDownRefresh();
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  return (
    <Screen title='办理进度'>
      {router.params.fresh ? <Notice kind='ok'>已提交成功！下面是办理进度。</Notice> : null}
      {error ? <ErrorBox message={error} onRetry={() => void load()} /> : null}
      {!subs && !error ? <Loading /> : null}
      {subs ? <ReadAloud targetId='status-read' intro='办理进度' /> : null}
      <View id='status-read'>
        {household ? (
          <Card>
            <Text className='card-title'>{household.headName} 家</Text>
            <Text className='muted'>档案状态：{HOUSEHOLD_STATUS_LABELS[household.status]}</Text>
          </Card>
        ) : null}
        {subs && subs.length === 0 && household?.status === 'active' ? (
          <Card>
            <Text className='card-title'>档案已在册</Text>
            <View className='timeline'>
              <View className='tl-item tl-now'>
                <View className='tl-dot' />
                <View className='tl-body'>
                  <Text className='tl-title'>您家的家庭档案已登记在册</Text>
                  <Text className='tl-time'>最近更新：{time(household.updatedAt)}</Text>
                  <Text className='para'>档案由社区网格员入户登记，您这边没有需要办理的申请。家里情况有变化时，可以在首页“家里情况有变化”中提交。</Text>
                </View>
              </View>
            </View>
          </Card>
        ) : subs && subs.length === 0 ? (
          <Empty text='还没有提交过信息' />
        ) : null}
        {subs?.map((s) => (
          <Card key={s.id}>
            <Text className='card-title'>
              {KIND[s.kind]} · {SUBMISSION_STATUS_LABELS[s.status]}
            </Text>
            <View className='timeline'>
              {s.history.map((h, i) => (
                <View key={i} className={`tl-item${i === s.history.length - 1 ? ' tl-now' : ''}`}>
                  <View className='tl-dot' />
                  <View className='tl-body'>
                    <Text className='tl-title'>{SUBMISSION_STATUS_LABELS[h.status]}</Text>
                    <Text className='tl-time'>{time(h.at)}</Text>
                    {h.reason ? <Text className='tl-reason'>原因：{h.reason}</Text> : null}
                  </View>
                </View>
              ))}
            </View>
            {s.checks.some((c) => c.outcome !== 'pass') ? (
              <Notice kind='warn'>
                {s.checks
                  .filter((c) => c.outcome !== 'pass')
                  .map((c) => (
                    <Text key={c.code} className='bullet'>
                      · {c.message}
                    </Text>
                  ))}
              </Notice>
            ) : (
              <Text className='muted'>自动校验：全部通过</Text>
            )}
          </Card>
        ))}
      </View>
      {household ? <Btn onClick={() => void Taro.navigateTo({ url: '/pages/help/index' })}>看看我能得到哪些帮助</Btn> : null}
      <View className='spacer' />
    </Screen>
  );
}
