import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { PolicyDefinition } from '@zczr/eligibility';
import { EntityManager, Repository } from 'typeorm';
import { PolicyEntity, PolicyParameterEntity, PolicyVersionEntity } from './policy.entity.js';

@Injectable()
export class PoliciesRepository {
  constructor(
    @InjectRepository(PolicyEntity) private readonly policies: Repository<PolicyEntity>,
    @InjectRepository(PolicyVersionEntity) private readonly versions: Repository<PolicyVersionEntity>,
    @InjectRepository(PolicyParameterEntity) private readonly parameters: Repository<PolicyParameterEntity>,
  ) {}

  count(): Promise<number> {
    return this.policies.count();
  }

  all(): Promise<PolicyEntity[]> {
    return this.policies.find({ order: { policyGroup: 'ASC', code: 'ASC' } });
  }

  find(code: string, m?: EntityManager): Promise<PolicyEntity | null> {
    return (m ? m.getRepository(PolicyEntity) : this.policies).findOneBy({ code });
  }

  /** The definition of a policy's latest version (draft or published); null for an unknown policy. */
  async latestDefinition(code: string): Promise<{ definition: PolicyDefinition; version: number } | null> {
    const policy = await this.find(code);
    if (!policy) return null;
    const v = (await this.findVersion(code, policy.latestVersion))!;
    return { definition: JSON.parse(v.definition) as PolicyDefinition, version: v.version };
  }

  versionsOf(code: string): Promise<PolicyVersionEntity[]> {
    return this.versions.find({ where: { policyCode: code }, order: { version: 'DESC' } });
  }

  findVersion(code: string, version: number, m?: EntityManager): Promise<PolicyVersionEntity | null> {
    return (m ? m.getRepository(PolicyVersionEntity) : this.versions).findOneBy({ policyCode: code, version });
  }

  /** The version in force of every published policy. */
  async publishedVersions(): Promise<PolicyVersionEntity[]> {
    return this.versions.find({ where: { status: 'published' }, order: { policyCode: 'ASC' } });
  }

  async insertPolicy(m: EntityManager, policy: PolicyEntity): Promise<void> {
    await m.getRepository(PolicyEntity).insert(policy);
  }

  async updatePolicy(m: EntityManager, code: string, patch: Partial<PolicyEntity>): Promise<void> {
    await m.getRepository(PolicyEntity).update({ code }, patch);
  }

  async insertVersion(m: EntityManager, version: PolicyVersionEntity): Promise<void> {
    await m.getRepository(PolicyVersionEntity).insert(version);
  }

  async updateVersion(m: EntityManager, code: string, version: number, patch: Partial<PolicyVersionEntity>): Promise<void> {
    await m.getRepository(PolicyVersionEntity).update({ policyCode: code, version }, patch);
  }

  allParameters(): Promise<PolicyParameterEntity[]> {
    return this.parameters.find({ order: { name: 'ASC', region: 'ASC', effectiveFrom: 'ASC' } });
  }

  async countParameters(): Promise<number> {
    return this.parameters.count();
  }

  async insertParameters(m: EntityManager, rows: PolicyParameterEntity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await m.getRepository(PolicyParameterEntity).insert(rows.slice(i, i + 200));
  }
}
