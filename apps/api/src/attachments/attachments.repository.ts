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
