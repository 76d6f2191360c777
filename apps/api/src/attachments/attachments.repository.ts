import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { Transactor } from '../database/transactor.js';
import { AttachmentEntity, type AttachmentKind } from './attachment.entity.js';

@Injectable()
export class AttachmentsRepository {
  constructor(
    @InjectRepository(AttachmentEntity) private readonly attachments: Repository<AttachmentEntity>,
    private readonly tx: Transactor,
  ) {}

  findById(id: string): Promise<AttachmentEntity | null> {
    return this.attachments.findOneBy({ id });
  }

  /** The same photo already filed for the same household, member and kind (a retried upload). */
  findSame(householdId: string, memberIndex: number | null, kind: AttachmentKind, contentKey: string): Promise<AttachmentEntity | null> {
    return this.attachments.findOneBy({ householdId, memberIndex: memberIndex ?? IsNull(), kind, contentKey });
  }

  /** The visit photo with this content already filed for the task (a resent photo). */
  findSameForTask(taskId: string, contentKey: string): Promise<AttachmentEntity | null> {
    return this.attachments.findOneBy({ taskId, contentKey });
  }

  listByTask(taskId: string): Promise<AttachmentEntity[]> {
    return this.attachments.find({ where: { taskId }, order: { createdAt: 'ASC', id: 'ASC' }, take: 100 });
  }

  countByTask(taskId: string): Promise<number> {
    return this.attachments.countBy({ taskId });
  }

  listByHousehold(householdId: string): Promise<AttachmentEntity[]> {
    return this.attachments.find({ where: { householdId }, order: { createdAt: 'DESC', id: 'ASC' }, take: 500 });
  }

  /**
   * Inserts a task's photo only while the task has fewer than `max`, in one statement, so two uploads
   * at the same moment cannot both take the last place (MySQL/MariaDB lock the range they counted,
   * and the loser of the deadlock is retried by the Transactor; SQLite has one writer). False when full.
   */
  async insertWhileFewerThan(a: AttachmentEntity & { taskId: string }, max: number): Promise<boolean> {
    return this.tx.run(async (m) => {
      const meta = m.connection.getMetadata(AttachmentEntity);
      const q = (name: string): string => m.connection.driver.escape(name);
      const columns = meta.columns.map((c) => c.databaseName);
      const values = meta.columns.map((c) => (c.getEntityValue(a) as unknown) ?? null);
      const taskColumn = meta.findColumnWithPropertyName('taskId')!.databaseName;
      const result = await m.queryRunner!.query(
        `INSERT INTO ${q(meta.tableName)} (${columns.map(q).join(', ')}) SELECT ${columns.map(() => '?').join(', ')} ` +
          `FROM (SELECT COUNT(*) AS n FROM ${q(meta.tableName)} WHERE ${q(taskColumn)} = ?) existing WHERE existing.n < ?`,
        [...values, a.taskId, max],
        true,
      );
      return result.affected === 1;
    });
  }

  async insert(a: AttachmentEntity): Promise<void> {
    await this.tx.write(() => this.attachments.insert(a));
  }

  /** Deletes a household's attachment records; returns the content keys they pointed at. */
  async deleteByHousehold(householdId: string): Promise<{ records: number; contentKeys: string[] }> {
    return this.tx.run(async (m) => {
      const repo = m.getRepository(AttachmentEntity);
      const rows = await repo.find({ select: { id: true, contentKey: true }, where: { householdId } });
      if (rows.length) await repo.delete({ householdId });
      return { records: rows.length, contentKeys: [...new Set(rows.map((r) => r.contentKey))] };
    });
  }

  /** Whether any attachment record (of any household) still points at this content. */
  async isReferenced(contentKey: string): Promise<boolean> {
    return (await this.attachments.countBy({ contentKey })) > 0;
  }
}
