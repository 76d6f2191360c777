import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/time.js';
import { UsersRepository } from '../auth/users.repository.js';
import { insertStatements } from '../database/bulk.js';
import { Transactor } from '../database/transactor.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AuditLogEntity } from './audit-log.entity.js';
import {
  ChainWalker,
  GENESIS_HASH,
  auditHash,
  readAnchor,
  signAnchor,
  writeAnchor,
  type AuditAnchor,
  type ChainFields,
  type ChainVerification,
} from './audit-chain.js';

export { GENESIS_HASH, auditHash, type ChainVerification } from './audit-chain.js';

export interface AuditEntryInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  householdId?: string | null;
  detail?: Record<string, unknown>;
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

interface Pending {
  actor: Pick<AuthContext, 'userId' | 'role' | 'ip'> | null;
  input: AuditEntryInput;
  at: string;
  resolve: () => void;
  reject: (e: unknown) => void;
}

const AUDIT_COLUMNS = [
  'id',
  'at',
  'actorId',
  'actorRole',
  'action',
  'entityType',
  'entityId',
  'householdId',
  'ip',
  'detail',
  'prevHash',
  'hash',
] as const satisfies ReadonlyArray<keyof AuditLogEntity>;

/** The chain's head as stored in `audit_head` (one row, id 1). */
export interface ChainHead {
  lastId: number;
  hash: string;
  count: number;
}

/**
 * Append-only audit log. Entries are chained in the order they are committed and written by group
 * commit: everything recorded while one write is in flight goes into the next single transaction,
 * and each caller's promise settles only when its entry is stored. Each entry is an HMAC (key outside
 * the database) chained to the one before.
 *
 * The chain's head lives in the database (`audit_head`), not in this process: each group commit
 * chains its entries to the head, moves the stored head only if it is still that head (a guarded
 * UPDATE, which on MySQL/TiDB holds the row until the commit) and inserts the entries, all in one
 * transaction; if another process moved the head first, it chains them again to the new head. So
 * any number of API processes append to one chain, and a failed commit leaves the head where it was.
 *
 * After each commit (at most once a second, and at shutdown) the head this process just wrote is
 * signed into the anchor file outside the database. Processes on one host share the file and only
 * ever move it forward; processes on other hosts keep their own, and `audit:verify` holds the chain
 * against every anchor it is given. An edit, a recomputed chain, a truncation or an emptied table
 * all fail verification.
 */
@Injectable()
export class AuditService implements OnApplicationShutdown {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  /** The head this process last committed (what its anchor may say). */
  private head: ChainHead | null = null;
  /** The stored head as this process last saw it: the next batch is chained to it (see `append`). */
  private seen: ChainHead | null = null;
  private anchorWrittenAt = 0;
  private anchorDirty = false;
  private anchorTimer: NodeJS.Timeout | null = null;

  constructor(
    @InjectRepository(AuditLogEntity) private readonly repo: Repository<AuditLogEntity>,
    private readonly clock: Clock,
    private readonly tx: Transactor,
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationShutdown(): void {
    if (this.anchorTimer) clearTimeout(this.anchorTimer);
    if (this.anchorDirty) this.writeAnchorNow();
  }

  private writeAnchorNow(head = this.head, onlyForward = true): void {
    this.anchorDirty = false;
    this.anchorWrittenAt = Date.now();
    if (!head || head.lastId === 0) return;
    const anchor = signAnchor(this.config.auditKey, { lastId: head.lastId, hash: head.hash, count: head.count, at: this.clock.iso() });
    writeAnchor(this.config.auditAnchorPath, anchor, onlyForward ? { key: this.config.auditKey } : undefined);
  }

  /** Anchors at most once a second; a pending anchor is written by a timer or at shutdown. */
  private anchorSoon(): void {
    this.anchorDirty = true;
    const wait = this.anchorWrittenAt + 1000 - Date.now();
    if (wait <= 0) this.writeAnchorNow();
    else
      this.anchorTimer ??= setTimeout(() => {
        this.anchorTimer = null;
        if (this.anchorDirty) this.writeAnchorNow();
      }, wait).unref();
  }

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
        this.head = await this.append(batch);
        this.anchorSoon();
        for (const p of batch) p.resolve();
      } catch (e) {
        for (const p of batch) p.reject(e);
      }
    }
    this.flushing = null;
  }

  /**
   * One group commit: chain the batch to the head this process last saw, and in one transaction
   * move the stored head, guarded on it still being that head, and insert the entries. When
   * another process appended in between, the guard changes nothing, the transaction writes nothing,
   * and the batch is chained again to the head now stored. (No locking read: the statements run in
   * SQLite's write worker, and on MySQL/TiDB the guarded UPDATE is the lock.)
   */
  private async append(batch: Pending[]): Promise<ChainHead> {
    for (let attempt = 1; ; attempt++) {
      const base = (this.seen ??= await this.storedHead(true));
      const { rows, head } = this.chain(base, batch);
      const moved = await this.tx.batch(() => [
        {
          sql: 'UPDATE audit_head SET lastId = ?, hash = ?, entries = ?, updatedAt = ? WHERE id = 1 AND lastId = ? AND hash = ?',
          params: [head.lastId, head.hash, head.count, this.clock.iso(), base.lastId, base.hash],
          expectOne: true,
        },
        // Plain placeholders: TypeORM writes a given generated id into the SQL text itself, so each
        // group commit was a new statement to prepare, and each pushed a useful one out of the cache.
        ...insertStatements(this.tx.mysql, 'audit_log', AUDIT_COLUMNS, rows, 100),
      ]);
      if (moved) {
        this.seen = head;
        return head;
      }
      this.seen = null;
      if (attempt >= 100) throw new Error('audit chain: the stored head kept moving');
    }
  }

  /** The batch's entries chained to `base`, and the head after them. */
  private chain(base: ChainHead, batch: Pending[]): { rows: Array<ChainFields & { id: number; hash: string }>; head: ChainHead } {
    let prev = base.hash;
    const firstId = base.lastId + 1;
    const rows = batch.map(({ actor, input, at }, i) => {
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
      prev = auditHash(this.config.auditKey, fields);
      // Ids are given here, chained to the head the guard holds, so id order is chain order on every
      // engine (TiDB hands out AUTO_INCREMENT values in per-server batches, not in commit order).
      return { id: firstId + i, ...fields, hash: prev };
    });
    return { rows, head: { lastId: firstId + rows.length - 1, hash: prev, count: base.count + rows.length } };
  }

  /** The head as stored now (written by any process); `required`: a missing head row is an error, not the genesis. */
  async storedHead(required = false): Promise<ChainHead> {
    const [h] = (await this.repo.manager.query('SELECT lastId, hash, entries FROM audit_head WHERE id = 1')) as Array<{
      lastId: number;
      hash: string;
      entries: number | string;
    }>;
    if (!h && required) throw new Error('audit_head is missing: run the migrations');
    return { lastId: Number(h?.lastId ?? 0), hash: h?.hash ?? GENESIS_HASH, count: Number(h?.entries ?? 0) };
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
    const [items, total] = await qb
      .orderBy('a.id', 'DESC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /** "username（display name）" of the actors on a page of entries. */
  async actorNames(ids: string[]): Promise<Map<string, string>> {
    const names = await this.users.namesOf(ids);
    return new Map([...names].map(([id, n]) => [id, n.username ? `${n.username}（${n.displayName}）` : n.displayName]));
  }

  /** One household's trail, newest first; `actions` narrows it (e.g. to reads). */
  async listForHousehold(
    householdId: string,
    actions: readonly string[] | null,
    page: number,
    pageSize: number,
  ): Promise<{ items: AuditLogEntity[]; total: number }> {
    await this.flushing;
    const [items, total] = await this.repo.findAndCount({
      where: { householdId, ...(actions ? { action: In([...actions]) } : {}) },
      order: { id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }

  /** One actor's entries of some actions, newest first (a reviewer's 已办). */
  async listByActor(actorId: string, actions: readonly string[], page: number, pageSize: number): Promise<{ items: AuditLogEntity[]; total: number }> {
    await this.flushing;
    const [items, total] = await this.repo.findAndCount({
      where: { actorId, action: In([...actions]) },
      order: { id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }

  /** Stores what is queued and anchors the stored head now, whoever wrote it (tests, shutdown, operators). */
  async checkpoint(): Promise<void> {
    await this.flushing;
    if (this.anchorTimer) clearTimeout(this.anchorTimer);
    this.anchorTimer = null;
    this.writeAnchorNow(await this.storedHead(), false);
  }

  /** Walks the whole chain in pages and holds it against the anchor. */
  async verify(): Promise<ChainVerification> {
    await this.flushing;
    return verifyStoredChain(this.repo, this.config);
  }
}

/**
 * Walks a stored chain in id order with the key and holds it against the anchor file, and against
 * the anchors of other hosts when given (`moreAnchorPaths`).
 */
export async function verifyStoredChain(
  repo: Repository<AuditLogEntity>,
  config: Pick<AppConfig, 'auditKey' | 'auditAnchorPath'>,
  moreAnchorPaths: string[] = [],
): Promise<ChainVerification> {
  const anchors: AuditAnchor[] = [];
  for (const path of [config.auditAnchorPath, ...moreAnchorPaths]) {
    const anchor = readAnchor(path, config.auditKey);
    if (anchor === 'forged') return { ok: false, checked: 0, reason: 'anchor_forged' };
    if (anchor) anchors.push(anchor);
  }
  const walker = new ChainWalker(config.auditKey, anchors);
  let afterId = 0;
  for (;;) {
    const page = await repo.createQueryBuilder('a').where('a.id > :afterId', { afterId }).orderBy('a.id', 'ASC').take(5000).getMany();
    if (page.length === 0 || !walker.feed(page)) break;
    afterId = page[page.length - 1]!.id;
  }
  return walker.result();
}
