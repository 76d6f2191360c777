import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ROLE_LABELS } from '@zczr/domain';
import { h5HasWechatCode, IS_WEAPP, refreshMe, signInDemo, signInWithWechat } from '../../services/auth';
import { errorMessage } from '../../services/request';
import { cachedMe, getToken } from '../../services/session';
import { go } from '../../services/nav';
import type { Me } from '../../services/types';
import { Btn, Card, ErrorBox, Loading, Notice, Screen } from '../../components/ui';

function Tile(props: { icon: string; title: string; desc: string; url: string; highlight?: boolean }) {
  return (
    <Card className={`tile${props.highlight ? ' tile-hl' : ''}`} onClick={() => go(props.url)}>
      <Text className='tile-icon'>{props.icon}</Text>
      <View className='tile-body'>
        <Text className='tile-title'>{props.title}</Text>
        <Text className='tile-desc'>{props.desc}</Text>
      </View>
      <Text className='tile-arrow'>›</Text>
    </Card>
  );
}

export default function Home() {
  const [me, setMe] = useState<Me | null>(cachedMe());
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    if (!getToken()) {
      setMe(null);
      if (h5HasWechatCode()) await signIn(() => signInWithWechat());
      return;
    }
    setLoading(true);
    setError(null);
    try {
      setMe(await refreshMe());
    } catch (e) {
      if (!getToken()) setMe(null);
      else setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };
  useDidShow(() => void load());

  const signIn = async (how: () => Promise<Me>) => {
    setLoading(true);
    setError(null);
    try {
      const m = await how();
      setMe(m);
      if (m.role === 'grid_worker') go('/pages-worker/home/index');
      else if (!m.realName) go('/pages/bind/index');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

  return (
    <Screen title='政策找人'>
      <View className='hero'>
        <Text className='hero-title'>政策找人</Text>
        <Text className='hero-sub'>不用懂政策，填一填家里的情况，就知道能得到哪些帮助</Text>
      </View>
      {error ? <ErrorBox message={error} onRetry={() => void load()} /> : null}
      {loading ? <Loading /> : null}
      {!me && !loading ? (
        <Card>
          <Text className='card-title'>登录</Text>
          {IS_WEAPP ? (
            <Btn onClick={() => void signIn(signInWithWechat)}>微信一键登录</Btn>
          ) : (
            <View>
              <Notice kind='warn'>
                <Text>网页版无法使用微信登录。以下是演示登录，仅用于体验和测试，数据为演示数据。</Text>
              </Notice>
              <Btn onClick={() => void signIn(() => signInDemo('resident'))}>演示登录：居民</Btn>
              <Btn kind='ghost' onClick={() => void signIn(() => signInDemo('resident', true))}>
                演示登录：首次使用的居民
              </Btn>
              <Btn kind='ghost' onClick={() => void signIn(() => signInDemo('grid_worker'))}>
                演示登录：网格员
              </Btn>
            </View>
          )}
        </Card>
      ) : null}
      {me ? (
        <Card className='me'>
          <Text className='me-name'>{me.realName ?? me.displayName}</Text>
          <Text className='me-role'>
            {ROLE_LABELS[me.role]}
            {me.idNumberMasked ? ` · ${me.idNumberMasked}` : ' · 尚未实名认证'}
          </Text>
        </Card>
      ) : null}
      {me?.role === 'grid_worker' ? (
        <Tile icon='网' title='网格员工作台' desc='今日任务、网格内家庭、入户采集' url='/pages-worker/home/index' highlight />
      ) : null}
      {me?.role === 'resident' ? (
        <View>
          {!me.realName ? <Tile icon='证' title='第一步：实名认证' desc='拍身份证或手动填写，核对后提交' url='/pages/bind/index' highlight /> : null}
          {me.realName && !me.householdId ? (
            <Tile icon='填' title='填报家庭情况' desc='同意授权后，一步一步填写，随时保存' url='/pages/consent/index' highlight />
          ) : null}
          {me.householdId ? (
            <View>
              <Tile icon='助' title='我的救助' desc='能享受哪些帮助、大约多少钱、还缺什么' url='/pages/help/index' highlight />
              <Tile icon='进' title='办理进度' desc='提交后每一步的办理情况' url='/pages/status/index' />
              <Tile icon='信' title='我的消息' desc='新的帮助、审核结果的通知' url='/pages/messages/index' />
              <Tile icon='改' title='家里情况有变化' desc='新添家人、有人失业、新的看病账单' url='/pages/update/index' />
            </View>
          ) : null}
        </View>
      ) : null}
      <Tile icon='测' title='自己测一测' desc='回答几个问题，看看可能有哪些帮助（不上传任何信息）' url='/pages/selfcheck/index' />
      <Tile icon='策' title='政策法规' desc='按类别浏览、搜索救助政策' url='/pages/policies/index' />
      {me ? <Tile icon='设' title='我的设置' desc='关怀模式、撤回授权、退出登录' url='/pages/settings/index' /> : null}
    </Screen>
  );
}
