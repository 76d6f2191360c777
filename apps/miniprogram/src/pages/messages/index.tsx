import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { api } from '../../services/api';
import { errorMessage } from '../../services/request';
import type { AppNotification } from '../../services/types';
import { Card, Empty, ErrorBox, Loading, Screen } from '../../components/ui';

const time = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const HOW: Record<AppNotification['status'], string> = {
  sent: '已通过微信通知您',
  recorded: '演示环境：已记录，未发到微信',
  failed: '微信通知没有发出',
  not_subscribed: '您没有开通微信通知，只在这里显示',
};

/** The resident's messages: "the policy found you" and review results, newest first. */
export default function Messages() {
  const [items, setItems] = useState<AppNotification[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    try {
      setItems(await api.notifications());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      Taro.stopPullDownRefresh();
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  return (
    <Screen title='我的消息'>
      {error ? <ErrorBox message={error} onRetry={() => void load()} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && items.length === 0 ? <Empty text='还没有消息。发现您家可能符合新的帮助时，会在这里告诉您。' /> : null}
      {items?.map((n) => (
        <Card key={n.id} className={`message message-${n.kind}`} onClick={() => void Taro.navigateTo({ url: `/${n.page}` })}>
          <Text className='card-title'>{n.title}</Text>
          {n.fields.map((f) => (
            <View key={f.label} className='row'>
              <Text className='row-label'>{f.label}</Text>
              <Text className='row-value'>{f.value}</Text>
            </View>
          ))}
          <Text className='para'>
            {time(n.createdAt)} · {HOW[n.status]}
          </Text>
        </Card>
      ))}
      <View className='spacer' />
    </Screen>
  );
}
