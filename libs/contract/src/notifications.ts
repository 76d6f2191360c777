/** 订阅消息: "the policy found you" and review results, and what a resident allowed (issue 16). */

export type MessageKind = 'policy_found' | 'status_change';

/** sent: through WeChat; recorded: demo without WeChat; failed: WeChat refused; not_subscribed: only in the mini-program. */
export type NotificationStatus = 'sent' | 'recorded' | 'failed' | 'not_subscribed';

/** A template a resident may allow (wx.requestSubscribeMessage tmplIds) and how many messages it still allows. */
export interface MessageTemplate {
  kind: MessageKind;
  templateId: string;
  title: string;
  remaining: number;
}

export interface AcceptSubscriptionsBody {
  /** Template ids wx.requestSubscribeMessage answered "accept" for. */
  accepted: string[];
}

export interface NotificationView {
  id: string;
  kind: MessageKind;
  title: string;
  fields: Array<{ label: string; value: string }>;
  /** The mini-program page the message opens, e.g. "pages/help/index". */
  page: string;
  status: NotificationStatus;
  createdAt: string;
}
