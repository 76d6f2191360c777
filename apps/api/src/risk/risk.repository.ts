import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { bulkDeleteIn, bulkInsert } from '../database/bulk.js';
import { chunks } from '../database/sql.js';
import { HouseholdRiskEntity, RiskHistoryEntity } from './risk.entity.js';

const RISK_COLUMNS = ['householdId', 'score', 'colour', 'circle', 'indicators', 'monthlyIncome', 'updatedAt'] as const;
const HISTORY_COLUMNS = ['householdId', 'score', 'colour', 'circle', 'reason', 'at'] as const;

@Injectable()
export class RiskRepository {
  constructor(
    @InjectRepository(HouseholdRiskEntity) private readonly current: Repository<HouseholdRiskEntity>,
    @InjectRepository(RiskHistoryEntity) private readonly history: Repository<RiskHistoryEntity>,
  ) {}

  async currentFor(householdIds: string[]): Promise<Map<string, HouseholdRiskEntity>> {
    const map = new Map<string, HouseholdRiskEntity>();
    for (const part of chunks(householdIds, 500)) for (const r of await this.current.findBy({ householdId: In(part) })) map.set(r.householdId, r);
    return map;
  }

  findCurrent(householdId: string): Promise<HouseholdRiskEntity | null> {
    return this.current.findOneBy({ householdId });
  }

  historyOf(householdId: string): Promise<RiskHistoryEntity[]> {
    return this.history.find({ where: { householdId }, order: { id: 'DESC' }, take: 100 });
  }

  async replace(m: EntityManager, rows: HouseholdRiskEntity[], history: Array<Omit<RiskHistoryEntity, 'id'>>): Promise<void> {
    await bulkDeleteIn(
      m,
      'household_risk',
      'householdId',
      rows.map((r) => r.householdId),
    );
    await bulkInsert(m, 'household_risk', RISK_COLUMNS, rows);
    await bulkInsert(m, 'risk_history', HISTORY_COLUMNS, history);
  }
}
