import { Inject, Injectable } from '@nestjs/common';
import { compilePolicy, type Facts, type HouseholdSnapshot, type ResolvedParameters, type Rule } from '@zczr/eligibility';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, notFound } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import type { PreviewDto, PreviewResultDto } from '../policies/policy.dto.js';
import { parsePolicyDefinition } from '../policies/policy-definition.js';
import { PoliciesRepository } from '../policies/policies.repository.js';
import { RegionsRepository } from '../regions/regions.repository.js';
import { FactStore, factsUsedBy } from './fact-store.js';
import { MatcherService } from './matcher.service.js';
import { InvalidationBus } from '../shared-state/invalidation-bus.js';

/**
 * The warm, column-wise facts of the district's active households, and what-if previews over them.
 * Screenings hand over the store they build; re-matches keep it current.
 */
@Injectable()
export class PopulationService {
  private store: FactStore | null = null;
  private building: Promise<FactStore> | null = null;
  /** Households changed by another process since the store was built: re-read before the next preview. */
  private readonly stale = new Set<string>();

  constructor(
    private readonly matcher: MatcherService,
    private readonly policies: PoliciesRepository,
    private readonly households: HouseholdsRepository,
    private readonly regions: RegionsRepository,
    private readonly access: AccessService,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bus: InvalidationBus,
  ) {
    // Another process re-matched a household, or finished a screening (its store replaces ours).
    bus.on('facts.household', (id) => {
      if (id === null) this.drop();
      else if (this.store || this.building) {
        this.stale.add(id);
        if (this.stale.size > 50_000) this.drop();
      }
    });
    bus.on('facts.all', () => this.drop());
  }

  private drop(): void {
    this.store = null;
    this.stale.clear();
  }

  adopt(store: FactStore): void {
    this.bus.publish('facts.all', null, false);
    this.stale.clear();
    this.store = store;
  }

  /** Keeps the warm store current after one household was re-matched (or left the active set); other processes re-read it. */
  update(householdId: string, streetCode: string, regionCode: string, facts: Facts | null): void {
    this.bus.publish('facts.household', householdId, false);
    if (!this.store) return;
    if (facts) this.store.put(householdId, streetCode, regionCode, facts);
    else this.store.remove(householdId);
  }

  /** The store for today, built from the database on first use (a screening also builds it). */
  async warm(): Promise<FactStore> {
    const today = this.clock.today();
    // Without a dependable subscription, changes made elsewhere may be missed: rebuild rather than trust it.
    if (!this.bus.reliable) this.drop();
    if (this.store?.asOf === today) {
      if (this.stale.size) await this.refresh(this.store);
      return this.store;
    }
    this.building ??= this.build(today).finally(() => (this.building = null));
    return this.building;
  }

  /** Re-reads the households another process changed. */
  private async refresh(store: FactStore): Promise<void> {
    const ids = [...this.stale];
    this.stale.clear();
    const lib = await this.matcher.load();
    for (const id of ids) {
      const h = await this.households.findById(id);
      if (!h || h.status !== 'active' || h.districtCode !== this.config.districtCode || !h.snapshotEnc) {
        store.remove(id);
        continue;
      }
      const snapshot = this.cipher.decryptJson<HouseholdSnapshot>(h.snapshotEnc);
      store.put(h.id, h.streetCode, snapshot.regionCode, this.matcher.factsOf(lib, snapshot, store.asOf).facts);
    }
  }

  private async build(asOf: string): Promise<FactStore> {
    const lib = await this.matcher.load();
    const district = this.config.districtCode;
    const store = new FactStore(asOf, Math.max(1024, await this.households.countActive(district)));
    let after = '';
    for (;;) {
      const page = await this.households.pageActive(district, after, 5000);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      for (const h of page) {
        if (!h.snapshotEnc) continue;
        const snapshot = this.cipher.decryptJson<HouseholdSnapshot>(h.snapshotEnc);
        store.put(h.id, h.streetCode, snapshot.regionCode, this.matcher.factsOf(lib, snapshot, asOf).facts);
      }
      await new Promise((r) => setImmediate(r));
    }
    this.store = store;
    return store;
  }

  /** What-if: how many households (by street) would newly qualify or stop qualifying under a draft rule. */
  async preview(auth: AuthContext, code: string, dto: PreviewDto): Promise<PreviewResultDto> {
    const started = performance.now();
    const lib = await this.matcher.load();
    const latest = await this.policies.latestDefinition(code);
    if (!latest) throw notFound();
    const draftDef = dto.rule ? parsePolicyDefinition({ ...latest.definition, rule: dto.rule } as unknown as Record<string, unknown>) : latest.definition;
    const draft = compilePolicy(draftDef, { version: latest.version });
    const published = lib.byCode.get(code) ?? null;
    const wanted = factsUsedBy(draftDef.rule);
    if (published) factsUsedBy(published.definition.rule as Rule, wanted);
    const scope = this.access.scopeOf(auth);
    if (scope.kind === 'household' || scope.kind === 'grids' || scope.kind === 'none') throw new AppError('FORBIDDEN');
    const onlyStreet = scope.kind === 'street' ? scope.streetCode : null;
    const store = await this.warm();
    const paramsFor = new Map<string, ResolvedParameters>();
    const byStreet = new Map<string, { newlyEligible: number; noLongerEligible: number; eligibleAfter: number; unknownAfter: number }>();
    const sample: PreviewResultDto['sample'] = [];
    const sampleSize = dto.sampleSize ?? 10;
    let households = 0,
      eligibleBefore = 0,
      eligibleAfter = 0,
      newly = 0,
      stopped = 0,
      unknownAfter = 0;
    store.scan(wanted, (id, street, region, facts) => {
      if (onlyStreet && street !== onlyStreet) return;
      let params = paramsFor.get(region);
      if (!params) {
        params = lib.resolve(region, store.asOf);
        paramsFor.set(region, params);
      }
      households++;
      const before = published ? published.evaluate(facts, params).outcome : 'ineligible';
      const after = draft.evaluate(facts, params).outcome;
      const s = byStreet.get(street) ?? { newlyEligible: 0, noLongerEligible: 0, eligibleAfter: 0, unknownAfter: 0 };
      if (before === 'eligible') eligibleBefore++;
      if (after === 'eligible') {
        eligibleAfter++;
        s.eligibleAfter++;
      } else if (after === 'unknown') {
        unknownAfter++;
        s.unknownAfter++;
      }
      if (after === 'eligible' && before !== 'eligible') {
        newly++;
        s.newlyEligible++;
        if (sample.length < sampleSize) sample.push({ householdId: id, streetCode: street, change: 'newly_eligible' });
      } else if (before === 'eligible' && after !== 'eligible') {
        stopped++;
        s.noLongerEligible++;
        if (sample.length < sampleSize) sample.push({ householdId: id, streetCode: street, change: 'no_longer_eligible' });
      }
      byStreet.set(street, s);
    });
    const streets = await Promise.all(
      [...byStreet.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(async ([streetCode, s]) => ({
          streetCode,
          streetName: (await this.regions.findRegion(streetCode))?.name ?? streetCode,
          ...s,
        })),
    );
    await this.audit.record(auth, { action: 'policy.preview', entityType: 'policy', entityId: code, detail: { households, newly, stopped } });
    return {
      policyCode: code,
      asOf: store.asOf,
      households,
      eligibleBefore,
      eligibleAfter,
      newlyEligible: newly,
      noLongerEligible: stopped,
      unknownAfter,
      byStreet: streets,
      sample,
      tookMs: Math.round(performance.now() - started),
    };
  }
}
