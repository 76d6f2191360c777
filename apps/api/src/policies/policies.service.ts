import { OUTCOME_LABELS, type PolicyOutcome } from '@zczr/contract';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { checkReferences, type PolicyDefinition } from '@zczr/eligibility';
import { applyGuide, matchesSearch, PARAMETERS, POLICIES } from '@zczr/policies';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, notFound } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { Transactor } from '../database/transactor.js';
import { MatcherService } from '../eligibility/matcher.service.js';
import { parsePolicyDefinition } from './policy-definition.js';
import { PoliciesRepository } from './policies.repository.js';
import type { PolicyParameterEntity, PolicyVersionEntity } from './policy.entity.js';
import type { CreatePolicyDto, ListPoliciesQuery, PolicyDetailDto, PolicySummaryDto, SaveDraftDto } from './policy.dto.js';

@Injectable()
export class PoliciesService {
  private readonly logger = new Logger('Policies');

  constructor(
    private readonly repo: PoliciesRepository,
    private readonly matcher: MatcherService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: Transactor,
  ) {}

  /** On first start: the shipped policy library as published version 1, and its parameters. */
  async seedLibraryIfEmpty(): Promise<void> {
    if ((await this.repo.count()) > 0) return;
    const now = this.clock.iso();
    const params: PolicyParameterEntity[] = PARAMETERS.flatMap((p) =>
      p.values.map((v) => ({
        name: p.name,
        region: v.region,
        effectiveFrom: v.effectiveFrom,
        effectiveTo: v.effectiveTo ?? null,
        value: v.value,
        label: p.label,
        unit: p.unit ?? null,
        source: v.source ?? null,
      })),
    );
    await this.tx.run(async (m) => {
      await this.repo.insertParameters(m, params);
      for (const def of POLICIES) {
        await this.repo.insertPolicy(m, {
          code: def.code,
          name: def.name,
          policyGroup: def.group,
          department: def.department,
          publishedVersion: 1,
          latestVersion: 1,
          updatedAt: now,
        });
        await this.repo.insertVersion(m, {
          policyCode: def.code,
          version: 1,
          status: 'published',
          definition: JSON.stringify(def),
          changeNote: '随系统发布的政策库',
          createdBy: 'system',
          createdAt: now,
          publishedBy: 'system',
          publishedAt: now,
        });
      }
    });
    this.matcher.invalidate();
    this.logger.log(`Policy library: ${POLICIES.length} policies, ${PARAMETERS.length} parameters`);
  }

  async list(q: ListPoliciesQuery): Promise<PolicySummaryDto[]> {
    const lib = await this.matcher.load();
    const rows = await this.repo.all();
    const text = q.q?.trim();
    return (
      rows
        .filter((p) => (!q.group || p.policyGroup === q.group) && (!q.department || p.department === q.department))
        .map((p) => ({ p, def: lib.byCode.get(p.code)?.definition }))
        // Everyday words find the library's ("看病" → 医疗救助): synonyms are policy data (@zczr/policies).
        .filter(({ p, def }) => !text || (def ? matchesSearch(def, text) : p.name.includes(text)))
        .map(({ p, def }) => ({
          code: p.code,
          name: p.name,
          group: p.policyGroup,
          department: p.department,
          benefit: def?.benefit ?? '',
          publishedVersion: p.publishedVersion,
          latestVersion: p.latestVersion,
        }))
    );
  }

  /** Staff see the latest version (a draft if there is one); everyone else the version in force. */
  async get(auth: AuthContext | null, code: string): Promise<PolicyDetailDto> {
    const policy = await this.repo.find(code);
    if (!policy) throw notFound();
    const staff = auth !== null && auth.role !== 'resident' && auth.role !== 'grid_worker';
    const wanted = staff ? policy.latestVersion : policy.publishedVersion;
    if (wanted === null) throw notFound();
    const version = (await this.repo.findVersion(code, wanted))!;
    const definition = JSON.parse(version.definition) as PolicyDefinition;
    const lib = await this.matcher.load();
    const references = staff
      ? checkReferences(definition, lib.parameters).map((r) => ({ label: r.label, expected: r.expected, actual: r.actual, missing: [...r.missing], ok: r.ok }))
      : [];
    const versions = staff ? (await this.repo.versionsOf(code)).map((v) => this.toVersionDto(v)) : [];
    return {
      code: policy.code,
      name: policy.name,
      group: policy.policyGroup,
      department: policy.department,
      benefit: definition.benefit,
      publishedVersion: policy.publishedVersion,
      latestVersion: policy.latestVersion,
      definition,
      version: wanted,
      versions,
      references,
      howToApply: applyGuide(definition, lib.parameters, this.config.districtCode, this.clock.today()),
    };
  }

  async create(auth: AuthContext, dto: CreatePolicyDto): Promise<PolicyDetailDto> {
    const def = parsePolicyDefinition(dto.definition);
    if (await this.repo.find(def.code)) throw new AppError('INVALID_STATE', '政策代码已存在');
    const now = this.clock.iso();
    await this.tx.run(async (m) => {
      await this.repo.insertPolicy(m, {
        code: def.code,
        name: def.name,
        policyGroup: def.group,
        department: def.department,
        publishedVersion: null,
        latestVersion: 1,
        updatedAt: now,
      });
      await this.repo.insertVersion(m, this.newVersion(def, 1, auth, dto.changeNote ?? '新建政策'));
    });
    await this.audit.record(auth, { action: 'policy.create', entityType: 'policy', entityId: def.code, detail: { version: 1 } });
    return this.get(auth, def.code);
  }

  /** Editing never changes a published version: it writes (or rewrites) the latest draft. */
  async saveDraft(auth: AuthContext, code: string, dto: SaveDraftDto): Promise<PolicyDetailDto> {
    const policy = await this.repo.find(code);
    if (!policy) throw notFound();
    const def = parsePolicyDefinition(dto.definition);
    if (def.code !== code) throw new AppError('VALIDATION_FAILED', '不能修改政策代码');
    const latest = (await this.repo.findVersion(code, policy.latestVersion))!;
    await this.tx.run(async (m) => {
      if (latest.status === 'draft') {
        await this.repo.updateVersion(m, code, latest.version, {
          definition: JSON.stringify(def),
          changeNote: dto.changeNote ?? latest.changeNote,
          createdBy: auth.userId,
          createdAt: this.clock.iso(),
        });
      } else {
        await this.repo.insertVersion(m, this.newVersion(def, policy.latestVersion + 1, auth, dto.changeNote ?? null));
        await this.repo.updatePolicy(m, code, { latestVersion: policy.latestVersion + 1, updatedAt: this.clock.iso() });
      }
    });
    await this.audit.record(auth, {
      action: 'policy.save_draft',
      entityType: 'policy',
      entityId: code,
      detail: { version: latest.status === 'draft' ? latest.version : policy.latestVersion + 1 },
    });
    return this.get(auth, code);
  }

  /** Publishing is refused while any reference household gives another result than expected. */
  async publish(auth: AuthContext, code: string, version: number): Promise<PolicyDetailDto> {
    const policy = await this.repo.find(code);
    if (!policy) throw notFound();
    const v = await this.repo.findVersion(code, version);
    if (!v) throw notFound();
    if (v.status !== 'draft') throw new AppError('INVALID_STATE', '只能发布草稿版本');
    const def = JSON.parse(v.definition) as PolicyDefinition;
    const lib = await this.matcher.load();
    const failing = checkReferences(def, lib.parameters).filter((r) => !r.ok);
    if (def.references.length < 3) throw new AppError('REFERENCES_FAILING', '发布前须至少有 3 个参考家庭（符合 / 不符合 / 信息不全）');
    if (failing.length) {
      throw new AppError(
        'REFERENCES_FAILING',
        undefined,
        failing.map((r) => ({ field: r.label, message: `预期“${outcomeLabel(r.expected)}”，实际“${outcomeLabel(r.actual)}”` })),
      );
    }
    const now = this.clock.iso();
    await this.tx.run(async (m) => {
      if (policy.publishedVersion !== null) await this.repo.updateVersion(m, code, policy.publishedVersion, { status: 'superseded' });
      await this.repo.updateVersion(m, code, version, { status: 'published', publishedBy: auth.userId, publishedAt: now });
      await this.repo.updatePolicy(m, code, { publishedVersion: version, name: def.name, policyGroup: def.group, department: def.department, updatedAt: now });
    });
    this.matcher.invalidate();
    await this.audit.record(auth, { action: 'policy.publish', entityType: 'policy', entityId: code, detail: { version, previous: policy.publishedVersion } });
    return this.get(auth, code);
  }

  private newVersion(def: PolicyDefinition, version: number, auth: AuthContext, changeNote: string | null): PolicyVersionEntity {
    return {
      policyCode: def.code,
      version,
      status: 'draft',
      definition: JSON.stringify(def),
      changeNote,
      createdBy: auth.userId,
      createdAt: this.clock.iso(),
      publishedBy: null,
      publishedAt: null,
    };
  }

  private toVersionDto(v: PolicyVersionEntity): PolicyDetailDto['versions'][number] {
    return { version: v.version, status: v.status, changeNote: v.changeNote, createdBy: v.createdBy, createdAt: v.createdAt, publishedAt: v.publishedAt };
  }
}

export function outcomeLabel(o: PolicyOutcome): string {
  return OUTCOME_LABELS[o];
}
