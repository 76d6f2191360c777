import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, LessThanOrEqual, Repository } from 'typeorm';
import type { ParameterChangeStatus } from '@zczr/contract';
import { Transactor } from '../database/transactor.js';
import { PolicyParameterEntity } from '../policies/policy.entity.js';
import { ParameterChangeEntity } from './parameter-change.entity.js';

/** Parameter changes, and the writes an approved change makes to policy_parameter. */
@Injectable()
export class ParametersRepository {
  constructor(
    @InjectRepository(ParameterChangeEntity) private readonly changes: Repository<ParameterChangeEntity>,
    private readonly tx: Transactor,
  ) {}

  listChanges(districtCode: string, filter: { status?: ParameterChangeStatus; name?: string }): Promise<ParameterChangeEntity[]> {
    return this.changes.find({
      where: { districtCode, ...(filter.status ? { status: filter.status } : {}), ...(filter.name ? { name: filter.name } : {}) },
      order: { proposedAt: 'DESC' },
      take: 500,
    });
  }

  findChange(id: string): Promise<ParameterChangeEntity | null> {
    return this.changes.findOneBy({ id });
  }

  async pendingExists(name: string, region: string, effectiveFrom: string): Promise<boolean> {
    return (await this.changes.countBy({ name, region, effectiveFrom, status: 'pending' })) > 0;
  }

  async insertChange(row: ParameterChangeEntity): Promise<void> {
    await this.tx.write((m) => m.insert(ParameterChangeEntity, row));
  }

  /** Decides a pending change; false when it is no longer pending (decided meanwhile). */
  async decide(m: EntityManager, id: string, patch: Pick<ParameterChangeEntity, 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote'>): Promise<boolean> {
    const res = await m
      .createQueryBuilder()
      .update(ParameterChangeEntity)
      .set(patch)
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** Every row of one parameter (all regions), in a transaction. */
  rowsOf(m: EntityManager, name: string): Promise<PolicyParameterEntity[]> {
    return m.getRepository(PolicyParameterEntity).find({ where: { name }, order: { region: 'ASC', effectiveFrom: 'ASC' } });
  }

  async insertRow(m: EntityManager, row: PolicyParameterEntity): Promise<void> {
    await m.getRepository(PolicyParameterEntity).insert(row);
  }

  async setEffectiveTo(m: EntityManager, key: Pick<PolicyParameterEntity, 'name' | 'region' | 'effectiveFrom'>, effectiveTo: string): Promise<void> {
    await m.getRepository(PolicyParameterEntity).update(key, { effectiveTo });
  }

  /** Approved changes whose date has come and whose district was not screened again yet. */
  dueUnapplied(today: string): Promise<ParameterChangeEntity[]> {
    return this.changes.find({ where: { status: 'approved', effectiveFrom: LessThanOrEqual(today), appliedAt: IsNull() }, order: { effectiveFrom: 'ASC' } });
  }

  /** Claims the re-screening of a change: true for the one process whose UPDATE found appliedAt still empty. */
  async claimApplied(id: string, at: string): Promise<boolean> {
    const res = await this.tx.write((m) =>
      m.createQueryBuilder().update(ParameterChangeEntity).set({ appliedAt: at }).where('id = :id AND appliedAt IS NULL', { id }).execute(),
    );
    return (res.affected ?? 0) === 1;
  }

  /** Gives a claim back (the screening could not start), for the next check. */
  async releaseApplied(id: string, at: string): Promise<void> {
    await this.tx.write((m) =>
      m.createQueryBuilder().update(ParameterChangeEntity).set({ appliedAt: null }).where('id = :id AND appliedAt = :at', { id, at }).execute(),
    );
  }
}
