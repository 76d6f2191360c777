import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { bulkDeleteIn, bulkInsert, deleteInStatements, insertStatements, type Statement } from '../database/bulk.js';
import { ReadPool } from '../database/read-pool.js';
import { EligibilityCurrentEntity } from './eligibility-current.entity.js';

const COLUMNS = ['householdId', 'policyCode', 'outcome', 'policyVersion', 'missingFacts', 'benefitAmount', 'since', 'updatedAt'] as const;

@Injectable()
export class EligibilityRepository {
  constructor(
    @InjectRepository(EligibilityCurrentEntity) private readonly current: Repository<EligibilityCurrentEntity>,
    private readonly reads: ReadPool,
  ) {}

  currentOf(householdId: string): Promise<EligibilityCurrentEntity[]> {
    return this.current.find({ where: { householdId }, order: { policyCode: 'ASC' } });
  }

  /** Policies a household is eligible for now, by code. */
  async eligiblePolicies(householdId: string): Promise<string[]> {
    return (await this.currentOf(householdId)).filter((r) => r.outcome === 'eligible').map((r) => r.policyCode);
  }

  /** Stored results of these households (raw rows: screening and monitoring read a million of them). */
  async currentFor(householdIds: string[], m?: EntityManager): Promise<EligibilityCurrentEntity[]> {
    const rows: EligibilityCurrentEntity[] = [];
    for (let i = 0; i < householdIds.length; i += 500) {
      const part = householdIds.slice(i, i + 500);
      const sql = `SELECT householdId, policyCode, outcome, policyVersion, missingFacts, benefitAmount, since, updatedAt FROM eligibility_current WHERE householdId IN (${part.map(() => '?').join(', ')})`;
      // Inside a transaction: its connection; otherwise (population runs) off the event loop on SQLite.
      const found = m ? await m.query<EligibilityCurrentEntity[]>(sql, part) : await this.reads.query<EligibilityCurrentEntity>(sql, part, 'jobs');
      for (const r of found) rows.push(r);
    }
    return rows;
  }

  /** Deletes the stored results of `householdIds`, then stores `rows` (absent pairs are ineligible). */
  async replaceFor(m: EntityManager, householdIds: string[], rows: EligibilityCurrentEntity[]): Promise<void> {
    await bulkDeleteIn(m, 'eligibility_current', 'householdId', householdIds);
    await bulkInsert(m, 'eligibility_current', COLUMNS, rows, 500);
  }

  /** replaceFor as statements of a batch (Transactor.batch). */
  *replaceStatements(mysql: boolean, householdIds: string[], rows: EligibilityCurrentEntity[]): Generator<Statement> {
    yield* deleteInStatements(mysql, 'eligibility_current', 'householdId', householdIds);
    yield* insertStatements(mysql, 'eligibility_current', COLUMNS, rows, 500);
  }

  async deleteFor(m: EntityManager, householdId: string): Promise<void> {
    await m.getRepository(EligibilityCurrentEntity).delete({ householdId });
  }

  /** Households currently eligible (or unknown) under a policy, for drill-down. */
  async byPolicy(
    policyCode: string,
    outcome: 'eligible' | 'unknown',
    page: number,
    pageSize: number,
  ): Promise<{ items: EligibilityCurrentEntity[]; total: number }> {
    const [items, total] = await this.current.findAndCount({
      where: { policyCode, outcome },
      order: { householdId: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }
}
