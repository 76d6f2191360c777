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

  listByHousehold(householdId: string): Promise<AttachmentEntity[]> {
    return this.attachments.find({ where: { householdId }, order: { createdAt: 'DESC', id: 'ASC' }, take: 500 });
  }

  async insert(a: AttachmentEntity): Promise<void> {
    await this.tx.write(() => this.attachments.insert(a));
  }
}
