import { Injectable } from '@nestjs/common';
import {
  compilePolicy,
  createParameterResolver,
  deriveFacts,
  type CompiledPolicy,
  type EligibilityResult,
  type Facts,
  type HouseholdSnapshot,
  type ParameterDefinition,
  type ParameterResolver,
  type PolicyDefinition,
  type ResolvedParameters,
} from '@zczr/eligibility';
import { PoliciesRepository } from '../policies/policies.repository.js';
import type { PolicyParameterEntity } from '../policies/policy.entity.js';
import { InvalidationBus } from '../shared-state/invalidation-bus.js';

/** Rows of policy_parameter as the engine's parameter table. */
export function toParameterTable(rows: PolicyParameterEntity[]): ParameterDefinition[] {
  const byName = new Map<string, ParameterDefinition>();
  for (const r of rows) {
    const def = byName.get(r.name) ?? { name: r.name, label: r.label, ...(r.unit ? { unit: r.unit } : {}), values: [] };
    def.values.push({
      region: r.region,
      effectiveFrom: r.effectiveFrom,
      ...(r.effectiveTo ? { effectiveTo: r.effectiveTo } : {}),
      value: Number(r.value),
      ...(r.source ? { source: r.source } : {}),
    });
    byName.set(r.name, def);
  }
  return [...byName.values()];
}

export interface Library {
  policies: CompiledPolicy[];
  byCode: Map<string, CompiledPolicy>;
  parameters: ParameterDefinition[];
  resolve: ParameterResolver;
}

/**
 * The published policy library, compiled once per version, with its parameter resolver. Rebuilt
 * only when a version is published or a parameter changes (`invalidate`).
 */
@Injectable()
export class MatcherService {
  private library: Promise<Library> | null = null;

  constructor(
    private readonly policies: PoliciesRepository,
    private readonly bus: InvalidationBus,
  ) {
    bus.on('policies', () => (this.library = null));
  }

  /** After a publish or a parameter change: recompiled here now, and in every other process on its next use. */
  invalidate(): void {
    this.bus.publish('policies');
  }

  load(): Promise<Library> {
    // While changes made elsewhere may not reach this process (Redis subscription down), compile afresh.
    if (!this.bus.reliable) this.library = null;
    this.library ??= this.build().catch((e: unknown) => {
      this.library = null;
      throw e;
    });
    return this.library;
  }

  private async build(): Promise<Library> {
    const [versions, params] = await Promise.all([this.policies.publishedVersions(), this.policies.allParameters()]);
    const compiled = versions.map((v) => compilePolicy(JSON.parse(v.definition) as PolicyDefinition, { version: v.version }));
    const parameters = toParameterTable(params);
    return { policies: compiled, byCode: new Map(compiled.map((p) => [p.code, p])), parameters, resolve: createParameterResolver(parameters) };
  }

  /** Every published policy explained for one household. */
  async explainAll(snapshot: HouseholdSnapshot, asOf: string): Promise<EligibilityResult[]> {
    const lib = await this.load();
    const params = lib.resolve(snapshot.regionCode, asOf);
    const facts = deriveFacts(snapshot, { asOf, params });
    return lib.policies.map((p) => p.explain(facts, params, asOf));
  }

  /** Facts and parameters of one household, for the fast path (screening, re-match). */
  factsOf(lib: Library, snapshot: HouseholdSnapshot, asOf: string): { facts: Facts; params: ResolvedParameters } {
    const params = lib.resolve(snapshot.regionCode, asOf);
    return { facts: deriveFacts(snapshot, { asOf, params }), params };
  }
}
