import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/time.js';
import { UsersRepository } from '../auth/users.repository.js';
import { Transactor } from '../database/transactor.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AuditLogEntity } from './audit-log.entity.js';
import { ChainWalker, GENESIS_HASH, auditHash, readAnchor, signAnchor, writeAnchor, type ChainFields, type ChainVerification } from './audit-chain.js';

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

/**
 * Append-only audit log. Entries are chained in the order they are recorded and written by group
 * commit: everything recorded while one write is in flight goes into the next single transaction,
 * and each caller's promise settles only when its entry is stored. Each entry is an HMAC (key outside
 * the database) chained to the one before; the chain's head, id and count are written, signed, to an
 * anchor file outside the database after each group commit (at most once a second, and at shutdown),
 * so an edit, a recomputed chain, a truncation or an emptied table all fail verification.
 * The API runs as one process per database, so the in-memory tail of the chain is authoritative.
 */
@Injectable()
export class AuditService implements OnApplicationShutdown {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private lastHash: string | null = null;
  private lastId = 0;
  private count = 0;
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

  private writeAnchorNow(): void {
    this.anchorDirty = false;
    this.anchorWrittenAt = Date.now();
    if (this.lastHash === null || this.lastId === 0) return;
    writeAnchor(this.config.auditAnchorPath, signAnchor(this.config.auditKey, { lastId: this.lastId, hash: this.lastHash, count: this.count, at: this.clock.iso() }));
  }

  /** Anchors at most once a second; a pending anchor is written by a timer or at shutdown. */
  private anchorSoon(): void {
    this.anchorDirty = true;
    const wait = this.anchorWrittenAt + 1000 - Date.now();
    if (wait <= 0) this.writeAnchorNow();
    else this.anchorTimer ??= setTimeout(() => {
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
        if (this.lastHash === null) {
          const last = await this.repo.find({ order: { id: 'DESC' }, take: 1 });
          this.lastHash = last[0]?.hash ?? GENESIS_HASH;
          this.lastId = last[0]?.id ?? 0;
          this.count = await this.repo.count();
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
          prev = auditHash(this.config.auditKey, fields);
          return { ...fields, hash: prev };
        });
        await this.tx.run(async (m) => {
          for (let i = 0; i < rows.length; i += 100) await m.getRepository(AuditLogEntity).insert(rows.slice(i, i + 100));
        });
        this.lastHash = prev;
        const [tail] = await this.repo.find({ select: { id: true }, order: { id: 'DESC' }, take: 1 });
        this.lastId = tail?.id ?? this.lastId;
        this.count += rows.length;
        this.anchorSoon();
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
    const names = await this.users.namesOf(ids);
    return new Map([...names].map(([id, n]) => [id, n.username ? `${n.username}（${n.displayName}）` : n.displayName]));
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

  /** Stores what is queued and anchors the head now (tests, shutdown, operators). */
  async checkpoint(): Promise<void> {
    await this.flushing;
    if (this.anchorTimer) clearTimeout(this.anchorTimer);
    this.anchorTimer = null;
    this.writeAnchorNow();
  }

  /** Walks the whole chain in pages and holds it against the anchor. */
  async verify(): Promise<ChainVerification> {
    await this.flushing;
    return verifyStoredChain(this.repo, this.config);
  }
}

/** Walks a stored chain in id order with the key and holds it against the anchor file. */
export async function verifyStoredChain(repo: Repository<AuditLogEntity>, config: Pick<AppConfig, 'auditKey' | 'auditAnchorPath'>): Promise<ChainVerification> {
  const anchor = readAnchor(config.auditAnchorPath, config.auditKey);
  if (anchor === 'forged') return { ok: false, checked: 0, reason: 'anchor_forged' };
  const walker = new ChainWalker(config.auditKey, anchor);
  let afterId = 0;
  for (;;) {
    const page = await repo.createQueryBuilder('a').where('a.id > :afterId', { afterId }).orderBy('a.id', 'ASC').take(5000).getMany();
    if (page.length === 0 || !walker.feed(page)) break;
    afterId = page[page.length - 1]!.id;
  }
  return walker.result();
}
