import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { EligibilityCurrentEntity } from '../eligibility/eligibility-current.entity.js';
import { HouseholdRiskEntity } from '../risk/risk.entity.js';
import type { Scope } from '../access/access.service.js';
import { whereHouseholdInScope } from '../database/sql.js';
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

/** The one place that owns household, member and revision queries. */
@Injectable()
export class HouseholdsRepository {
  constructor(
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

  /** Members holding any of these ID hashes in a household other than `exceptHouseholdId`. */
  async findMembersByIdHashes(hashes: string[], exceptHouseholdId?: string, m?: EntityManager): Promise<MemberEntity[]> {
    if (hashes.length === 0) return [];
    const rows = await (m ? m.getRepository(MemberEntity) : this.members).find({ where: { idNumberHash: In(hashes) } });
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

  async search(scope: Scope, filter: HouseholdFilter, page: number, pageSize: number): Promise<{ items: HouseholdEntity[]; total: number }> {
    const qb = this.households.createQueryBuilder('h');
    whereHouseholdInScope(qb, 'h', scope);
    if (filter.name) qb.andWhere('h.headName LIKE :name', { name: `${filter.name.replace(/[%_]/g, '')}%` });
    if (filter.address) qb.andWhere('h.address LIKE :addr', { addr: `%${filter.address.replace(/[%_]/g, '')}%` });
    if (filter.streetCode) qb.andWhere('h.streetCode = :street', { street: filter.streetCode });
    if (filter.communityCode) qb.andWhere('h.communityCode = :community', { community: filter.communityCode });
    if (filter.gridId) qb.andWhere('h.gridId = :grid', { grid: filter.gridId });
    if (filter.status) qb.andWhere('h.status = :status', { status: filter.status });
    if (filter.memberIdHash) {
      qb.andWhere('h.id IN ' + qb.subQuery().select('m.householdId').from(MemberEntity, 'm').where('m.idNumberHash = :mh').getQuery(), { mh: filter.memberIdHash });
    }
    if (filter.riskColour) {
      qb.andWhere('h.id IN ' + qb.subQuery().select('r.householdId').from(HouseholdRiskEntity, 'r').where('r.colour = :colour').getQuery(), { colour: filter.riskColour });
    }
    if (filter.eligiblePolicy) {
      qb.andWhere('h.id IN ' + qb.subQuery().select('e.householdId').from(EligibilityCurrentEntity, 'e').where('e.policyCode = :policy AND e.outcome = :eligible').getQuery(), { policy: filter.eligiblePolicy, eligible: 'eligible' });
    }
    const [items, total] = await qb.orderBy('h.updatedAt', 'DESC').addOrderBy('h.id', 'ASC').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { items, total };
  }

  /** Current risk colour of each household that has been scored. */
  async riskColours(householdIds: string[]): Promise<Map<string, string>> {
    if (householdIds.length === 0) return new Map();
    const rows = await this.households.manager.getRepository(HouseholdRiskEntity).find({ select: { householdId: true, colour: true }, where: { householdId: In(householdIds) } });
    return new Map(rows.map((r) => [r.householdId, r.colour]));
  }


  async insert(m: EntityManager, household: HouseholdEntity, members: MemberEntity[]): Promise<void> {
    await m.getRepository(HouseholdEntity).insert(household);
    if (members.length) await m.getRepository(MemberEntity).insert(members);
  }

  /** Optimistic update: succeeds only if the stored version is still `expectedVersion`. */
  async updateIfVersion(m: EntityManager, id: string, expectedVersion: number, patch: Partial<HouseholdEntity>): Promise<boolean> {
    const res = await m
      .createQueryBuilder()
      .update(HouseholdEntity)
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id = :id AND version = :v', { id, v: expectedVersion })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /**
   * A household moved to another grid: everything that hangs off it moves in the same transaction,
   * and tasks held by a worker of the old grid go back to the pool (the old phone learns it on sync).
   */
  async rePlace(m: EntityManager, householdId: string, grid: { id: string; communityCode: string; streetCode: string; districtCode: string }): Promise<void> {
    const set = 'gridId = ?, communityCode = ?, streetCode = ?, districtCode = ?';
    const place = [grid.id, grid.communityCode, grid.streetCode, grid.districtCode];
    await m.query(`UPDATE \`warning\` SET ${set} WHERE householdId = ?`, [...place, householdId]);
    await m.query(`UPDATE \`submission\` SET gridId = ?, streetCode = ?, districtCode = ? WHERE householdId = ?`, [grid.id, grid.streetCode, grid.districtCode, householdId]);
    const held = await m.query<Array<{ id: string }>>(
      `SELECT id FROM verification_task WHERE householdId = ? AND assigneeId IS NOT NULL AND status IN ('assigned', 'in_progress')`, [householdId],
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

  revisionsOf(householdId: string): Promise<RevisionEntity[]> {
    return this.revisions.find({ where: { householdId }, order: { id: 'DESC' }, take: 200 });
  }

  /** A page of active households of a district in id order (keyset pagination), for population runs. */
  pageActive(districtCode: string, afterId: string, limit: number, streetCode?: string): Promise<Array<Pick<HouseholdEntity, 'id' | 'streetCode' | 'communityCode' | 'snapshotEnc'>>> {
    const qb = this.households
      .createQueryBuilder('h')
      .select(['h.id', 'h.streetCode', 'h.communityCode', 'h.snapshotEnc'])
      .where('h.districtCode = :d AND h.status = :st AND h.id > :after', { d: districtCode, st: 'active', after: afterId });
    if (streetCode) qb.andWhere('h.streetCode = :street', { street: streetCode });
    return qb.orderBy('h.id', 'ASC').take(limit).getMany();
  }

  countActive(districtCode: string): Promise<number> {
    return this.households.countBy({ districtCode, status: 'active' });
  }

  countByStatus(status: HouseholdEntity['status']): Promise<number> {
    return this.households.countBy({ status });
  }
}
