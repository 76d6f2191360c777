import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { bulkInsert, columnsOf, insertRowStatement, isMysql, type Statement } from '../database/bulk.js';
import { whereInScope } from '../database/sql.js';
import type { Scope } from '../access/access.service.js';
import type { SubmissionStatus } from '@zczr/domain';
import { SubmissionEntity } from './submission.entity.js';

export const OPEN_SUBMISSION_STATUSES: SubmissionStatus[] = ['draft', 'submitted', 'auto_checked', 'in_review', 'returned'];

export interface StatusChange {
  status: SubmissionStatus;
  at: string;
  by: string;
  reason?: string;
}

@Injectable()
export class SubmissionsRepository {
  constructor(@InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>) {}

  findById(id: string, m?: EntityManager): Promise<SubmissionEntity | null> {
    return (m ? m.getRepository(SubmissionEntity) : this.submissions).findOneBy({ id });
  }

  async insert(m: EntityManager, s: SubmissionEntity): Promise<void> {
    await bulkInsert(m, 'submission', columnsOf(m, SubmissionEntity, s), [s]);
  }

  /** `insert` as a statement of a batch (Transactor.batch). */
  insertStatement(s: SubmissionEntity): Statement {
    const m = this.submissions.manager;
    return insertRowStatement(isMysql(m), 'submission', columnsOf(m, SubmissionEntity, s), s);
  }

  /** Moves a submission on only if it is still in `from`: two reviewers cannot both decide it. */
  async transition(m: EntityManager, id: string, from: SubmissionStatus[], patch: Partial<SubmissionEntity>): Promise<boolean> {
    const res = await m.createQueryBuilder().update(SubmissionEntity).set(patch).where('id = :id AND status IN (:...from)', { id, from }).execute();
    return (res.affected ?? 0) === 1;
  }

  findOpenForHousehold(householdId: string): Promise<SubmissionEntity | null> {
    return this.submissions.findOne({ where: { householdId, status: In(['in_review', 'submitted', 'auto_checked']) }, order: { createdAt: 'DESC' } });
  }

  async closeOpenForHousehold(m: EntityManager, householdId: string, at: string, reason: string): Promise<void> {
    const open = await m.getRepository(SubmissionEntity).find({ where: { householdId, status: In(OPEN_SUBMISSION_STATUSES) } });
    for (const s of open) {
      const history = [...(JSON.parse(s.history) as StatusChange[]), { status: 'rejected' as const, at, by: 'system', reason }];
      await m
        .getRepository(SubmissionEntity)
        .update({ id: s.id }, { status: 'rejected', reviewReason: reason, history: JSON.stringify(history), updatedAt: at });
    }
  }

  async search(
    scope: Scope,
    filter: { status?: SubmissionStatus; householdId?: string; submittedBy?: string },
    page: number,
    pageSize: number,
  ): Promise<{ items: SubmissionEntity[]; total: number }> {
    const qb = this.submissions.createQueryBuilder('s');
    // Residents see what they submitted themselves; staff by the household's current placement.
    if (scope.kind === 'household') qb.where('s.submittedBy = :me', { me: filter.submittedBy ?? '' });
    else whereInScope(qb, 's', scope);
    if (filter.status) qb.andWhere('s.status = :status', { status: filter.status });
    if (filter.householdId) qb.andWhere('s.householdId = :hid', { hid: filter.householdId });
    // Oldest first: the review queue is worked in order of arrival.
    const [items, total] = await qb
      .orderBy('s.createdAt', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, total };
  }
}
