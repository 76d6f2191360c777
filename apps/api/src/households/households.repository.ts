import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { HouseholdRiskEntity } from '../risk/risk.entity.js';
import { bulkInsert, columnsOf, insertRowStatement, insertStatements, type Statement } from '../database/bulk.js';
import { householdInScopeSql } from '../database/sql.js';
import { ReadPool } from '../database/read-pool.js';
import { Transactor } from '../database/transactor.js';
import type { Scope } from '../access/access.service.js';
import { addressGramRows, addressGrams } from './address-grams.js';
import { HouseholdEntity } from './household.entity.js';
import { MemberEntity } from './member.entity.js';
import { RevisionEntity } from './revision.entity.js';

export interface HouseholdFilter {
  name?: string;
  address?: string;
  streetCode?: string;
  communityCode?: string;
  gridId?: string;
  status?: HouseholdEntity['status'];
  /** Keyed hash of a member's ID number. */
  memberIdHash?: string;
  /** Current risk colour (household_risk). */
  riskColour?: string;
  /** Currently eligible for this policy (eligibility_current). */
  eligiblePolicy?: string;
}

/** A list row: what the console's table shows, no encrypted columns. */
export interface HouseholdListRow {
  id: string;
  status: HouseholdEntity['status'];
  version: number;
  streetCode: string;
  communityCode: string;
  gridId: string;
  address: string;
  headName: string;
  memberCount: number;
  updatedAt: string;
  riskColour: string | null;
}

/** Where a keyset page starts: after this row in (updatedAt DESC, id DESC) order. */
export interface HouseholdCursor {
  updatedAt: string;
  id: string;
}

export interface HouseholdSearchResult {
  items: HouseholdListRow[];
  total: number;
  /** false: `total` is a lower bound while the exact number is counted in the background (more than LIST_COUNT_CAP, or a common colour or category). */
  totalExact: boolean;
  nextCursor: HouseholdCursor | null;
}

/**
 * What "address contains" looks for: full-width letters and digits as ASCII (NFKC: an IME's "１２号"
 * finds "12号" on SQLite too, whose LIKE folds only ASCII case; MySQL's collation folds widths
 * anyway), LIKE's wildcards (and MySQL's escape character) taken out.
 */
function addressQuery(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[%_\\]/g, '')
    .trim();
}

/** At most `n` of the items, spread evenly from first to last. */
function sample<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.round((i * (items.length - 1)) / (n - 1))]!);
}

/**
 * The most rows of a colour, category or address piece that are read from their own index first
 * (joined to the households and sorted) for a page that ends at row `depth`. Walking the households
 * newest first instead reads about depth × (households ÷ matches) rows, so the deeper the page, the
 * more matches it takes before the walk is the cheaper plan: page 1 leads with at most `firstMax`
 * matches; a deep page of a colour that 2 % of a million households have (20,000) leads too, where
 * the walk would read half a million rows. Bounded so that a lead stays within a console answer.
 */
export function leadLimit(firstMax: number, perRow: number, depth: number): number {
  return Math.max(firstMax, Math.min(LEAD_MAX, perRow * depth));
}
const LEAD_MAX = 40_000;
/** How long a deep page waits for its list's exact length (see `search`). */
const LENGTH_WAIT_MS = 150;

/** The one place that owns household, member and revision queries. */
@Injectable()
export class HouseholdsRepository {
  constructor(
    private readonly tx: Transactor,
    private readonly reads: ReadPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(HouseholdEntity) private readonly households: Repository<HouseholdEntity>,
    @InjectRepository(MemberEntity) private readonly members: Repository<MemberEntity>,
    @InjectRepository(RevisionEntity) private readonly revisions: Repository<RevisionEntity>,
  ) {}

  findById(id: string): Promise<HouseholdEntity | null> {
    return this.households.findOneBy({ id });
  }

  membersOf(householdId: string, m?: EntityManager): Promise<MemberEntity[]> {
    return (m ? m.getRepository(MemberEntity) : this.members).find({ where: { householdId }, order: { position: 'ASC' } });
  }

  /** Members holding any of these ID hashes in a household other than `exceptHouseholdId`: where, and the name they were filed under. */
  async findMembersByIdHashes(
    hashes: string[],
    exceptHouseholdId?: string,
    m?: EntityManager,
  ): Promise<Array<Pick<MemberEntity, 'householdId' | 'idNumberHash' | 'name'>>> {
    if (hashes.length === 0) return [];
    const rows = (await (m ?? this.members.manager).query(
      `SELECT householdId, idNumberHash, name FROM member WHERE idNumberHash IN (${hashes.map(() => '?').join(', ')})`,
      hashes,
    )) as Array<Pick<MemberEntity, 'householdId' | 'idNumberHash' | 'name'>>;
    return rows.filter((r) => r.householdId !== exceptHouseholdId);
  }

  async findActiveHouseholdIdByMemberHash(hash: string): Promise<string | null> {
    const row = await this.members
      .createQueryBuilder('m')
      .innerJoin(HouseholdEntity, 'h', 'h.id = m.householdId')
      .where('m.idNumberHash = :hash', { hash })
      .andWhere('h.status IN (:...st)', { st: ['active', 'pending_review'] })
      .select('m.householdId', 'householdId')
      .getRawOne<{ householdId: string }>();
    return row?.householdId ?? null;
  }

  /**
   * A page of households in scope, newest change first (updatedAt DESC, id DESC), as list rows
   * (no encrypted columns). `cursor` continues after the last row of the previous page (keyset:
   * the same cost at any depth); without it, `page` counts from the start. The total is exact up to
   * LIST_COUNT_CAP; beyond, it is the cap with `totalExact: false` while an exact count is made in the
   * background and kept a minute for the next request. Runs on the read pool (off the event loop).
   */
  async search(scope: Scope, filter: HouseholdFilter, page: number, pageSize: number, cursor?: HouseholdCursor | null): Promise<HouseholdSearchResult> {
    const where = this.whereOf(scope, filter);
    if (filter.memberIdHash !== undefined) {
      // An ID number names at most a household or two: found by its own index, then placed in scope.
      const ids = (await this.reads.query<{ householdId: string }>('SELECT householdId FROM member WHERE idNumberHash = ?', [filter.memberIdHash])).map(
        (r) => r.householdId,
      );
      if (ids.length === 0) return { items: [], total: 0, totalExact: true, nextCursor: null };
      where.sql += ` AND h.id IN (${ids.map(() => '?').join(', ')})`;
      where.params.push(...ids);
    }
    // A colour, a category or an address bigram that few households have is read from its own
    // index, the households joined to it and sorted (a few thousand rows); when each is common, by
    // walking the households newest first and keeping those that match (a page fills within a few
    // hundred rows). Of several, the rarest leads; the others are conditions.
    const satellites: Array<{ from: string; on: string; sql: string; params: unknown[]; gram?: boolean }> = [];
    if (filter.riskColour !== undefined) {
      satellites.push({ from: 'household_risk sr', on: 'sr.householdId = h.id', sql: 'sr.colour = ?', params: [filter.riskColour] });
    }
    if (filter.eligiblePolicy !== undefined) {
      satellites.push({
        from: 'eligibility_current sp',
        on: 'sp.householdId = h.id',
        sql: "sp.policyCode = ? AND sp.outcome = 'eligible'",
        params: [filter.eligiblePolicy],
      });
    }
    const address = filter.address ? addressQuery(filter.address) : '';
    // The LIKE (in whereOf) still decides; a bigram only narrows the rows read. A long query's
    // bigrams are sampled: the rarest of eight is rare enough.
    for (const gram of sample(addressGrams(address), 8)) {
      satellites.push({ from: 'household_address_gram sg', on: 'sg.householdId = h.id', sql: 'sg.gram = ?', params: [gram], gram: true });
    }
    let from = 'household h';
    const conditions = [where.sql];
    const params: unknown[] = [...where.params];
    // A common colour, category or address: counting the matches would probe as many rows as there
    // are households, so the first answer gives a lower bound and the exact count runs in the background.
    let countLater = address !== '';
    const offset = cursor ? 0 : (page - 1) * pageSize;
    if (satellites.length) {
      const leadMax = leadLimit(this.config.listIndexFirstMax, this.config.listLeadPerRow, offset + pageSize);
      const sizes = await Promise.all(
        satellites.map(async (sat) => {
          const [row] = await this.reads.query<{ n: number | string }>(
            `SELECT COUNT(*) AS n FROM (SELECT 1 AS x FROM ${sat.from} WHERE ${sat.sql} LIMIT ${leadMax + 1}) c`,
            sat.params,
          );
          return Number(row?.n ?? 0);
        }),
      );
      let lead = 0;
      sizes.forEach((n, i) => {
        if (n < sizes[lead]!) lead = i;
      });
      const leads = sizes[lead]! <= leadMax;
      if (leads) {
        const sat = satellites[lead]!;
        // CROSS JOIN (SQLite) and STRAIGHT_JOIN (MySQL) keep this join order.
        from = `${sat.from} ${this.mysql ? 'STRAIGHT_JOIN' : 'CROSS JOIN'} household h ON ${sat.on}`;
        conditions.push(sat.sql);
        params.push(...sat.params);
        countLater = false;
      } else countLater = true;
      satellites.forEach((sat, i) => {
        if ((leads && i === lead) || sat.gram) return;
        conditions.push(`EXISTS (SELECT 1 FROM ${sat.from} WHERE ${sat.on} AND ${sat.sql})`);
        params.push(...sat.params);
      });
    }
    const counting = { from, sql: conditions.join(' AND '), params: [...params] };
    if (cursor) {
      conditions.push('h.updatedAt <= ? AND (h.updatedAt < ? OR h.id < ?)');
      params.push(cursor.updatedAt, cursor.updatedAt, cursor.id);
    }
    const countSelect = { sql: `SELECT 1 AS x FROM ${counting.from} WHERE ${counting.sql}`, params: counting.params };
    // Rows offset … offset + pageSize (one more tells whether there is a next page), newest first. A
    // page in the second half of a list whose exact length is known (counted in the last minute) is
    // read from the other end, oldest first: the last page walks a page of rows, not a million. Past
    // the count cap, a list read from its index alone (no colour, category or address, whose count
    // would probe every row) is counted first if need be, waited for at most LENGTH_WAIT_MS: such a
    // count is one pass over an index (36 ms for a million households), the walk to the page is not.
    let window = `ORDER BY h.updatedAt DESC, h.id DESC LIMIT ${pageSize + 1} OFFSET ${offset}`;
    const length =
      offset > this.config.listCountCap && satellites.length === 0
        ? await this.reads.exactCount(countSelect, LENGTH_WAIT_MS)
        : offset > 0
          ? await this.reads.exactCount(countSelect, 0, false)
          : null;
    if (length !== null && offset > length / 2) {
      const start = Math.max(0, length - 1 - offset - pageSize);
      window = `ORDER BY h.updatedAt ASC, h.id ASC LIMIT ${Math.max(0, length - offset - start)} OFFSET ${start}`;
    }
    const [rows, counted] = await Promise.all([
      this.reads.query<HouseholdListRow>(
        `SELECT h.id, h.status, h.version, h.streetCode, h.communityCode, h.gridId, h.address, h.headName, h.memberCount, h.updatedAt, r.colour AS riskColour
         FROM (SELECT h.id FROM ${from} WHERE ${conditions.join(' AND ')} ${window}) p
         JOIN household h ON h.id = p.id LEFT JOIN household_risk r ON r.householdId = h.id
         ORDER BY h.updatedAt DESC, h.id DESC`,
        params,
      ),
      this.reads.total(countSelect, countLater),
    ]);
    const more = rows.length > pageSize;
    const items = rows.slice(0, pageSize).map((r) => ({ ...r, version: Number(r.version), memberCount: Number(r.memberCount) }));
    const last = items[items.length - 1];
    if (counted.total === null) {
      // At least what this page shows, one more if there is a next page (and with a cursor, the
      // rows before it are not known here).
      const seen = offset + items.length + (more ? 1 : 0);
      counted.total = more || cursor ? Math.max(seen, 1) : seen;
      counted.totalExact = !more && !cursor && (items.length > 0 || offset === 0);
    }
    return { items, total: counted.total, totalExact: counted.totalExact, nextCursor: more && last ? { updatedAt: last.updatedAt, id: last.id } : null };
  }

  private get mysql(): boolean {
    return this.households.manager.connection.options.type === 'mysql';
  }

  /** The list's WHERE over `household h` with `?` placeholders: the same SQL on SQLite and MySQL. */
  private whereOf(scope: Scope, filter: HouseholdFilter): { sql: string; params: unknown[] } {
    const sql: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]): void => {
      sql.push(clause);
      params.push(...values);
    };
    const inScope = householdInScopeSql('h', scope);
    add(inScope.sql, ...inScope.params);
    if (filter.name) {
      const prefix = filter.name.replace(/[%_]/g, '');
      // MySQL ranges LIKE 'x%' on the index; SQLite's LIKE ignores a BINARY index, so a prefix there is a code-point range.
      if (!prefix) add('1 = 1');
      else if (this.mysql) add('h.headName LIKE ?', `${prefix}%`);
      else add('h.headName >= ? AND h.headName < ?', prefix, `${prefix}\u{10FFFF}`);
    }
    const address = filter.address ? addressQuery(filter.address) : '';
    if (address) add('h.address LIKE ?', `%${address}%`);
    if (filter.streetCode) add('h.streetCode = ?', filter.streetCode);
    if (filter.communityCode) add('h.communityCode = ?', filter.communityCode);
    if (filter.gridId) add('h.gridId = ?', filter.gridId);
    if (filter.status) add('h.status = ?', filter.status);
    // memberIdHash: resolved to household ids by search() first.
    // riskColour and eligiblePolicy: joined by search(), which picks the plan.
    return { sql: sql.join(' AND '), params };
  }

  /** Current risk colour of each household that has been scored. */
  async riskColours(householdIds: string[]): Promise<Map<string, string>> {
    if (householdIds.length === 0) return new Map();
    const rows = await this.households.manager
      .getRepository(HouseholdRiskEntity)
      .find({ select: { householdId: true, colour: true }, where: { householdId: In(householdIds) } });
    return new Map(rows.map((r) => [r.householdId, r.colour]));
  }

  /**
   * A new household's rows (household, members, address index) as statements of one transaction
   * (Transactor.batch): one statement per table, the hot path of every submission.
   */
  insertStatements(household: HouseholdEntity, members: MemberEntity[]): Statement[] {
    const m = this.households.manager;
    const grams = addressGramRows(household.id, household.address);
    return [
      ...insertStatements(this.tx.mysql, 'household', columnsOf(m, HouseholdEntity, household), [household]),
      ...(members.length ? insertStatements(this.tx.mysql, 'member', columnsOf(m, MemberEntity, members[0]!), members) : []),
      ...insertStatements(this.tx.mysql, 'household_address_gram', ['gram', 'householdId'], grams),
    ];
  }

  /** Many households at once (the demo seed), with their address index. */
  async insertMany(m: EntityManager, households: HouseholdEntity[], members: MemberEntity[]): Promise<void> {
    for (let i = 0; i < households.length; i += 100) await m.getRepository(HouseholdEntity).insert(households.slice(i, i + 100));
    for (let i = 0; i < members.length; i += 100) await m.getRepository(MemberEntity).insert(members.slice(i, i + 100));
    const grams = households.flatMap((h) => addressGramRows(h.id, h.address));
    await bulkInsert(m, 'household_address_gram', ['gram', 'householdId'], grams, 400);
  }

  /** The address's bigrams (address-grams.ts), replaced whenever the address is written (a new household's: `insertStatements`). */
  private async reindexAddress(m: EntityManager, householdId: string, address: string): Promise<void> {
    await m.query('DELETE FROM household_address_gram WHERE householdId = ?', [householdId]);
    const rows = addressGramRows(householdId, address);
    if (rows.length) await bulkInsert(m, 'household_address_gram', ['gram', 'householdId'], rows);
  }

  /** Optimistic update: succeeds only if the stored version is still `expectedVersion`. */
  async updateIfVersion(m: EntityManager, id: string, expectedVersion: number, patch: Partial<HouseholdEntity>): Promise<boolean> {
    const res = await m
      .createQueryBuilder()
      .update(HouseholdEntity)
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id = :id AND version = :v', { id, v: expectedVersion })
      .execute();
    const ok = (res.affected ?? 0) === 1;
    // An erased address leaves nothing of the old one in the index either.
    if (ok && patch.address !== undefined) await this.reindexAddress(m, id, patch.address);
    return ok;
  }

  /**
   * A household moved to another grid: everything that hangs off it moves in the same transaction,
   * and tasks held by a worker of the old grid go back to the pool (the old phone learns it on sync).
   */
  async rePlace(m: EntityManager, householdId: string, grid: { id: string; communityCode: string; streetCode: string; districtCode: string }): Promise<void> {
    const set = 'gridId = ?, communityCode = ?, streetCode = ?, districtCode = ?';
    const place = [grid.id, grid.communityCode, grid.streetCode, grid.districtCode];
    await m.query(`UPDATE \`warning\` SET ${set} WHERE householdId = ?`, [...place, householdId]);
    await m.query(`UPDATE \`submission\` SET gridId = ?, streetCode = ?, districtCode = ? WHERE householdId = ?`, [
      grid.id,
      grid.streetCode,
      grid.districtCode,
      householdId,
    ]);
    const held = await m.query<Array<{ id: string }>>(
      `SELECT id FROM verification_task WHERE householdId = ? AND assigneeId IS NOT NULL AND status IN ('assigned', 'in_progress')`,
      [householdId],
    );
    await m.query(`UPDATE verification_task SET ${set} WHERE householdId = ?`, [...place, householdId]);
    if (held.length === 0) return;
    await m.query(`UPDATE task_sequence SET value = value + ? WHERE name = 'task'`, [held.length]);
    const [row] = await m.query<Array<{ value: number | string }>>(`SELECT value FROM task_sequence WHERE name = 'task'`);
    let seq = Number(row?.value ?? 0) - held.length;
    for (const t of held) {
      seq += 1;
      await m.query(`UPDATE verification_task SET previousAssigneeId = assigneeId, assigneeId = NULL, status = 'open', seq = ? WHERE id = ?`, [seq, t.id]);
    }
  }

  async replaceMembers(m: EntityManager, householdId: string, members: MemberEntity[]): Promise<void> {
    await m.getRepository(MemberEntity).delete({ householdId });
    if (members.length) await m.getRepository(MemberEntity).insert(members);
  }

  async updateMembers(m: EntityManager, householdId: string, patch: Partial<MemberEntity>): Promise<void> {
    await m.getRepository(MemberEntity).update({ householdId }, patch);
  }

  async addRevision(m: EntityManager, revision: Omit<RevisionEntity, 'id'>): Promise<void> {
    await m.getRepository(RevisionEntity).insert(revision);
  }

  /** `addRevision` as a statement of a batch. */
  revisionStatement(revision: Omit<RevisionEntity, 'id'>): Statement {
    const row = revision as RevisionEntity;
    return insertRowStatement(this.tx.mysql, 'revision', columnsOf(this.revisions.manager, RevisionEntity, row), row);
  }

  revisionsOf(householdId: string): Promise<RevisionEntity[]> {
    return this.revisions.find({ where: { householdId }, order: { id: 'DESC' }, take: 200 });
  }

  /** A page of active households of a district in id order (keyset pagination), for population runs. */
  pageActive(
    districtCode: string,
    afterId: string,
    limit: number,
    streetCode?: string,
    uptoId?: string | null,
  ): Promise<Array<Pick<HouseholdEntity, 'id' | 'streetCode' | 'communityCode' | 'snapshotEnc'>>> {
    const qb = this.households
      .createQueryBuilder('h')
      .select('h.id', 'id')
      .addSelect('h.streetCode', 'streetCode')
      .addSelect('h.communityCode', 'communityCode')
      .addSelect('h.snapshotEnc', 'snapshotEnc')
      .where('h.districtCode = :d AND h.status = :st AND h.id > :after', { d: districtCode, st: 'active', after: afterId });
    if (streetCode) qb.andWhere('h.streetCode = :street', { street: streetCode });
    if (uptoId) qb.andWhere('h.id <= :upto', { upto: uptoId });
    // A page of a population run (thousands of encrypted snapshots): off the event loop on SQLite.
    return this.reads.raw(qb.orderBy('h.id', 'ASC').limit(limit), 'jobs');
  }

  /**
   * Shard boundaries over the district's active households: every `size`-th id, by key, so the
   * shards (from, to] cover the whole key space (the last one is open-ended) with `size` each.
   */
  async shardBoundaries(districtCode: string, size: number): Promise<string[]> {
    const bounds: string[] = [];
    let after = '';
    for (;;) {
      const qb = this.households
        .createQueryBuilder('h')
        .select('h.id', 'id')
        .where('h.districtCode = :d AND h.status = :st AND h.id > :after', { d: districtCode, st: 'active', after })
        .orderBy('h.id', 'ASC')
        .offset(size - 1)
        .limit(1);
      // Each step skips `size` index entries: off the event loop on SQLite.
      const [row] = await this.reads.raw<{ id: string }>(qb, 'jobs');
      if (!row) return bounds;
      bounds.push(row.id);
      after = row.id;
    }
  }

  /** A count over the whole district (a population run's total): off the event loop on SQLite. */
  async countActive(districtCode: string): Promise<number> {
    const qb = this.households
      .createQueryBuilder('h')
      .select('COUNT(*)', 'n')
      .where('h.districtCode = :d AND h.status = :st', { d: districtCode, st: 'active' });
    const [row] = await this.reads.raw<{ n: number | string }>(qb, 'jobs');
    return Number(row?.n ?? 0);
  }

  countByStatus(status: HouseholdEntity['status']): Promise<number> {
    return this.households.countBy({ status });
  }
}
