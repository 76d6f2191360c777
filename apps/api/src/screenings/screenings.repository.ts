import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { bulkInsert } from '../database/bulk.js';
import { Transactor } from '../database/transactor.js';
import { ScreeningHitEntity, ScreeningRunEntity, type ScreeningCategory } from './screening.entity.js';

@Injectable()
export class ScreeningsRepository {
  constructor(
    @InjectRepository(ScreeningRunEntity) private readonly runs: Repository<ScreeningRunEntity>,
    @InjectRepository(ScreeningHitEntity) private readonly hits: Repository<ScreeningHitEntity>,
    private readonly tx: Transactor,
  ) {}

  findRun(id: string): Promise<ScreeningRunEntity | null> {
    return this.runs.findOneBy({ id });
  }

  findRunning(districtCode: string): Promise<ScreeningRunEntity | null> {
    return this.runs.findOneBy({ districtCode, status: 'running' });
  }

  latestRuns(districtCode: string, take: number): Promise<ScreeningRunEntity[]> {
    return this.runs.find({ where: { districtCode }, order: { startedAt: 'DESC' }, take });
  }

  async insertRun(run: ScreeningRunEntity): Promise<void> {
    await this.tx.write(() => this.runs.insert(run));
  }

  async updateRun(id: string, patch: Partial<ScreeningRunEntity>): Promise<void> {
    await this.tx.write(() => this.runs.update({ id }, patch));
  }

  /** Runs left "running" by a process that stopped: they will never finish. */
  async failInterrupted(at: string): Promise<void> {
    await this.tx.write(() => this.runs.update({ status: 'running' }, { status: 'failed', finishedAt: at, error: '服务重启，筛查中断' }));
  }

  async insertHits(m: EntityManager, rows: Array<Omit<ScreeningHitEntity, 'id'>>): Promise<void> {
    await bulkInsert(m, 'screening_hit', ['runId', 'policyCode', 'householdId', 'category', 'missingFacts', 'graceUntil'], rows, 500);
  }

  async pageHits(runId: string, policyCode: string, category: ScreeningCategory, page: number, pageSize: number): Promise<{ items: ScreeningHitEntity[]; total: number }> {
    const [items, total] = await this.hits.findAndCount({ where: { runId, policyCode, category }, order: { id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { items, total };
  }
}
