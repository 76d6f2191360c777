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
   * eligible, with the policies found: one row per (resident, household, policy). The residents are few and the run's hits many (2.2 million newly eligible at a million
   * households): the hits are scanned once against the residents' households (a set built once),
   * not joined hit by hit to household, member and user; with no resident, not scanned at all.
   * Off the event loop on SQLite.
   */
  async newlyEligibleRecipients(runId: string): Promise<FoundRecipient[]> {
    const residents = `SELECT m.householdId FROM app_user u JOIN member m ON m.idNumberHash = u.idNumberHash
       WHERE u.role = 'resident' AND u.identityVerifiedAt IS NOT NULL AND u.disabledAt IS NULL`;
    const people = await this.reads.query<{ userId: string; openid: string | null; householdId: string }>(
      `SELECT u.id AS userId, u.openid AS openid, m.householdId AS householdId
         FROM app_user u
         JOIN member m ON m.idNumberHash = u.idNumberHash
         JOIN household h ON h.id = m.householdId AND h.status IN ('active', 'pending_review')
        WHERE u.role = 'resident' AND u.identityVerifiedAt IS NOT NULL AND u.disabledAt IS NULL`,
      [],
      'jobs',
    );
    if (people.length === 0) return [];
    const byHousehold = new Map<string, Array<{ userId: string; openid: string | null }>>();
    for (const p of people) {
      const list = byHousehold.get(p.householdId) ?? [];
      list.push({ userId: p.userId, openid: p.openid });
      byHousehold.set(p.householdId, list);
    }
    const hits = await this.reads.query<{ householdId: string; policyCode: string }>(
      `SELECT householdId, policyCode FROM screening_hit
        WHERE runId = ? AND category = 'newly_eligible' AND householdId IN (${residents})`,
      [runId],
      'jobs',
    );
    return hits.flatMap((h) => (byHousehold.get(h.householdId) ?? []).map((p) => ({ ...p, householdId: h.householdId, policyCode: h.policyCode })));
  }

  async benefitAmount(householdId: string, policyCode: string): Promise<number | null> {
    const rows = await this.notifications.manager.query<Array<{ benefitAmount: number | null }>>(
      'SELECT benefitAmount FROM eligibility_current WHERE householdId = ? AND policyCode = ?',
      [householdId, policyCode],
    );
    return rows[0]?.benefitAmount ?? null;
  }
}
