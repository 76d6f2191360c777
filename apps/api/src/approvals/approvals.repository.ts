import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { PolicyGroup } from '@zczr/eligibility';
import { EntityManager, Repository } from 'typeorm';
import { ApprovalSettingEntity } from './approval-setting.entity.js';

@Injectable()
export class ApprovalsRepository {
  constructor(@InjectRepository(ApprovalSettingEntity) private readonly settings: Repository<ApprovalSettingEntity>) {}

  all(): Promise<ApprovalSettingEntity[]> {
    return this.settings.find();
  }

  find(group: PolicyGroup): Promise<ApprovalSettingEntity | null> {
    return this.settings.findOneBy({ policyGroup: group });
  }

  async save(m: EntityManager, row: ApprovalSettingEntity): Promise<void> {
    await m.getRepository(ApprovalSettingEntity).save(row);
  }
}
