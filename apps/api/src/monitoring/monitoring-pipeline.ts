import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { HouseholdSnapshot } from '@zczr/eligibility';
import { addMonths } from '../common/dates.js';
import { Clock } from '../common/time.js';
import { Transactor } from '../database/transactor.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { EligibilityRepository } from '../eligibility/eligibility.repository.js';
import { MatcherService } from '../eligibility/matcher.service.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import type { RowValue } from '../imports/sources.js';
import { RiskService, type RiskPlan } from '../risk/risk.service.js';
import { TaskDispatch, type TaskSpec } from '../tasks/task-dispatch.service.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { DECLARED_EVENT_RULES, minusMonths, num, type HouseholdView } from '../warnings/rules.js';
import { WarningsRepository } from '../warnings/warnings.repository.js';
import { WarningsService, type RuleBook } from '../warnings/warnings.service.js';
import { MonitoringRepository, type HouseholdRow, type MemberRow, type RecordRow } from './monitoring.repository.js';

export interface PipelineCounts {
  households: number;
  warnings: number;
  tasks: number;
  rechecks: number;
  riskChanged: number;
}

export const emptyCounts = (): PipelineCounts => ({ households: 0, warnings: 0, tasks: 0, rechecks: 0, riskChanged: 0 });

export function addCounts(a: PipelineCounts, b: PipelineCounts): PipelineCounts {
  return {
    households: a.households + b.households,
    warnings: a.warnings + b.warnings,
    tasks: a.tasks + b.tasks,
    rechecks: a.rechecks + b.rechecks,
    riskChanged: a.riskChanged + b.riskChanged,
  };
}

/**
 * One pass of the loop over a set of households: read what the rules need, score risk, decide new
 * warnings (windows respected), raise due re-checks, and turn warnings into dispatched tasks, all
 * in one transaction per page. Passes are serialised in-process (one API process per database),
 * so two passes never both raise the same warning.
 */
/** Households decrypted and matched between two turns of the event loop. */
const YIELD_EVERY = 100;

/** What the rules read of a page's households besides their rows: members and last year's department records. */
interface PageReads {
  members: MemberRow[];
  records: RecordRow[];
}

/** A page's households as read before its turn. */
type PageData = PageReads & { rows: HouseholdRow[] };

/** A pass's arguments: its households, what started it, whether re-checks are due, the rules it is limited to, what was read ahead. */
type Pass = [rows: HouseholdRow[], source: { kind: string; ref: string | null }, rechecks: boolean, only?: ReadonlySet<string>, read?: PageReads];

@Injectable()
export class MonitoringPipeline implements OnApplicationBootstrap {
  private tail: Promise<unknown> = Promise.resolve();
  /** Households a page of `processIds` (tests use small pages to cover the read ahead). */
  pageSize = 1000;

  constructor(
    private readonly repo: MonitoringRepository,
    private readonly households: HouseholdsRepository,
    private readonly warnings: WarningsService,
    private readonly warningsRepo: WarningsRepository,
    private readonly risk: RiskService,
    private readonly tasks: TaskDispatch,
    private readonly matcher: MatcherService,
    private readonly eligibilityRepo: EligibilityRepository,
    private readonly eligibility: EligibilityService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly tx: Transactor,
  ) {}

  /**
   * A household's own record changed (a resident's report approved, a staff edit, a visit accepted):
   * what it declares (death of the earner, large medical costs, job loss, fire …) goes through the
   * same rules as department records; only those rules run, so an edit raises no screening noise.
   */
  onApplicationBootstrap(): void {
    this.eligibility.onChanged((id) => this.processIds([id], { kind: 'declared', ref: null }, false, DECLARED_EVENT_RULES).then(() => undefined));
  }

  /**
   * Re-evaluates these households (e.g. after an import changed their department data), a page of
   * 1,000 at a time; `only` limits the warning rules (and skips scoring). The next page's
   * households, members and department records are read (in the background read thread, on
   * SQLite) while this one is decided: read and decide took turns before, each idle while the
   * other worked (2026-12-06 profile of a million-row import: the main thread idle 49% of the
   * rules' 39 s, the read thread 54%).
   */
  async processIds(ids: string[], source: { kind: string; ref: string | null }, rechecks: boolean, only?: ReadonlySet<string>): Promise<PipelineCounts> {
    let counts = emptyCounts();
    const size = this.pageSize;
    const read = (from: number): Promise<PageData> | null => {
      if (from >= ids.length) return null;
      const page = this.readPage(ids.slice(from, from + size));
      page.catch(() => undefined); // awaited (and thrown) in its turn
      return page;
    };
    let next = read(0);
    for (let i = 0; next; i += size) {
      const page = await next;
      next = read(i + size);
      counts = addCounts(counts, await this.process(page.rows, source, rechecks, only, page));
    }
    return counts;
  }

  /** One pass over these households, after the passes before it (`read`: the page as read ahead). */
  process(...pass: Pass): Promise<PipelineCounts> {
    const next = this.tail.then(() => this.processNow(...pass));
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** What a page's rules read of the households themselves: their rows, members and last year's department records. */
  private async readPage(ids: string[]): Promise<PageData> {
    const rows = await this.repo.activeByIds(ids);
    return { rows, ...(await this.readMembersAndRecords(rows.map((r) => r.id))) };
  }

  private async readMembersAndRecords(ids: string[]): Promise<PageReads> {
    const [members, records] = await Promise.all([this.repo.membersOf(ids), this.repo.recordsOf(ids, minusMonths(this.clock.today(), 12))]);
    return { members, records };
  }

  private async processNow(...[rows, source, rechecks, only, read]: Pass): Promise<PipelineCounts> {
    if (rows.length === 0) return emptyCounts();
    const book = await this.warnings.ruleBook();
    const ids = rows.map((r) => r.id);
    const [views, previous, earlier] = await Promise.all([
      this.views(rows, read),
      this.risk.previous(ids),
      this.warningsRepo.raisedSince(ids, this.warnings.sinceForWindows(book)),
    ]);
    for (const v of views) v.previousIncome = previous.get(v.householdId)?.monthlyIncome ?? null;
    const kind = source.kind === 'import' ? 'import' : source.kind === 'declared' ? 'declared' : 'monitoring';
    const warnings = this.warnings.decide(book, views, earlier, { kind, ref: source.ref }).filter((w) => !only || only.has(w.ruleCode));
    const riskPlan: RiskPlan = only ? { rows: [], history: [] } : this.risk.plan(book, views, previous, source.kind);
    const recheckSpecs = rechecks ? await this.dueRechecks(book, views) : [];
    const byId = new Map(views.map((v) => [v.householdId, v]));
    const specs: TaskSpec[] = warnings.map((w) => {
      const v = byId.get(w.householdId)!;
      return {
        householdId: v.householdId,
        districtCode: v.districtCode,
        streetCode: v.streetCode,
        communityCode: v.communityCode,
        gridId: v.gridId,
        kind: 'warning',
        reason: w.ruleCode,
        warningId: w.id,
      };
    });
    const dispatcher = warnings.length || recheckSpecs.length ? await this.tasks.dispatcher() : null;
    if (warnings.length || recheckSpecs.length || riskPlan.rows.length) {
      await this.tx.run(async (m) => {
        const created = dispatcher ? await this.tasks.createTasks(m, [...specs, ...recheckSpecs], dispatcher, 'system') : [];
        warnings.forEach((w, i) => {
          w.taskId = created[i]!.id;
          w.status = 'tasked';
        });
        await this.warningsRepo.insertMany(m, warnings);
        await this.risk.apply(m, riskPlan);
      });
    }
    return {
      households: rows.length,
      warnings: warnings.length,
      tasks: warnings.length + recheckSpecs.length,
      rechecks: recheckSpecs.length,
      riskChanged: riskPlan.history.length,
    };
  }

  /** What the rules and the score read of each household: no names, no ID numbers. */
  private async views(rows: HouseholdRow[], read?: PageReads): Promise<HouseholdView[]> {
    const ids = rows.map((r) => r.id);
    const asOf = this.clock.today();
    const [{ members, records }, results, lib] = await Promise.all([
      read ?? this.readMembersAndRecords(ids),
      this.eligibilityRepo.currentFor(ids),
      this.matcher.load(),
    ]);
    const views = new Map<string, HouseholdView>();
    for (const [i, r] of rows.entries()) {
      // Decrypting and matching a page of 1,000 takes ~100 ms of the event loop: let requests in between.
      if (i > 0 && i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      const snapshot = r.snapshotEnc ? this.cipher.decryptJson<HouseholdSnapshot>(r.snapshotEnc) : null;
      const matched = snapshot ? this.matcher.factsOf(lib, snapshot, asOf) : null;
      views.set(r.id, {
        householdId: r.id,
        districtCode: r.districtCode,
        streetCode: r.streetCode,
        communityCode: r.communityCode,
        gridId: r.gridId,
        members: [],
        facts: matched?.facts ?? null,
        policyParams: matched?.params ?? null,
        benefits: snapshot?.benefits.map((b) => b.policyCode) ?? [],
        benefitsSince: snapshot?.benefits.map((b) => b.since) ?? [],
        eligible: [],
        unknown: [],
        records: [],
        previousIncome: null,
        declared: {
          hardships: snapshot?.hardships ?? [],
          medicalSelfPaid12m: (snapshot?.expenses ?? []).reduce(
            (n, e) => n + (e.type === 'medical_self_paid' && Number.isFinite(e.amount12m) ? e.amount12m : 0),
            0,
          ),
        },
      });
    }
    for (const m of members) {
      views
        .get(m.householdId)
        ?.members.push({ position: m.position, relation: m.relation, birthDate: m.birthDate, employment: m.employment, personHash: m.idNumberHash });
    }
    for (const e of results) {
      const v = views.get(e.householdId);
      if (!v) continue;
      if (e.outcome === 'eligible') v.eligible.push(e.policyCode);
      else v.unknown.push({ policyCode: e.policyCode, missing: e.missingFacts ? e.missingFacts.split(',') : [] });
    }
    for (const r of records) {
      views.get(r.householdId)?.records.push({
        source: r.source,
        personHash: r.personHash,
        eventDate: r.eventDate,
        values: this.cipher.decryptJson<Record<string, RowValue>>(r.payloadEnc),
      });
    }
    return [...views.values()];
  }

  /**
   * Periodic re-checks of households receiving assistance (docs/DOMAIN.md §4): every few months where an
   * able adult is jobless, yearly for stable severe illness or disability, half-yearly otherwise.
   */
  private async dueRechecks(book: RuleBook, views: HouseholdView[]): Promise<TaskSpec[]> {
    const asOf = this.clock.today();
    const receiving = views.filter((v) => v.benefits.length > 0 && v.facts);
    if (receiving.length === 0) return [];
    const last = await this.tasks.lastRechecks(receiving.map((v) => v.householdId));
    const out: TaskSpec[] = [];
    for (const v of receiving) {
      const p = book.resolve(v.communityCode, asOf);
      const jobless = (num(v.facts, 'unemployedWorkingAgeCount') ?? 0) > 0 && (num(v.facts, 'membersWithLabourCapacity') ?? 0) > 0;
      const severe = (num(v.facts, 'seriousIllnessCount') ?? 0) > 0 || (num(v.facts, 'severeDisabilityCount') ?? 0) > 0;
      const [months, category] = jobless
        ? [p.recheck_months_jobless, 'recheck_jobless']
        : severe
          ? [p.recheck_months_severe, 'recheck_severe']
          : [p.recheck_months_stable, 'recheck_stable'];
      if (months === undefined) continue;
      const reference = last.get(v.householdId)?.slice(0, 10) ?? v.benefitsSince.reduce((a, b) => (b < a ? b : a), asOf);
      if (addMonths(reference, months) > asOf) continue;
      out.push({
        householdId: v.householdId,
        districtCode: v.districtCode,
        streetCode: v.streetCode,
        communityCode: v.communityCode,
        gridId: v.gridId,
        kind: 'recheck',
        reason: category,
        warningId: null,
      });
    }
    return out;
  }
}
