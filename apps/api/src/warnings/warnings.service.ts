import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { createParameterResolver, type ParameterResolver } from '@zczr/eligibility';
import { randomUUID } from 'node:crypto';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/time.js';
import { DEFAULT_PARAMETERS, DEFAULT_PARAMETERS_FROM, DEFAULT_RULES } from './defaults.js';
import { evaluateRules, type HouseholdView } from './rules.js';
import type { WarningPageDto, WarningQuery, WarningRulesDto } from './warning.dto.js';
import { toWarningDto } from './warning.dto.js';
import type { MonitoringParameterEntity, WarningEntity, WarningRuleEntity } from './warning.entity.js';
import { WarningsRepository } from './warnings.repository.js';

export interface RuleBook {
  rules: Map<string, WarningRuleEntity>;
  resolve: ParameterResolver;
  /** Longest window of an enabled rule, in days: how far back to look for earlier warnings. */
  maxWindowDays: number;
}

const DAY_MS = 86_400_000;

/** Warning rules as data, their evaluation with windows, and the scoped warning list. */
@Injectable()
export class WarningsService implements OnApplicationBootstrap {
  private book: Promise<RuleBook> | null = null;

  constructor(
    private readonly repo: WarningsRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const now = this.clock.iso();
    const rules: WarningRuleEntity[] = DEFAULT_RULES.map((r) => ({ ...r, enabled: true, updatedAt: now }));
    const params: MonitoringParameterEntity[] = DEFAULT_PARAMETERS.map((p) => ({
      name: p.name,
      region: p.region,
      effectiveFrom: DEFAULT_PARAMETERS_FROM,
      effectiveTo: null,
      value: p.value,
      label: p.label,
      unit: p.unit,
    }));
    if (await this.repo.seedMissing(rules, params)) this.book = null;
  }

  /** Rules and parameters, loaded once (rules and parameters change rarely; `invalidate` after an edit). */
  ruleBook(): Promise<RuleBook> {
    this.book ??= this.loadBook().catch((e: unknown) => {
      this.book = null;
      throw e;
    });
    return this.book;
  }

  invalidate(): void {
    this.book = null;
  }

  private async loadBook(): Promise<RuleBook> {
    const [rules, params] = await Promise.all([this.repo.allRules(), this.repo.allParameters()]);
    const byName = new Map<
      string,
      { name: string; label: string; unit?: string; values: Array<{ region: string; effectiveFrom: string; effectiveTo?: string; value: number }> }
    >();
    for (const p of params) {
      const def = byName.get(p.name) ?? { name: p.name, label: p.label, ...(p.unit ? { unit: p.unit } : {}), values: [] };
      def.values.push({ region: p.region, effectiveFrom: p.effectiveFrom, ...(p.effectiveTo ? { effectiveTo: p.effectiveTo } : {}), value: Number(p.value) });
      byName.set(p.name, def);
    }
    const enabled = rules.filter((r) => r.enabled);
    return {
      rules: new Map(enabled.map((r) => [r.code, r])),
      resolve: createParameterResolver([...byName.values()]),
      maxWindowDays: Math.max(1, ...enabled.map((r) => r.windowDays)),
    };
  }

  /**
   * New warnings for these households: every enabled rule that fires and has not fired for the same
   * household within its window (checked against `earlier`, the warnings of the longest window).
   */
  decide(
    book: RuleBook,
    views: HouseholdView[],
    earlier: Array<Pick<WarningEntity, 'householdId' | 'ruleCode' | 'raisedAt'>>,
    source: { kind: 'import' | 'monitoring' | 'declared'; ref: string | null },
  ): WarningEntity[] {
    const now = this.clock.now();
    const asOf = this.clock.today();
    const last = new Map<string, string>();
    for (const w of earlier) {
      const k = `${w.householdId}|${w.ruleCode}`;
      if ((last.get(k) ?? '') < w.raisedAt) last.set(k, w.raisedAt);
    }
    const out: WarningEntity[] = [];
    for (const h of views) {
      const params = book.resolve(h.communityCode, asOf);
      for (const c of evaluateRules(h, params, asOf)) {
        const rule = book.rules.get(c.ruleCode);
        if (!rule) continue;
        const prev = last.get(`${h.householdId}|${rule.code}`);
        if (prev && now.getTime() - Date.parse(prev) < rule.windowDays * DAY_MS) continue;
        out.push({
          id: randomUUID(),
          householdId: h.householdId,
          ruleCode: rule.code,
          severity: rule.severity,
          status: 'open',
          evidence: JSON.stringify(c.evidence),
          districtCode: h.districtCode,
          streetCode: h.streetCode,
          communityCode: h.communityCode,
          gridId: h.gridId,
          source: source.kind,
          sourceRef: source.ref,
          taskId: null,
          raisedAt: now.toISOString(),
          updatedAt: now.toISOString(),
        });
        last.set(`${h.householdId}|${rule.code}`, now.toISOString());
      }
    }
    return out;
  }

  sinceForWindows(book: RuleBook): string {
    return new Date(this.clock.now().getTime() - book.maxWindowDays * DAY_MS).toISOString();
  }

  async list(auth: AuthContext, q: WarningQuery): Promise<WarningPageDto> {
    const scope = this.access.scopeOf(auth);
    const book = await this.ruleBook();
    const { items, total, totalExact } = await this.repo.search(
      scope,
      { severity: q.colour, ruleCode: q.rule, streetCode: q.streetCode, status: q.status, householdId: q.householdId, bySeverity: q.sort === 'severity' },
      q.page,
      q.pageSize,
    );
    return { items: items.map((w) => toWarningDto(w, book.rules.get(w.ruleCode)?.name ?? w.ruleCode)), total, totalExact, page: q.page, pageSize: q.pageSize };
  }

  async rules(): Promise<WarningRulesDto> {
    const [rules, params] = await Promise.all([this.repo.allRules(), this.repo.allParameters()]);
    return {
      rules: rules.map((r) => ({
        code: r.code,
        name: r.name,
        description: r.description,
        colour: r.severity,
        windowDays: r.windowDays,
        enabled: Boolean(r.enabled),
      })),
      parameters: params.map((p) => ({
        name: p.name,
        label: p.label,
        unit: p.unit,
        region: p.region,
        effectiveFrom: p.effectiveFrom,
        effectiveTo: p.effectiveTo,
        value: Number(p.value),
      })),
    };
  }
}
