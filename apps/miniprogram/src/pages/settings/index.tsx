import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { api } from '../../services/api';
import { refreshMe, signOut } from '../../services/auth';
import { errorMessage } from '../../services/request';
import { useLargeFont } from '../../services/settings';
import type { Consent } from '../../services/types';
import { Btn, Card, ErrorBox, Notice, Screen, Tick } from '../../components/ui';

export default function Settings() {
  const [large, setLarge] = useLargeFont();
  const [consent, setConsent] = useState<Consent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useDidShow(() => {
    void (async () => {
      try {
        const me = await refreshMe();
        if (me.householdId) {
          const h = await api.household(me.householdId);
          setConsent(await api.consent(h.consentId));
        }
      } catch (e) {
        setError(errorMessage(e));
      }
    })();
  });

  const withdraw = async () => {
    if (!consent) return;
    const { confirm } = await Taro.showModal({
      title: '确定撤回授权吗？',
      content: '撤回后将停止处理您家的信息，正在办理的申请会终止，已享受的救助可能因无法核对而中止。以后仍可重新授权。',
      confirmText: '确定撤回',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      setConsent(await api.withdrawConsent(consent.id, '居民本人在小程序中撤回'));
      await refreshMe().catch(() => undefined);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title='我的设置'>
      <Card>
        <Text className='card-title'>字号</Text>
        <Tick checked={large} onChange={setLarge}>
          <Text>大字模式（适合老年人）</Text>
        </Tick>
      </Card>
      <Card>
        <Text className='card-title'>个人信息授权</Text>
        {consent ? (
          <View>
            <Text className='para'>
              {consent.subjectName}于 {consent.givenAt.slice(0, 10)} 同意（{consent.textVersion} 版），当前状态：{consent.status === 'active' ? '有效' : `已于 ${consent.withdrawnAt?.slice(0, 10) ?? ''} 撤回`}
            </Text>
            {consent.status === 'active' ? (
              <Btn kind='danger' loading={busy} onClick={() => void withdraw()}>
                撤回授权
              </Btn>
            ) : (
              <Notice kind='info'>已撤回。我们已停止处理您家的信息。</Notice>
            )}
          </View>
        ) : (
          <Text className='muted'>您还没有为家庭信息授权。</Text>
        )}
      </Card>
      {error ? <ErrorBox message={error} /> : null}
      <Btn
        kind='ghost'
        onClick={() => {
          signOut();
          void Taro.reLaunch({ url: '/pages/index/index' });
        }}
      >
        退出登录
      </Btn>
    </Screen>
  );
}
