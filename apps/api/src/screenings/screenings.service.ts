import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { HouseholdSnapshot } from '@zczr/eligibility';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, notFound } from '../common/errors.js';
import { addMonths } from '../common/dates.js';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import type { EligibilityCurrentEntity } from '../eligibility/eligibility-current.entity.js';
import { EligibilityRepository } from '../eligibility/eligibility.repository.js';
import { currentRows } from '../eligibility/eligibility.service.js';
import { FactStore, packedNumber } from '../eligibility/fact-store.js';
import { MatcherService, type Library } from '../eligibility/matcher.service.js';
import { PopulationService } from '../eligibility/population.service.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import type { EntityManager } from 'typeorm';
import { InvalidationBus } from '../shared-state/invalidation-bus.js';
import { Transactor } from '../database/transactor.js';
import type { JobEntity } from '../jobs/job.entity.js';
import type { JobKind, ShardContext } from '../jobs/job-kind.js';
import { JobsService } from '../jobs/jobs.service.js';
import type { ScreeningCategory, ScreeningCoverageEntity, ScreeningHitEntity, ScreeningRunEntity } from './screening.entity.js';
import { ScreeningsRepository } from './screenings.repository.js';
import { MatchPool } from './match-pool.js';
import { CoverageTally } from './coverage.js';
import { matchBatch, OUTCOMES, type MatchBatch } from './match-batch.js';

export interface PolicyCounts {
  policyCode: string;
  version: number;
  eligible: number;
  newlyEligible: number;
  exitCandidates: number;
  unknown: number;
}

const PAGE = 2000;
/** Households matched and tallied between two turns of the event loop. */
const SLICE = 250;

function differs(before: Map<string, EligibilityCurrentEntity>, next: EligibilityCurrentEntity[]): boolean {
  if (before.size !== next.length) return true;
  return next.some((r) => {
    const b = before.get(r.policyCode);
    return !b || b.outcome !== r.outcome || Number(b.policyVersion) !== r.policyVersion || b.missingFacts !== r.missingFacts;
  });
}

/** What one shard of a screening adds up: per-policy counts, coverage cells, households. */
interface ShardResult {
  processed: number;
  counts: PolicyCounts[];
  /** Coverage cells, compact: [street, policy, eligible h, eligible p, receiving h, receiving p, silent h, silent p, exit h]. */
  coverage: Array<[string, string, number, number, number, number, number, number, number]>;
}

const packCoverage = (c: ScreeningCoverageEntity): ShardResult['coverage'][number] => [
  c.streetCode,
  c.policyCode,
  c.eligibleHouseholds,
  c.eligiblePeople,
  c.receivingHouseholds,
  c.receivingPeople,
  c.silentHouseholds,
  c.silentPeople,
  c.exitHouseholds,
];

function mergeCounts(base: PolicyCounts[], results: ShardResult[]): PolicyCounts[] {
  const byCode = new Map(base.map((c) => [c.policyCode, { ...c, eligible: 0, newlyEligible: 0, exitCandidates: 0, unknown: 0 }]));
  for (const r of results) {
    for (const c of r.counts) {
      const t = byCode.get(c.policyCode);
      if (!t) continue;
      t.eligible += c.eligible;
      t.newlyEligible += c.newlyEligible;
      t.exitCandidates += c.exitCandidates;
      t.unknown += c.unknown;
    }
  }
  return [...byCode.values()];
}

function mergeCoverage(runId: string, results: ShardResult[]): ScreeningCoverageEntity[] {
  const cells = new Map<string, ScreeningCoverageEntity>();
  for (const r of results) {
    for (const [streetCode, policyCode, eh, ep, rh, rp, sh, sp, xh] of r.coverage) {
      const key = `${streetCode}|${policyCode}`;
      const t = cells.get(key) ?? {
        runId,
        streetCode,
        policyCode,
        eligibleHouseholds: 0,
        eligiblePeople: 0,
        receivingHouseholds: 0,
        receivingPeople: 0,
        silentHouseholds: 0,
        silentPeople: 0,
        exitHouseholds: 0,
      };
      cells.set(key, t);
      t.eligibleHouseholds += eh;
      t.eligiblePeople += ep;
      t.receivingHouseholds += rh;
      t.receivingPeople += rp;
      t.silentHouseholds += sh;
      t.silentPeople += sp;
      t.exitHouseholds += xh;
    }
  }
  return [...cells.values()];
}

const JOB_KIND = 'screening';
/** A worker keeps its match threads for the next shard of the same run this long. */
const POOL_IDLE_MS = 30_000;

/**
 * Population screening: every active household of the district against every published policy,
 * as a job of shards (JOB_SHARD_SIZE households each) that any worker takes, cancellable. Stores
 * the current result of each pair and, per policy, the households newly eligible, the exit
 * candidates and the unknowns with missing facts. The policy versions are fixed when the run
 * starts (the run's summary lists them); a shard that finds others published fails the run.
 */
@Injectable()
export class ScreeningsService implements OnModuleInit, OnApplicationShutdown, JobKind {
  readonly kind = JOB_KIND;
  /** Two shards at once in one process: one commits (the SQLite write worker) while the next reads and matches. */
  readonly overlapShards = true;
  private readonly logger = new Logger('Screening');
  /** Facts of the households screened here, handed to the preview when every shard ran in this process. */
  private readonly stores = new Map<string, FactStore>();
  private pool: { jobId: string; pool: MatchPool | null; timer: NodeJS.Timeout | null } | null = null;
  private activeShards = 0;
  private readonly completedListeners: Array<(run: ScreeningRunEntity) => Promise<void>> = [];

  constructor(
    private readonly repo: ScreeningsRepository,
    private readonly households: HouseholdsRepository,
    private readonly results: EligibilityRepository,
    private readonly matcher: MatcherService,
    private readonly population: PopulationService,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
    private readonly tx: Transactor,
    private readonly bus: InvalidationBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    jobs.register(this);
  }

  async onModuleInit(): Promise<void> {
    // Runs from before jobs existed (no job row) can never finish; those with a job resume.
    await this.repo.failOrphans(this.clock.iso());
  }

  /** The shard in hand finishes (its threads stay until then); the rest wait for the next start or worker. */
  async onApplicationShutdown(): Promise<void> {
    while (this.activeShards > 0) await new Promise((r) => setTimeout(r, 50));
    await this.closePool();
  }

  async start(auth: AuthContext): Promise<ScreeningRunEntity> {
    const run = await this.begin(auth.userId, (auth.regionCode ?? this.config.districtCode).slice(0, 6));
    await this.audit.record(auth, { action: 'screening.start', entityType: 'screening', entityId: run.id, detail: { total: run.total } });
    return run;
  }

  /** Starts a run in the background (as a job); `startedBy` is a user id or 'system'. */
  async begin(startedBy: string, districtCode: string): Promise<ScreeningRunEntity> {
    if (await this.repo.findRunning(districtCode)) throw new AppError('SCREENING_RUNNING');
    const lib = await this.matcher.load();
    const counts: PolicyCounts[] = lib.policies.map((p) => ({
      policyCode: p.code,
      version: p.version,
      eligible: 0,
      newlyEligible: 0,
      exitCandidates: 0,
      unknown: 0,
    }));
    const [total, bounds] = await Promise.all([
      this.households.countActive(districtCode),
      this.households.shardBoundaries(districtCode, this.config.jobs.shardSize),
    ]);
    const ranges = [...bounds, null].map((toKey, i) => ({ fromKey: i === 0 ? '' : bounds[i - 1]!, toKey }));
    const run: ScreeningRunEntity = {
      id: randomUUID(),
      status: 'running',
      districtCode,
      asOf: this.clock.today(),
      total,
      processed: 0,
      summary: JSON.stringify(counts),
      startedBy,
      startedAt: this.clock.iso(),
      finishedAt: null,
      error: null,
    };
    await this.tx.run(async (m) => {
      await this.repo.insertRun(run, m);
      await this.jobs.create(m, JOB_KIND, run.id, ranges);
    });
    if (!this.jobs.distributed) this.stores.set(run.id, new FactStore(run.asOf, Math.max(1024, total)));
    await this.jobs.dispatch(JOB_KIND, run.id, ranges.length);
    return run;
  }

  async get(id: string): Promise<ScreeningRunEntity> {
    const run = await this.repo.findRun(id);
    if (!run) throw notFound();
    return run;
  }

  async cancel(auth: AuthContext, id: string): Promise<ScreeningRunEntity> {
    const run = await this.get(id);
    if (run.status !== 'running' || !(await this.jobs.cancel(id))) throw new AppError('INVALID_STATE', '筛查已结束');
    await this.audit.record(auth, { action: 'screening.cancel', entityType: 'screening', entityId: id });
    return this.get(id);
  }

  /** Called after each completed run (notifications: "the policy found you"); a listener's failure never fails the run. */
  onCompleted(listener: (run: ScreeningRunEntity) => Promise<void>): void {
    this.completedListeners.push(listener);
  }

  /** Resolves when the run is over (tests, benchmarks, the demo seed). */
  async finished(id: string): Promise<ScreeningRunEntity> {
    await this.jobs.waitFor(id);
    return this.get(id);
  }

  hits(
    runId: string,
    policyCode: string,
    category: ScreeningCategory,
    page: number,
    pageSize: number,
  ): Promise<{ items: ScreeningHitEntity[]; total: number }> {
    return this.repo.pageHits(runId, policyCode, category, page, pageSize);
  }

  // --- the job ------------------------------------------------------------------------------

  async runShard(ctx: ShardContext): Promise<void> {
    this.activeShards++;
    try {
      await this.screenShard(ctx);
    } finally {
      this.activeShards--;
    }
  }

  private async screenShard(ctx: ShardContext): Promise<void> {
    const run = await this.repo.findRun(ctx.job.id);
    if (!run) throw new Error(`screening ${ctx.job.id} not found`);
    const lib = await this.matcher.load();
    const planned = JSON.parse(run.summary) as PolicyCounts[];
    if (planned.length !== lib.policies.length || planned.some((c, i) => c.policyCode !== lib.policies[i]!.code || c.version !== lib.policies[i]!.version)) {
      throw new Error('筛查期间政策库发生了变化（发布或停用了政策），请重新筛查');
    }
    const pool = await this.poolFor(run, lib);
    const counts = lib.policies.map((p) => ({ policyCode: p.code, version: p.version, eligible: 0, newlyEligible: 0, exitCandidates: 0, unknown: 0 }));
    const store = this.stores.get(run.id);
    const coverage = new CoverageTally();
    const now = run.startedAt;
    const { fromKey, toKey } = ctx.shard;
    const rows: EligibilityCurrentEntity[] = [];
    const stale: string[] = [];
    const hits: Array<Omit<ScreeningHitEntity, 'id'>> = [];
    let processed = 0;
    // A page of households; with match threads, its slices go to them as it arrives and its snapshots
    // are let go here (held until their turn, a million encrypted snapshots aged into this thread's
    // old heap and were collected there).
    const readPage = async (after: string) => {
      const raw = await this.households.pageActive(run.districtCode, after, PAGE, undefined, toKey);
      const all = raw.filter((h) => h.snapshotEnc !== null);
      const sent: Array<Promise<MatchBatch>> = [];
      if (pool) {
        for (let from = 0; from < all.length; from += SLICE) {
          const slice = pool.match(all.slice(from, from + SLICE).map((h) => ({ id: h.id, snapshotEnc: h.snapshotEnc! })));
          // Awaited in turn below; a run stopped before then leaves no rejection unhandled.
          slice.catch(() => undefined);
          sent.push(slice);
        }
        for (const h of all) h.snapshotEnc = null;
      }
      return { size: raw.length, last: raw[raw.length - 1]?.id ?? '', all, sent };
    };
    let next = readPage(fromKey);
    for (;;) {
      const { size, last, all, sent } = await next;
      if (size === 0) break;
      if (await ctx.stopped()) return;
      // Read ahead while this page is matched.
      next = size < PAGE ? Promise.resolve({ size: 0, last: '', all: [], sent: [] }) : readPage(last);
      const previousRows = this.results.currentFor(all.map((h) => h.id));
      const previous = new Map<string, Map<string, EligibilityCurrentEntity>>();
      for (const r of await previousRows) {
        const m = previous.get(r.householdId) ?? new Map<string, EligibilityCurrentEntity>();
        m.set(r.policyCode, r);
        previous.set(r.householdId, m);
      }
      // Tallied a slice at a time, letting other requests in between (the event loop is never held
      // for a whole page); without threads (the TypeScript sources under test) matched here.
      const matchSlice = (from: number): Promise<MatchBatch> =>
        sent.length ? sent[from / SLICE]! : Promise.resolve(this.matchHere(lib, all.slice(from, from + SLICE), run.asOf));
      let matching = all.length ? matchSlice(0) : null;
      for (let from = 0; from < all.length; from += SLICE) {
        const page = all.slice(from, from + SLICE);
        const matched = await matching!;
        // The threads match the next slice while this one is tallied here.
        if (from + SLICE < all.length) matching = matchSlice(from + SLICE);
        store?.putPacked(
          page.map((h) => h.id),
          page.map((h) => h.streetCode),
          matched.regionCodes,
          matched.numeric,
          matched.other,
        );
        page.forEach((h, index) => {
          const before = previous.get(h.id) ?? new Map<string, EligibilityCurrentEntity>();
          const receiving = new Set(matched.benefits[index]);
          const size = packedNumber(matched.numeric, index, 'householdSize');
          const people = Number.isNaN(size) ? 0 : size;
          // Only the eligible and unknown results are kept (an ineligible pair stores no row).
          const results: Array<{ code: string; version: number; outcome: 'eligible' | 'unknown'; missing: readonly string[] }> = [];
          let eligibleForAny = false;
          lib.policies.forEach((p, i) => {
            const at = index * lib.policies.length + i;
            const outcome = OUTCOMES[matched.outcomes[at]!]!;
            const c = counts[i]!;
            const receives = receiving.has(p.code);
            coverage.add(h.streetCode, p.code, people, outcome, receives);
            if (outcome === 'eligible') {
              eligibleForAny = true;
              c.eligible++;
              results.push({ code: p.code, version: p.version, outcome: 'eligible', missing: [] });
              if (before.get(p.code)?.outcome !== 'eligible' && !receives) {
                c.newlyEligible++;
                hits.push({ runId: run.id, policyCode: p.code, householdId: h.id, category: 'newly_eligible', missingFacts: '', graceUntil: null });
              }
            } else if (outcome === 'unknown') {
              const missing = matched.missing.get(at) ?? [];
              c.unknown++;
              results.push({ code: p.code, version: p.version, outcome: 'unknown', missing });
              hits.push({
                runId: run.id,
                policyCode: p.code,
                householdId: h.id,
                category: 'unknown',
                missingFacts: missing.join(',').slice(0, 500),
                graceUntil: null,
              });
            } else if (receives) {
              c.exitCandidates++;
              hits.push({
                runId: run.id,
                policyCode: p.code,
                householdId: h.id,
                category: 'exit_candidate',
                missingFacts: '',
                graceUntil: addMonths(run.asOf, p.definition.exitGraceMonths ?? 0),
              });
            }
          });
          coverage.addHousehold(h.streetCode, people, eligibleForAny, receiving.size > 0);
          const rowsNow = currentRows(h.id, results, before, now);
          // Only households whose stored results differ are rewritten: a repeated run writes little.
          if (differs(before, rowsNow)) {
            if (before.size > 0) stale.push(h.id);
            rows.push(...rowsNow);
          }
        });
        await new Promise((r) => setImmediate(r));
      }
      processed += size;
      this.touchPool(run.id);
      await new Promise((r) => setImmediate(r));
    }
    const result: ShardResult = { processed, counts, coverage: coverage.rows('').map(packCoverage) };
    // The run's counts so far with this shard's: shards committed meanwhile (the one beside it in
    // this process, or on other workers) show from the next commit; the finish merges them all.
    const summary = JSON.stringify(mergeCounts(planned, [...((await this.jobs.results(null, run.id)) as ShardResult[]), result]));
    const mysql = this.tx.mysql;
    // The shard's results, hits and the run's progress commit together, once; on SQLite in the
    // write worker, so the event loop stays free while tens of thousands of rows are written.
    const { results, repo } = this;
    await ctx.commitBatch(
      processed,
      result,
      function* () {
        yield* results.replaceStatements(mysql, stale, rows);
        yield* repo.hitStatements(mysql, hits);
      },
      function* () {
        yield repo.progressStatement(mysql, run.id, processed, summary);
      },
    );
  }

  async finish(job: JobEntity, results: unknown[], m: EntityManager): Promise<void> {
    const run = await this.repo.findRun(job.id);
    if (!run) return;
    const done = results as ShardResult[];
    const processed = done.reduce((n, r) => n + r.processed, 0);
    await this.repo.insertCoverage(mergeCoverage(run.id, done), m);
    await this.repo.updateRun(
      run.id,
      {
        status: 'completed',
        processed,
        total: processed,
        finishedAt: this.clock.iso(),
        summary: JSON.stringify(mergeCounts(JSON.parse(run.summary) as PolicyCounts[], done)),
      },
      m,
    );
  }

  async afterFinish(job: JobEntity, results: unknown[]): Promise<void> {
    const store = this.stores.get(job.id);
    this.stores.delete(job.id);
    if (this.pool?.jobId === job.id) await this.closePool();
    // Every shard ran here (no Redis): the preview gets the facts without reading them again.
    if (store && !this.jobs.distributed) this.population.adopt(store);
    const processed = (results as ShardResult[]).reduce((n, r) => n + r.processed, 0);
    this.logger.log(`Screening ${job.id}: ${processed} households in ${job.shardsTotal} shards`);
    const run = await this.repo.findRun(job.id);
    if (run?.status !== 'completed') return;
    this.bus.publish('aggregates');
    for (const listener of this.completedListeners) {
      await listener(run).catch((e: unknown) => this.logger.error(`After screening ${run.id}: ${e instanceof Error ? e.message : String(e)}`));
    }
  }

  async stopped(job: JobEntity, status: 'cancelled' | 'failed', error: string | null, results: unknown[], m: EntityManager): Promise<void> {
    this.stores.delete(job.id);
    const run = await this.repo.findRun(job.id);
    if (!run) return;
    const done = results as ShardResult[];
    await this.repo.updateRun(
      run.id,
      {
        status,
        error,
        finishedAt: this.clock.iso(),
        processed: done.reduce((n, r) => n + r.processed, 0),
        summary: JSON.stringify(mergeCounts(JSON.parse(run.summary) as PolicyCounts[], done)),
      },
      m,
    );
  }

  /** This process's match threads for the run, kept between its shards. */
  private async poolFor(run: ScreeningRunEntity, lib: Library): Promise<MatchPool | null> {
    if (this.pool?.jobId !== run.id) {
      await this.closePool();
      const pool = MatchPool.create(this.config.screeningWorkers, {
        policies: lib.policies.map((p) => ({ definition: p.definition, version: p.version })),
        parameters: lib.parameters,
        encryptionKey: this.config.encryptionKey.toString('base64'),
        hashKey: this.config.hashKey.toString('base64'),
        asOf: run.asOf,
      });
      this.pool = { jobId: run.id, pool, timer: null };
    }
    this.touchPool(run.id);
    return this.pool.pool;
  }

  /** Closes the threads after a while without shards (re-armed on every page). */
  private touchPool(jobId: string): void {
    const held = this.pool;
    if (held?.jobId !== jobId) return;
    if (held.timer) clearTimeout(held.timer);
    held.timer = setTimeout(() => void (this.pool === held ? this.closePool() : undefined), POOL_IDLE_MS);
    held.timer.unref();
  }

  private async closePool(): Promise<void> {
    const held = this.pool;
    this.pool = null;
    if (!held) return;
    if (held.timer) clearTimeout(held.timer);
    await held.pool?.close();
  }

  /** The same work as a MatchPool worker, in this thread. */
  private matchHere(lib: Library, page: Array<{ id: string; snapshotEnc: string | null }>, asOf: string): MatchBatch {
    return matchBatch(
      page.map((h) => this.cipher.decryptJson<HouseholdSnapshot>(h.snapshotEnc!)),
      (snapshot) => this.matcher.factsOf(lib, snapshot, asOf),
      lib.policies,
    );
  }
}
