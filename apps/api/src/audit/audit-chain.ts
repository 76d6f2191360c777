import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditLogEntity } from './audit-log.entity.js';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainFields = Pick<
  AuditLogEntity,
  'at' | 'actorId' | 'actorRole' | 'action' | 'entityType' | 'entityId' | 'householdId' | 'ip' | 'detail' | 'prevHash'
>;

/**
 * HMAC-SHA256 over the entry's fields in a fixed order, chained to the previous entry's MAC. Keyed,
 * so whoever can write the table but not read the key cannot recompute the chain after an edit.
 */
export function auditHash(key: Buffer, e: ChainFields): string {
  const canonical = JSON.stringify([e.prevHash, e.at, e.actorId, e.actorRole, e.action, e.entityType, e.entityId, e.householdId, e.ip, e.detail]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

/** The chain's head as last written, signed with the same key, kept outside the database. */
export interface AuditAnchor {
  lastId: number;
  hash: string;
  count: number;
  at: string;
  mac: string;
}

const anchorMac = (key: Buffer, a: Omit<AuditAnchor, 'mac'>): string =>
  createHmac('sha256', key)
    .update(JSON.stringify(['anchor-v1', a.lastId, a.hash, a.count, a.at]))
    .digest('hex');

export function signAnchor(key: Buffer, a: Omit<AuditAnchor, 'mac'>): AuditAnchor {
  return { ...a, mac: anchorMac(key, a) };
}

/**
 * Writes the anchor atomically (temp file, then rename). With `onlyForward`, an anchor is never
 * replaced by an older head (several processes on one host share the file and write in any order).
 */
export function writeAnchor(path: string, anchor: AuditAnchor, onlyForward?: { key: Buffer }): void {
  if (onlyForward) {
    const current = readAnchor(path, onlyForward.key);
    if (current && current !== 'forged' && current.count >= anchor.count) return;
  }
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(anchor), { mode: 0o600 });
  renameSync(tmp, path);
}

/** The anchor on disk, or null when none was written yet; 'forged' when its signature does not hold. */
export function readAnchor(path: string, key: Buffer): AuditAnchor | null | 'forged' {
  if (!existsSync(path)) return null;
  try {
    const a = JSON.parse(readFileSync(path, 'utf8')) as AuditAnchor;
    const want = Buffer.from(anchorMac(key, a), 'hex');
    const got = Buffer.from(String(a.mac), 'hex');
    return got.length === want.length && timingSafeEqual(got, want) ? a : 'forged';
  } catch {
    return 'forged';
  }
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** First entry whose MAC or link does not match. */
  brokenAt?: number;
  /** Why the chain does not verify: edited, gap, truncated, anchor-forged. */
  reason?: 'edited' | 'gap' | 'truncated' | 'anchor_forged';
}

/**
 * Walks a chain in id order, page by page; the state carries over between pages. Held against any
 * number of anchors (one per host when API processes run on several machines): each must name an
 * entry of the chain with its MAC, and the chain must be at least as long as the longest of them.
 */
export class ChainWalker {
  private prev = GENESIS_HASH;
  private lastId = 0;
  checked = 0;
  private readonly anchors: Map<number, AuditAnchor[]>;
  private readonly unseen: Set<AuditAnchor>;
  private readonly longest: number;
  failure: ChainVerification | null = null;

  constructor(
    private readonly key: Buffer,
    anchor: AuditAnchor | AuditAnchor[] | null,
  ) {
    const list = anchor === null ? [] : Array.isArray(anchor) ? anchor : [anchor];
    this.anchors = new Map();
    for (const a of list) this.anchors.set(a.lastId, [...(this.anchors.get(a.lastId) ?? []), a]);
    this.unseen = new Set(list);
    this.longest = Math.max(0, ...list.map((a) => a.count));
  }

  /** Feeds the next page; false once the chain is broken. */
  feed(entries: AuditLogEntity[]): boolean {
    for (const e of entries) {
      if (this.failure) return false;
      // A row removed from the middle breaks the next row's link (ids of MySQL may skip after a rollback, so they are not relied on).
      if (e.prevHash !== this.prev) return this.fail(e.id, 'gap');
      if (auditHash(this.key, e) !== e.hash) return this.fail(e.id, 'edited');
      this.checked++;
      for (const a of this.anchors.get(e.id) ?? []) {
        if (e.hash !== a.hash) return this.fail(e.id, 'edited');
        this.unseen.delete(a);
      }
      this.prev = e.hash;
      this.lastId = e.id;
    }
    return true;
  }

  result(): ChainVerification {
    if (this.failure) return this.failure;
    if (this.unseen.size > 0 || this.checked < this.longest) return { ok: false, checked: this.checked, brokenAt: this.lastId + 1, reason: 'truncated' };
    return { ok: true, checked: this.checked };
  }

  private fail(id: number, reason: ChainVerification['reason']): false {
    this.failure = { ok: false, checked: this.checked, brokenAt: id, reason };
    return false;
  }
}
