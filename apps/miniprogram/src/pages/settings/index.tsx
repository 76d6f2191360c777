import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { api } from '../../services/api';
import { ROLE_LABELS } from '@zczr/domain';
import { refreshMe, signOut } from '../../services/auth';
import { go, goHome } from '../../services/nav';
import { getToken } from '../../services/session';
import { errorMessage } from '../../services/request';
import { useLargeFont } from '../../services/settings';
import type { Consent, Me } from '../../services/types';
import { Btn, Card, ErrorBox, Notice, Screen, Tick } from '../../components/ui';

/** 我的 (a tab): who is signed in, their own pages, 关怀模式, the consent, signing out. Signed out: only sign-in and display settings. */
export default function Settings() {
  const [large, setLarge] = useLargeFont();
  const [me, setMe] = useState<Me | null>(null);
  const [signedIn, setSignedIn] = useState(Boolean(getToken()));
  const [consent, setConsent] = useState<Consent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useDidShow(() => {
    setSignedIn(Boolean(getToken()));
    if (!getToken()) {
      setMe(null);
      setConsent(null);
      return;
    }
    void (async () => {
      try {
        const m = await refreshMe();
        setMe(m);
        if (m.householdId) {
          const h = await api.household(m.householdId);
          setConsent(await api.consent(h.consentId));
        }
      } catch (e) {
        if (!getToken()) setSignedIn(false);
        else setError(errorMessage(e));
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
    <Screen title='我的'>
      {signedIn && me ? (
        <Card className='me'>
          <Text className='me-name'>{me.realName ?? me.displayName}</Text>
          <Text className='me-role'>
            {ROLE_LABELS[me.role]}
            {me.idNumberMasked ? ` · ${me.idNumberMasked}` : ' · 尚未实名认证'}
          </Text>
        </Card>
      ) : null}
      {!signedIn ? (
        <Card>
          <Text className='card-title'>您还没有登录</Text>
          <Text className='para'>登录并实名认证后，可以查看您家的救助、办理进度和消息。</Text>
          <Btn onClick={goHome}>去登录</Btn>
        </Card>
      ) : null}
      {signedIn && me?.role === 'resident' ? (
        <Card>
          {me.householdId ? (
            <View>
              <Text className='link mine-link' onClick={() => go('/pages/help/index')}>
                我的救助 ›
              </Text>
              <Text className='link mine-link' onClick={() => go('/pages/status/index')}>
                办理进度 ›
              </Text>
            </View>
          ) : null}
          <Text className='link mine-link' onClick={() => go('/pages/messages/index')}>
            我的消息 ›
          </Text>
        </Card>
      ) : null}
      <Card>
        <Text className='card-title'>关怀模式</Text>
        <Tick checked={large} onChange={setLarge}>
          <Text>大字、高对比、大按钮（适合老年人）</Text>
        </Tick>
      </Card>
      {signedIn ? (
        <Card>
          <Text className='card-title'>个人信息授权</Text>
          {consent ? (
            <View>
              <Text className='para'>
                {consent.subjectName}于 {consent.givenAt.slice(0, 10)} 同意（{consent.textVersion} 版），当前状态：
                {consent.status === 'active' ? '有效' : `已于 ${consent.withdrawnAt?.slice(0, 10) ?? ''} 撤回`}
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
            <Text className='para'>您还没有为家庭信息授权。</Text>
          )}
        </Card>
      ) : null}
      {error ? <ErrorBox message={error} /> : null}
      {signedIn ? (
        <Btn
          kind='ghost'
          onClick={() => {
            signOut();
            setSignedIn(false);
            setMe(null);
            void Taro.reLaunch({ url: '/pages/index/index' });
          }}
        >
          退出登录
        </Btn>
      ) : null}
    </Screen>
  );
}
