import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { HouseholdSnapshot } from '@zczr/eligibility';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, notFound } from '../common/errors.js';
import { addMonths } from '../common/dates.js';
import { Clock } from '../common/time.js';
import { Transactor } from '../database/transactor.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import type { EligibilityCurrentEntity } from '../eligibility/eligibility-current.entity.js';
import { EligibilityRepository } from '../eligibility/eligibility.repository.js';
import { currentRows } from '../eligibility/eligibility.service.js';
import { FactStore } from '../eligibility/fact-store.js';
import { MatcherService, type Library } from '../eligibility/matcher.service.js';
import { PopulationService } from '../eligibility/population.service.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import type { ScreeningCategory, ScreeningHitEntity, ScreeningRunEntity } from './screening.entity.js';
import { ScreeningsRepository } from './screenings.repository.js';
import { MatchPool } from './match-pool.js';
import { CoverageTally } from './coverage.js';
import type { MatchOutput } from './match-worker.js';

export interface PolicyCounts {
  policyCode: string;
  version: number;
  eligible: number;
  newlyEligible: number;
  exitCandidates: number;
  unknown: number;
}

const PAGE = 2000;

function differs(before: Map<string, EligibilityCurrentEntity>, next: EligibilityCurrentEntity[]): boolean {
  if (before.size !== next.length) return true;
  return next.some((r) => {
    const b = before.get(r.policyCode);
    return !b || b.outcome !== r.outcome || Number(b.policyVersion) !== r.policyVersion || b.missingFacts !== r.missingFacts;
  });
}

/**
 * Population screening: every active household of the district against every published policy,
 * in the background, page by page, cancellable. Stores the current result of each pair and, per
 * policy, the households newly eligible, the exit candidates and the unknowns with missing facts.
 */
@Injectable()
export class ScreeningsService implements OnModuleInit {
  private readonly logger = new Logger('Screening');
  private readonly cancelled = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly repo: ScreeningsRepository,
    private readonly households: HouseholdsRepository,
    private readonly results: EligibilityRepository,
    private readonly matcher: MatcherService,
    private readonly population: PopulationService,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tx: Transactor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.repo.failInterrupted(this.clock.iso());
  }

  async start(auth: AuthContext): Promise<ScreeningRunEntity> {
    const run = await this.begin(auth.userId, (auth.regionCode ?? this.config.districtCode).slice(0, 6));
    await this.audit.record(auth, { action: 'screening.start', entityType: 'screening', entityId: run.id, detail: { total: run.total } });
    return run;
  }

  /** Starts a run in the background; `startedBy` is a user id or 'system'. */
  async begin(startedBy: string, districtCode: string): Promise<ScreeningRunEntity> {
    if (await this.repo.findRunning(districtCode)) throw new AppError('SCREENING_RUNNING');
    const run: ScreeningRunEntity = {
      id: randomUUID(), status: 'running', districtCode, asOf: this.clock.today(), total: await this.households.countActive(districtCode), processed: 0,
      summary: '[]', startedBy, startedAt: this.clock.iso(), finishedAt: null, error: null,
    };
    await this.repo.insertRun(run);
    const work = this.execute(run).finally(() => this.running.delete(run.id));
    this.running.set(run.id, work);
    return run;
  }

  async get(id: string): Promise<ScreeningRunEntity> {
    const run = await this.repo.findRun(id);
    if (!run) throw notFound();
    return run;
  }

  async cancel(auth: AuthContext, id: string): Promise<ScreeningRunEntity> {
    const run = await this.get(id);
    if (run.status !== 'running') throw new AppError('INVALID_STATE', '筛查已结束');
    this.cancelled.add(id);
    await this.running.get(id);
    await this.audit.record(auth, { action: 'screening.cancel', entityType: 'screening', entityId: id });
    return this.get(id);
  }

  /** Resolves when the run is over (tests and benchmarks). */
  async finished(id: string): Promise<ScreeningRunEntity> {
    await this.running.get(id);
    return this.get(id);
  }

  hits(runId: string, policyCode: string, category: ScreeningCategory, page: number, pageSize: number): Promise<{ items: ScreeningHitEntity[]; total: number }> {
    return this.repo.pageHits(runId, policyCode, category, page, pageSize);
  }

  private async execute(run: ScreeningRunEntity): Promise<void> {
    let pool: MatchPool | null = null;
    try {
      const lib = await this.matcher.load();
      pool = MatchPool.create(this.config.screeningWorkers, {
        policies: lib.policies.map((p) => ({ definition: p.definition, version: p.version })),
        parameters: lib.parameters,
        encryptionKey: this.config.encryptionKey.toString('base64'),
        hashKey: this.config.hashKey.toString('base64'),
        asOf: run.asOf,
      });
      const counts = new Map<string, PolicyCounts>(lib.policies.map((p) => [p.code, { policyCode: p.code, version: p.version, eligible: 0, newlyEligible: 0, exitCandidates: 0, unknown: 0 }]));
      const store = new FactStore(run.asOf, Math.max(1024, run.total));
      const coverage = new CoverageTally();
      const now = this.clock.iso();
      let processed = 0;
      let next = this.households.pageActive(run.districtCode, '', PAGE);
      for (;;) {
        if (this.cancelled.has(run.id)) {
          this.cancelled.delete(run.id);
          await this.repo.updateRun(run.id, { status: 'cancelled', processed, finishedAt: this.clock.iso(), summary: JSON.stringify([...counts.values()]) });
          return;
        }
        const raw = await next;
        if (raw.length === 0) break;
        // Read ahead while this page is matched.
        next = this.households.pageActive(run.districtCode, raw[raw.length - 1]!.id, PAGE);
        const page = raw.filter((h) => h.snapshotEnc !== null);
        const ids = page.map((h) => h.id);
        const previousRows = this.results.currentFor(ids);
        const matched = pool ? await pool.match(page.map((h) => ({ id: h.id, snapshotEnc: h.snapshotEnc! }))) : this.matchHere(lib, page, run.asOf);
        const previous = new Map<string, Map<string, EligibilityCurrentEntity>>();
        for (const r of await previousRows) {
          const m = previous.get(r.householdId) ?? new Map<string, EligibilityCurrentEntity>();
          m.set(r.policyCode, r);
          previous.set(r.householdId, m);
        }
        const rows: EligibilityCurrentEntity[] = [];
        const stale: string[] = [];
        const hits: Array<Omit<ScreeningHitEntity, 'id'>> = [];
        matched.forEach((h, index) => {
          store.put(h.id, page[index]!.streetCode, h.regionCode, h.facts);
          const before = previous.get(h.id) ?? new Map<string, EligibilityCurrentEntity>();
          const receiving = new Set(h.benefits);
          const people = Number(h.facts.householdSize ?? 0);
          const results = lib.policies.map((p, i) => {
            const code = h.outcomes[i];
            const outcome = code === 1 ? 'eligible' : code === 2 ? 'unknown' : 'ineligible';
            const missing = h.missing[i] ?? [];
            const c = counts.get(p.code)!;
            coverage.add(page[index]!.streetCode, p.code, people, outcome, receiving.has(p.code));
            if (outcome === 'eligible') {
              c.eligible++;
              if (before.get(p.code)?.outcome !== 'eligible' && !receiving.has(p.code)) {
                c.newlyEligible++;
                hits.push({ runId: run.id, policyCode: p.code, householdId: h.id, category: 'newly_eligible', missingFacts: '', graceUntil: null });
              }
            } else if (outcome === 'unknown') {
              c.unknown++;
              hits.push({ runId: run.id, policyCode: p.code, householdId: h.id, category: 'unknown', missingFacts: missing.join(',').slice(0, 500), graceUntil: null });
            } else if (receiving.has(p.code)) {
              c.exitCandidates++;
              hits.push({ runId: run.id, policyCode: p.code, householdId: h.id, category: 'exit_candidate', missingFacts: '', graceUntil: addMonths(run.asOf, p.definition.exitGraceMonths ?? 0) });
            }
            return { code: p.code, version: p.version, outcome, missing } as const;
          });
          coverage.addHousehold(page[index]!.streetCode, people, results.some((r) => r.outcome === 'eligible'), receiving.size > 0);
          const rowsNow = currentRows(h.id, results, before, now);
          // Only households whose stored results differ are rewritten: a repeated run writes little.
          if (differs(before, rowsNow)) {
            if (before.size > 0) stale.push(h.id);
            rows.push(...rowsNow);
          }
        });
        await this.tx.run(async (m) => {
          await this.results.replaceFor(m, stale, rows);
          await this.repo.insertHits(m, hits);
        });
        processed += raw.length;
        await this.repo.updateRun(run.id, { processed, summary: JSON.stringify([...counts.values()]) });
        await new Promise((r) => setImmediate(r));
      }
      this.population.adopt(store);
      await this.repo.insertCoverage(coverage.rows(run.id));
      await this.repo.updateRun(run.id, { status: 'completed', processed, total: processed, finishedAt: this.clock.iso(), summary: JSON.stringify([...counts.values()]) });
      this.logger.log(`Screening ${run.id}: ${processed} households × ${lib.policies.length} policies${pool ? ` (${this.config.screeningWorkers} worker threads)` : ''}`);
    } catch (e) {
      this.logger.error(`Screening ${run.id} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      await this.repo.updateRun(run.id, { status: 'failed', finishedAt: this.clock.iso(), error: (e instanceof Error ? e.message : String(e)).slice(0, 500) });
    } finally {
      await pool?.close();
    }
  }

  /** The same work as a MatchPool worker, in this thread. */
  private matchHere(lib: Library, page: Array<{ id: string; snapshotEnc: string | null }>, asOf: string): MatchOutput[] {
    return page.map((h) => {
      const snapshot = this.cipher.decryptJson<HouseholdSnapshot>(h.snapshotEnc!);
      const { facts, params } = this.matcher.factsOf(lib, snapshot, asOf);
      const outcomes = new Uint8Array(lib.policies.length);
      const missing: Record<number, readonly string[]> = {};
      lib.policies.forEach((p, i) => {
        const r = p.evaluate(facts, params);
        outcomes[i] = r.outcome === 'eligible' ? 1 : r.outcome === 'unknown' ? 2 : 0;
        if (r.outcome === 'unknown') missing[i] = r.missing;
      });
      return { id: h.id, regionCode: snapshot.regionCode, benefits: snapshot.benefits.map((b) => b.policyCode), facts, outcomes, missing };
    });
  }
}
