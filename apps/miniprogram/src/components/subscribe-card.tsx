/**
 * "Tell me when the policy finds me": asks WeChat for the resident's one-time subscriptions
 * (wx.requestSubscribeMessage) and tells the API what was accepted; each acceptance allows one message.
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { api } from '../services/api';
import { IS_WEAPP } from '../services/auth';
import { errorMessage } from '../services/request';
import type { MessageTemplate } from '../services/types';
import { Btn, Card, Notice } from './ui';

export function SubscribeCard() {
  const [templates, setTemplates] = useState<MessageTemplate[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'error' | 'warn'; text: string } | null>(null);

  useEffect(() => {
    api.messageTemplates().then(setTemplates, () => setTemplates(null));
  }, []);

  const subscribe = async () => {
    if (!templates) return;
    setBusy(true);
    setNote(null);
    try {
      const ids = templates.map((t) => t.templateId);
      let accepted: string[];
      if (IS_WEAPP) {
        const answer = (await Taro.requestSubscribeMessage({
          tmplIds: ids,
          entityIds: [],
        } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
        accepted = ids.filter((id) => answer[id] === 'accept');
      } else {
        accepted = ids; // H5 demo: WeChat's subscription dialog does not exist in a browser; the tap stands for "accept".
      }
      if (accepted.length === 0) {
        setNote({ kind: 'warn', text: '您没有同意接收通知。以后有新的帮助，仍可以在“我的消息”里看到。' });
        return;
      }
      setTemplates(await api.acceptSubscriptions(accepted));
      setNote({ kind: 'ok', text: '好的，有新的帮助或审核结果时会通过微信通知您。' });
    } catch (e) {
      setNote({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  if (!templates) return null;
  const found = templates.find((t) => t.kind === 'policy_found');
  return (
    <Card className='subscribe'>
      <Text className='card-title'>有新的帮助时，微信通知我</Text>
      <Text className='para'>政策调整或您家情况变化后，如果发现您家可能符合新的帮助，我们会发一条微信消息告诉您能得到什么、怎么申请。</Text>
      <Text className='para'>
        {found && found.remaining > 0 ? `还可以收到 ${found.remaining} 条通知。` : '目前没有开通通知。'}微信规定每同意一次只能发一条。
      </Text>
      {!IS_WEAPP ? <Notice kind='warn'>网页版没有微信的订阅弹窗：演示时点下面的按钮即视为同意。</Notice> : null}
      <Btn kind='ghost' loading={busy} onClick={() => void subscribe()}>
        {IS_WEAPP ? '开通微信通知' : '演示：同意接收通知'}
      </Btn>
      {note ? <Notice kind={note.kind}>{note.text}</Notice> : null}
      <Text className='link' onClick={() => void Taro.navigateTo({ url: '/pages/messages/index' })}>
        查看我的消息 ›
      </Text>
    </Card>
  );
}
