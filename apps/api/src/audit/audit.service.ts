import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { In, Repository } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/time.js';
import { Transactor } from '../database/transactor.js';
import { AuditLogEntity } from './audit-log.entity.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  householdId?: string | null;
  detail?: Record<string, unknown>;
}

type ChainFields = Pick<AuditLogEntity, 'at' | 'actorId' | 'actorRole' | 'action' | 'entityType' | 'entityId' | 'householdId' | 'ip' | 'detail' | 'prevHash'>;

/** sha256 over the entry's fields in a fixed order, chained to the previous entry's hash. */
export function auditHash(e: ChainFields): string {
  const canonical = JSON.stringify([e.prevHash, e.at, e.actorId, e.actorRole, e.action, e.entityType, e.entityId, e.householdId, e.ip, e.detail]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface AuditFilter {
  householdId?: string;
  action?: string;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** First entry whose hash or link does not match. */
  brokenAt?: number;
}

/** Verifies a chain read in id order; streaming-friendly (call with consecutive pages). */
export function verifyChain(entries: AuditLogEntity[], prevHash = GENESIS_HASH): ChainVerification & { lastHash: string } {
  let last = prevHash;
  for (const [i, e] of entries.entries()) {
    if (e.prevHash !== last || auditHash(e) !== e.hash) return { ok: false, checked: i, brokenAt: e.id, lastHash: last };
    last = e.hash;
  }
  return { ok: true, checked: entries.length, lastHash: last };
}

interface Pending {
  actor: Pick<AuthContext, 'userId' | 'role' | 'ip'> | null;
  input: AuditEntryInput;
  at: string;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Append-only audit log. Entries are chained in the order they are recorded and written by group
 * commit: everything recorded while one write is in flight goes into the next single transaction,
 * and each caller's promise settles only when its entry is stored. The API runs as one process per
 * database (ARCHITECTURE.md), so the in-memory tail of the chain is authoritative.
 */
@Injectable()
export class AuditService {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private lastHash: string | null = null;

  constructor(
    @InjectRepository(AuditLogEntity) private readonly repo: Repository<AuditLogEntity>,
    private readonly clock: Clock,
    private readonly tx: Transactor,
  ) {}

  record(actor: Pick<AuthContext, 'userId' | 'role' | 'ip'> | null, input: AuditEntryInput): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ actor, input, at: this.clock.iso(), resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      try {
        if (this.lastHash === null) {
          const last = await this.repo.find({ order: { id: 'DESC' }, take: 1 });
          this.lastHash = last[0]?.hash ?? GENESIS_HASH;
        }
        let prev = this.lastHash;
        const rows = batch.map(({ actor, input, at }) => {
          const fields: ChainFields = {
            at,
            actorId: actor?.userId ?? null,
            actorRole: actor?.role ?? 'system',
            action: input.action,
            entityType: input.entityType,
            entityId: input.entityId ?? null,
            householdId: input.householdId ?? null,
            ip: actor?.ip ?? null,
            detail: JSON.stringify(input.detail ?? {}),
            prevHash: prev,
          };
          prev = auditHash(fields);
          return { ...fields, hash: prev };
        });
        await this.tx.run(async (m) => {
          for (let i = 0; i < rows.length; i += 100) await m.getRepository(AuditLogEntity).insert(rows.slice(i, i + 100));
        });
        this.lastHash = prev;
        for (const p of batch) p.resolve();
      } catch (e) {
        this.lastHash = null;
        for (const p of batch) p.reject(e);
      }
    }
    this.flushing = null;
  }

  async list(filter: AuditFilter): Promise<{ items: AuditLogEntity[]; total: number }> {
    const qb = this.repo.createQueryBuilder('a').where('1 = 1');
    if (filter.householdId) qb.andWhere('a.householdId = :householdId', { householdId: filter.householdId });
    if (filter.action?.endsWith('.')) qb.andWhere('a.action LIKE :actionPrefix', { actionPrefix: `${filter.action.replace(/[%_]/g, '')}%` });
    else if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.actorId) qb.andWhere('a.actorId = :actorId', { actorId: filter.actorId });
    if (filter.entityType) qb.andWhere('a.entityType = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entityId = :entityId', { entityId: filter.entityId });
    // Timestamps are UTC ISO text; the dates a user picks are China dates (UTC+8).
    if (filter.from) qb.andWhere('a.at >= :from', { from: new Date(Date.parse(`${filter.from}T00:00:00+08:00`)).toISOString() });
    if (filter.to) qb.andWhere('a.at < :to', { to: new Date(Date.parse(`${filter.to}T00:00:00+08:00`) + 86_400_000).toISOString() });
    const [items, total] = await qb.orderBy('a.id', 'DESC').skip((filter.page - 1) * filter.pageSize).take(filter.pageSize).getManyAndCount();
    return { items, total };
  }

  /** "username（display name）" of the actors on a page of entries. */
  async actorNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.repo.manager.query<Array<{ id: string; username: string | null; displayName: string }>>(
      `SELECT id, username, displayName FROM app_user WHERE id IN (${unique.map(() => '?').join(', ')})`, unique);
    return new Map(rows.map((r) => [r.id, r.username ? `${r.username}（${r.displayName}）` : r.displayName]));
  }

  /** One household's trail, newest first; `actions` narrows it (e.g. to reads). */
  async listForHousehold(householdId: string, actions: readonly string[] | null, page: number, pageSize: number): Promise<{ items: AuditLogEntity[]; total: number }> {
    await this.flushing;
    const [items, total] = await this.repo.findAndCount({
      where: { householdId, ...(actions ? { action: In([...actions]) } : {}) },
      order: { id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }

  /** Walks the whole chain in pages. */
  async verify(): Promise<ChainVerification> {
    await this.flushing;
    let prev = GENESIS_HASH;
    let checked = 0;
    let afterId = 0;
    for (;;) {
      const page = await this.repo.createQueryBuilder('a').where('a.id > :afterId', { afterId }).orderBy('a.id', 'ASC').take(5000).getMany();
      if (page.length === 0) return { ok: true, checked };
      const r = verifyChain(page, prev);
      checked += r.checked;
      if (!r.ok) return { ok: false, checked, brokenAt: r.brokenAt };
      prev = r.lastHash;
      afterId = page[page.length - 1]!.id;
    }
  }
}
