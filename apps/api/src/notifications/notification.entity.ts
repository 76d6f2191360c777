import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The two kinds of 订阅消息 the API sends. */
export const MESSAGE_KINDS = ['policy_found', 'status_change'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * What a resident has allowed: WeChat's one-time subscription lets the mini-program send one
 * message per acceptance of a template, so acceptances are counted and each message spends one.
 */
@Entity('message_subscription')
export class MessageSubscriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind: MessageKind;

  @Column({ type: 'varchar', length: 64 })
  templateId: string;

  /** Messages still allowed (acceptances not yet spent). */
  @Column({ type: 'int' })
  remaining: number;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}

export type NotificationStatus = 'sent' | 'recorded' | 'failed' | 'not_subscribed';

/**
 * A message to a resident, sent or not: the words the resident was (or would have been) told, for
 * their own list in the mini-program and so one event is never told twice.
 */
@Entity('notification')
@Index('idx_notification_user', ['userId', 'createdAt'])
@Index('uq_notification_event', ['userId', 'eventKey'], { unique: true })
export class NotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  householdId: string | null;

  @Column({ type: 'varchar', length: 20 })
  kind: MessageKind;

  /** What caused it, e.g. "screening:<runId>" or "submission:<id>:approved": unique per user. */
  @Column({ type: 'varchar', length: 100 })
  eventKey: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  /** The message's fields as shown to the resident (JSON: [{ label, value }]). */
  @Column({ type: 'text' })
  content: string;

  /** The page of the mini-program the message opens. */
  @Column({ type: 'varchar', length: 200 })
  page: string;

  @Column({ type: 'varchar', length: 16 })
  status: NotificationStatus;

  /** WeChat's errcode when sending failed. */
  @Column({ type: 'int', nullable: true })
  errcode: number | null;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;
}

export const NOTIFICATION_ENTITIES = [MessageSubscriptionEntity, NotificationEntity];
