/** The outbox as the worker sees it: what waits for the network, what was sent, what needs a decision. */
import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Btn, Card, Notice } from '../../components/ui';
import { clearDone, discardItem, outbox, retryItem, syncOutbox, type OutboxItem } from './queue';

const STATUS: Record<OutboxItem['status'], string> = { pending: '等待上传', sending: '正在上传', done: '已上传', conflict: '有冲突', failed: '被退回' };

/** Keeps syncing while the page is visible: every few seconds and whenever the network returns. */
export function useOutbox(): { items: OutboxItem[]; syncNow: () => Promise<void>; refresh: () => void; lastError: string | null } {
  const [items, setItems] = useState<OutboxItem[]>(outbox());
  const [lastError, setLastError] = useState<string | null>(null);
  const [visible, setVisible] = useState(true);
  const refresh = useCallback(() => setItems(outbox()), []);
  const syncNow = useCallback(async () => {
    const r = await syncOutbox();
    setLastError(r.offline ? '网络不通，信息已保存在手机上，有网络后会自动上传' : null);
    refresh();
  }, [refresh]);
  useDidShow(() => {
    setVisible(true);
    refresh();
    void syncNow();
  });
  useDidHide(() => setVisible(false));
  useEffect(() => {
    if (!visible) return undefined;
    const timer = setInterval(() => {
      if (outbox().some((x) => x.status === 'pending' || x.status === 'sending')) void syncNow();
    }, 4000);
    const onNetwork = (res: { isConnected: boolean }) => {
      if (res.isConnected) void syncNow();
    };
    Taro.onNetworkStatusChange(onNetwork);
    return () => {
      clearInterval(timer);
      Taro.offNetworkStatusChange(onNetwork);
    };
  }, [visible, syncNow]);
  return { items, syncNow, refresh, lastError };
}

export function OutboxPanel(props: { items: OutboxItem[]; onSync: () => Promise<void>; onChanged: () => void; lastError: string | null }) {
  const waiting = props.items.filter((x) => x.status === 'pending' || x.status === 'sending');
  const problems = props.items.filter((x) => x.status === 'conflict' || x.status === 'failed');
  const done = props.items.filter((x) => x.status === 'done');
  const [busy, setBusy] = useState(false);
  return (
    <Card className='outbox'>
      <View className='outbox-head'>
        <Text className='card-title'>待上传</Text>
        <Text className={`badge ${problems.length || waiting.length ? 'badge-unknown' : 'badge-eligible'}`}>
          {problems.length ? `${problems.length} 条需要处理` : waiting.length ? `${waiting.length} 条等待上传` : '全部已上传'}
        </Text>
      </View>
      {props.lastError && waiting.length ? <Notice kind='warn'>{props.lastError}</Notice> : null}
      {[...problems, ...waiting, ...done.slice(-3)].map((x) => (
        <View key={x.id} className={`outbox-item outbox-${x.status}`}>
          <Text className='outbox-title'>
            {x.kind === 'collect' ? '新建家庭' : '入户核实'}：{x.title}
          </Text>
          <Text className='outbox-status'>
            {STATUS[x.status]}
            {x.message && x.status !== 'done' ? `：${x.message}` : ''}
          </Text>
          {x.status === 'conflict' || x.status === 'failed' ? (
            <View className='outbox-actions'>
              <Text
                className='link'
                onClick={() => {
                  retryItem(x.id);
                  props.onChanged();
                  void props.onSync();
                }}
              >
                重新上传
              </Text>
              <Text
                className='link link-danger'
                onClick={() => {
                  void Taro.showModal({ title: '放弃这条记录？', content: `“${x.title}”将从手机上删除，无法恢复。`, confirmText: '放弃' }).then(
                    ({ confirm }) => {
                      if (confirm) {
                        discardItem(x.id);
                        props.onChanged();
                      }
                    },
                  );
                }}
              >
                放弃
              </Text>
            </View>
          ) : null}
        </View>
      ))}
      <View className='nav-buttons'>
        <Btn
          kind='ghost'
          loading={busy}
          disabled={waiting.length === 0}
          onClick={() => {
            setBusy(true);
            void props.onSync().finally(() => setBusy(false));
          }}
        >
          立即上传
        </Btn>
        {done.length ? (
          <Btn
            kind='ghost'
            onClick={() => {
              clearDone();
              props.onChanged();
            }}
          >
            清除已上传
          </Btn>
        ) : null}
      </View>
    </Card>
  );
}
