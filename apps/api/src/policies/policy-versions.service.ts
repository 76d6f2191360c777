import { Injectable } from '@nestjs/common';
import { checkReferences, type ParameterDefinition, type PolicyDefinition } from '@zczr/eligibility';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { notFound } from '../common/errors.js';
import { MatcherService } from '../eligibility/matcher.service.js';
import { PoliciesRepository } from './policies.repository.js';
import type { ParameterDefinitionDto, PolicyVersionDetailDto } from './policy-versions.dto.js';

/** Any stored version of a policy (for history and diffs) and the parameter table the rules read. */
@Injectable()
export class PolicyVersionsService {
  constructor(
    private readonly repo: PoliciesRepository,
    private readonly matcher: MatcherService,
    private readonly audit: AuditService,
  ) {}

  async version(auth: AuthContext, code: string, version: number): Promise<PolicyVersionDetailDto> {
    const v = await this.repo.findVersion(code, version);
    if (!v) throw notFound();
    const definition = JSON.parse(v.definition) as PolicyDefinition;
    const lib = await this.matcher.load();
    let references: PolicyVersionDetailDto['references'] = [];
    try {
      references = checkReferences(definition, lib.parameters).map((r) => ({
        label: r.label,
        expected: r.expected,
        actual: r.actual,
        missing: [...r.missing],
        ok: r.ok,
      }));
    } catch {
      // an old version naming a parameter that no longer exists: shown without reference results
    }
    await this.audit.record(auth, { action: 'policy.read_version', entityType: 'policy', entityId: code, detail: { version } });
    return {
      policyCode: v.policyCode,
      version: v.version,
      status: v.status,
      changeNote: v.changeNote,
      createdBy: v.createdBy,
      createdAt: v.createdAt,
      publishedAt: v.publishedAt,
      definition,
      references,
    };
  }

  async parameters(): Promise<ParameterDefinitionDto[]> {
    const lib = await this.matcher.load();
    return lib.parameters.map((p: ParameterDefinition) => ({
      name: p.name,
      label: p.label,
      ...(p.unit ? { unit: p.unit } : {}),
      values: p.values.map((v) => ({
        region: v.region,
        effectiveFrom: v.effectiveFrom,
        value: v.value,
        ...(v.effectiveTo ? { effectiveTo: v.effectiveTo } : {}),
        ...(v.source ? { source: v.source } : {}),
      })),
    }));
  }
}
