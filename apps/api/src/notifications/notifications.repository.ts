import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ReadPool } from '../database/read-pool.js';
import { Transactor } from '../database/transactor.js';
import { MessageSubscriptionEntity, NotificationEntity, type MessageKind } from './notification.entity.js';

export interface FoundRecipient {
  userId: string;
  openid: string | null;
  householdId: string;
  policyCode: string;
}

/** The most one-time acceptances kept per template (WeChat itself keeps counting; this bounds a runaway client). */
export const MAX_REMAINING = 50;

@Injectable()
export class NotificationsRepository {
  constructor(
    @InjectRepository(MessageSubscriptionEntity) private readonly subscriptions: Repository<MessageSubscriptionEntity>,
    @InjectRepository(NotificationEntity) private readonly notifications: Repository<NotificationEntity>,
    private readonly tx: Transactor,
    private readonly reads: ReadPool,
  ) {}

  subscriptionsOf(userId: string): Promise<MessageSubscriptionEntity[]> {
    return this.subscriptions.findBy({ userId });
  }

  /** Adds `n` acceptances of a template (capped). */
  async addAcceptances(userId: string, kind: MessageKind, templateId: string, n: number, at: string): Promise<void> {
    await this.tx.run(async (m) => {
      const repo = m.getRepository(MessageSubscriptionEntity);
      const row = await repo.findOneBy({ userId, kind });
      if (!row) await repo.insert({ userId, kind, templateId, remaining: Math.min(MAX_REMAINING, n), updatedAt: at });
      else await repo.update({ userId, kind }, { templateId, remaining: Math.min(MAX_REMAINING, row.remaining + n), updatedAt: at });
    });
  }

  /** Spends one acceptance; false when none is left (then nothing may be sent). */
  async spend(userId: string, kind: MessageKind, at: string): Promise<boolean> {
    const res = await this.tx.write((m) =>
      m
        .createQueryBuilder()
        .update(MessageSubscriptionEntity)
        .set({ remaining: () => 'remaining - 1', updatedAt: at })
        .where('userId = :userId AND kind = :kind AND remaining > 0', { userId, kind })
        .execute(),
    );
    return (res.affected ?? 0) === 1;
  }

  /** Gives an acceptance back (WeChat did not deliver, and the failure was not the user's refusal). */
  async refund(userId: string, kind: MessageKind, at: string): Promise<void> {
    await this.tx.write((m) =>
      m
        .createQueryBuilder()
        .update(MessageSubscriptionEntity)
        .set({ remaining: () => 'remaining + 1', updatedAt: at })
        .where('userId = :userId AND kind = :kind AND remaining < :max', { userId, kind, max: MAX_REMAINING })
        .execute(),
    );
  }

  /** The user withdrew the subscription in WeChat's settings (43101): nothing more until they accept again. */
  async exhaust(userId: string, kind: MessageKind, at: string): Promise<void> {
    await this.tx.write((m) => m.getRepository(MessageSubscriptionEntity).update({ userId, kind }, { remaining: 0, updatedAt: at }));
  }

  /** Records a message; false when this event was already told to this user (the unique event key). */
  async insertOnce(n: NotificationEntity): Promise<boolean> {
    const exists = await this.notifications.findOneBy({ userId: n.userId, eventKey: n.eventKey });
    if (exists) return false;
    try {
      await this.tx.write((m) => m.getRepository(NotificationEntity).insert(n));
      return true;
    } catch {
      return false; // a concurrent insert of the same event won
    }
  }

  async setStatus(id: string, status: NotificationEntity['status'], errcode: number | null): Promise<void> {
    await this.tx.write((m) => m.getRepository(NotificationEntity).update({ id }, { status, errcode }));
  }

  listFor(userId: string, limit: number): Promise<NotificationEntity[]> {
    return this.notifications.find({ where: { userId }, order: { createdAt: 'DESC' }, take: limit });
  }

  /**
   * The bound, face- or staff-verified residents of the households a screening run found newly
   * eligible, with the policies found: one row per (resident, household, policy).
   */
  async newlyEligibleRecipients(runId: string): Promise<FoundRecipient[]> {
    // A join over every newly eligible hit of the run: off the event loop on SQLite.
    const rows = await this.reads.query<{ userId: string; openid: string | null; householdId: string; policyCode: string }>(
      `SELECT u.id AS userId, u.openid AS openid, hit.householdId AS householdId, hit.policyCode AS policyCode
         FROM screening_hit hit
         JOIN household h ON h.id = hit.householdId AND h.status IN ('active', 'pending_review')
         JOIN member m ON m.householdId = hit.householdId AND m.idNumberHash IS NOT NULL
         JOIN app_user u ON u.idNumberHash = m.idNumberHash
        WHERE hit.runId = ? AND hit.category = 'newly_eligible'
          AND u.role = 'resident' AND u.identityVerifiedAt IS NOT NULL AND u.disabledAt IS NULL`,
      [runId],
      'background',
    );
    return rows;
  }

  async benefitAmount(householdId: string, policyCode: string): Promise<number | null> {
    const rows = await this.notifications.manager.query<Array<{ benefitAmount: number | null }>>(
      'SELECT benefitAmount FROM eligibility_current WHERE householdId = ? AND policyCode = ?',
      [householdId, policyCode],
    );
    return rows[0]?.benefitAmount ?? null;
  }
}
