import { Injectable, Logger } from '@nestjs/common';
import type { EligibilityResult, HouseholdSnapshot } from '@zczr/eligibility';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { Transactor } from '../database/transactor.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { HouseholdCodec } from '../households/household-codec.js';
import type { HouseholdEntity } from '../households/household.entity.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import type { EligibilityCurrentEntity } from './eligibility-current.entity.js';
import { EligibilityRepository } from './eligibility.repository.js';
import type { HouseholdEligibilityDto } from './eligibility.dto.js';
import { MatcherService, type Library } from './matcher.service.js';
import { PopulationService } from './population.service.js';

/** Rows to store for one household: every policy whose outcome is not plainly ineligible. */
export function currentRows(
  householdId: string,
  results: Array<{ code: string; version: number; outcome: 'eligible' | 'ineligible' | 'unknown'; missing: readonly string[]; benefit?: number | null }>,
  previous: Map<string, EligibilityCurrentEntity>,
  now: string,
): EligibilityCurrentEntity[] {
  const rows: EligibilityCurrentEntity[] = [];
  for (const r of results) {
    if (r.outcome === 'ineligible') continue;
    const prev = previous.get(r.code);
    rows.push({
      householdId,
      policyCode: r.code,
      outcome: r.outcome,
      policyVersion: r.version,
      missingFacts: r.missing.join(',').slice(0, 500),
      benefitAmount: r.benefit ?? null,
      since: prev && prev.outcome === r.outcome ? prev.since : now,
      updatedAt: now,
    });
  }
  return rows;
}

@Injectable()
export class EligibilityService {
  private readonly logger = new Logger('Eligibility');

  constructor(
    private readonly matcher: MatcherService,
    private readonly population: PopulationService,
    private readonly households: HouseholdsRepository,
    private readonly results: EligibilityRepository,
    private readonly codec: HouseholdCodec,
    private readonly cipher: FieldCipher,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tx: Transactor,
  ) {}

  /** The household's snapshot for the matcher (rebuilt from the record if an old row has none). */
  async snapshotOf(h: HouseholdEntity): Promise<HouseholdSnapshot> {
    if (h.snapshotEnc) return this.cipher.decryptJson<HouseholdSnapshot>(h.snapshotEnc);
    return this.codec.snapshotOf(this.codec.decode(h, await this.households.membersOf(h.id)), h.communityCode);
  }

  /** Every published policy for one household: outcome, explanation, benefit estimate, missing facts, near misses. */
  async forHousehold(auth: AuthContext, id: string): Promise<HouseholdEligibilityDto> {
    const h = this.access.require(auth, await this.households.findById(id).then((x) => x && { ...x, householdId: x.id }));
    if (h.status === 'withdrawn') throw new AppError('CONSENT_WITHDRAWN', '该档案已停止处理，不再进行政策匹配');
    if (h.status === 'rejected') throw new AppError('HOUSEHOLD_REJECTED', '该档案未通过审核，不再进行政策匹配');
    const asOf = this.clock.today();
    const lib = await this.matcher.load();
    const results = await this.matcher.explainAll(await this.snapshotOf(h), asOf);
    await this.audit.record(auth, { action: 'eligibility.read', entityType: 'household', entityId: h.id, householdId: h.id });
    return {
      householdId: h.id,
      asOf,
      results: results.map((r) => this.toResultDto(lib, r)),
    };
  }

  /** Re-matches one household at once after it changed, and stores its current results. */
  async rematch(householdId: string): Promise<void> {
    const h = await this.households.findById(householdId);
    if (!h) return;
    const lib = await this.matcher.load();
    const snapshot = h.status === 'active' ? await this.snapshotOf(h) : null;
    const matched = snapshot && this.matcher.factsOf(lib, snapshot, this.clock.today());
    this.population.update(h.id, h.streetCode, h.communityCode, matched ? matched.facts : null);
    await this.tx.run(async (m) => {
      if (!matched) {
        await this.results.deleteFor(m, h.id);
        return;
      }
      const { facts, params } = matched;
      const previous = new Map((await this.results.currentFor([h.id], m)).map((r) => [r.policyCode, r]));
      const results = lib.policies.map((p) => {
        const r = p.evaluate(facts, params);
        return { code: p.code, version: p.version, outcome: r.outcome, missing: r.missing };
      });
      await this.results.replaceFor(m, [h.id], currentRows(h.id, results, previous, this.clock.iso()));
    });
  }

  /** Re-match without failing the caller: a change is stored even if matching has a problem. Then tells the listeners (monitoring). */
  async rematchQuietly(householdId: string): Promise<void> {
    await this.rematch(householdId).catch((e: unknown) =>
      this.logger.error(`re-match of ${householdId} failed: ${e instanceof Error ? e.message : String(e)}`),
    );
    for (const l of this.changeListeners)
      await l(householdId).catch((e: unknown) => this.logger.error(`after change of ${householdId}: ${e instanceof Error ? e.message : String(e)}`));
  }

  private readonly changeListeners: Array<(householdId: string) => Promise<void>> = [];

  /** Called after a household's own record changed and was re-matched (not for task acceptance, which has its own hook). */
  onChanged(listener: (householdId: string) => Promise<void>): void {
    this.changeListeners.push(listener);
  }

  private toResultDto(lib: Library, r: EligibilityResult): HouseholdEligibilityDto['results'][number] {
    const def = lib.byCode.get(r.policyCode)?.definition;
    return {
      ...r,
      policyName: def?.name ?? r.policyCode,
      group: def?.group ?? 'other',
      department: def?.department ?? '民政',
      benefitDescription: def?.benefit ?? '',
      requiredDocuments: def?.requiredDocuments ?? [],
    };
  }
}
