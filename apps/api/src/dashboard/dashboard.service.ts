import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CIRCLE_LABELS, POLICY_GROUP_LABELS, RISK_COLOUR_LABELS, UNSCORED_LABEL, type RiskColour } from '@zczr/contract';
import { POLICY_GROUPS, type PolicyGroup } from '@zczr/eligibility';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { findDivision } from '@zczr/divisions';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { InvalidationBus } from '../shared-state/invalidation-bus.js';
import { RegionsRepository } from '../regions/regions.repository.js';
import type { ScreeningCoverageEntity } from '../screenings/screening.entity.js';
import { ANY_POLICY } from '../screenings/coverage.js';
import {
  SUPPRESS_BELOW,
  suppress,
  type BoardDto,
  type CategoryCountDto,
  type CircleCountDto,
  type CommunityCountDto,
  type ColourCountDto,
  type CoverageDto,
  type DashboardDto,
  type ScopeDto,
  type StreetCountDto,
  type TrendsDto,
} from './dashboard.dto.js';
import { DashboardRepository, type AreaScope, type HouseholdCell, type MonthCount, type TaskCell } from './dashboard.repository.js';
import { ACTIVE_STATUSES } from '../tasks/tasks.repository.js';

/** Colour counts include the households not scored yet. */
const COLOUR_LABELS: Readonly<Record<RiskColour | 'none', string>> = { ...RISK_COLOUR_LABELS, none: UNSCORED_LABEL };
const COLOURS = ['orange', 'yellow', 'blue', 'green', 'none'] as const;

const CACHE_MS = 30_000;
/** How long a reader waits for a recomputation when an older result is at hand. */
const STALE_WAIT_MS = 150;

interface CacheEntry {
  /** When the computation of `last` began (Date.now()), and the invalidation generation it began in. */
  at: number;
  generation: number;
  last: DashboardDto | null;
  pending: { generation: number; value: Promise<DashboardDto> } | null;
  /** Whether the kept snapshot was looked for (once per process and scope). */
  snapshotRead: boolean;
}

/** A scope's row in dashboard_snapshot; the prefix changes with the response's shape, so an old body is never served. */
const snapshotKey = (area: AreaScope): string => `v1|${area.districtCode}|${area.streetCode ?? ''}`;

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const isActive = (c: TaskCell): boolean => ACTIVE_STATUSES.includes(c.status);
/** Tasks someone still has to act on whose due date has passed. */
const overdue = (cells: TaskCell[], today: string): number => sum(cells.filter((c) => isActive(c) && c.dueDate < today).map((c) => c.n));
/** Share of the eligible who receive it; not computed below the suppression threshold (it would reveal the small numbers). */
const rate = (eligible: number, silent: number): number | null =>
  eligible < SUPPRESS_BELOW ? null : Math.round(((eligible - silent) / eligible) * 1000) / 1000;

/**
 * The dashboard: people and households by risk colour, income circle, assistance category and street;
 * coverage (eligible vs receiving) from the latest screening; twelve months of trends. Scoped by
 * the caller's region; every count of 1–4 leaves the API as "<5". A result is kept 30 s per scope, and
 * dropped in every API process when a screening, monitoring run or import finishes.
 */
@Injectable()
export class DashboardService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Dashboard');
  /** Per scope: the last result computed, when its computation began, and the one under way. */
  private readonly cache = new Map<string, CacheEntry>();
  /** Bumped on every invalidation: a computation begun before it is never kept. */
  private generation = 0;

  constructor(
    private readonly repo: DashboardRepository,
    private readonly regions: RegionsRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
    bus: InvalidationBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // A finished screening, monitoring run or import changes the figures: computed afresh at once
    // (outside tests), so that the next reader waits for at most what is left of it, not all of it.
    bus.on('aggregates', () => {
      this.generation++;
      this.scheduleWarm();
    });
  }

  async dashboard(auth: AuthContext): Promise<DashboardDto> {
    return this.cached(this.areaOf(auth));
  }

  /**
   * At a million households the aggregates take seconds (on the read pool, off the event loop). A
   * result is kept 30 s per scope and until the next invalidation; after that the next reader starts
   * its recomputation and waits for it at most {@link STALE_WAIT_MS}: what is not ready by then is
   * answered with the last result, marked `refreshing` (its `generatedAt` says when it was computed),
   * and replaced once the new one is in. A scope this process has not computed yet starts from the
   * figures kept in `dashboard_snapshot` by the last computation of any process; only a scope never
   * computed anywhere waits for all of it. Outside tests the district and its streets are computed at
   * start-up and a second after each invalidation.
   */
  private async cached(area: AreaScope): Promise<DashboardDto> {
    const entry = this.entryOf(area);
    if (!entry.last && !entry.snapshotRead) {
      // Not computed in this process yet: the figures another process (or this one before a restart) kept.
      entry.snapshotRead = true;
      const kept = await this.repo.snapshot(snapshotKey(area)).catch(() => null);
      if (kept && !entry.last) entry.last = JSON.parse(kept.body) as DashboardDto;
    }
    const last = entry.last;
    if (last && this.isFresh(entry)) return last;
    const pending = this.refresh(area, entry);
    if (!last) return pending;
    return new Promise<DashboardDto>((resolve) => {
      const timer = setTimeout(() => resolve({ ...last, refreshing: true }), STALE_WAIT_MS);
      pending.then(
        (dto) => (clearTimeout(timer), resolve(dto)),
        () => (clearTimeout(timer), resolve({ ...last, refreshing: true })),
      );
    });
  }

  /** Computed in the current generation (no invalidation since) and within the last 30 s. */
  private isFresh(entry: CacheEntry): boolean {
    return entry.last !== null && entry.generation === this.generation && Date.now() - entry.at < CACHE_MS;
  }

  private entryOf(area: AreaScope): CacheEntry {
    const key = snapshotKey(area);
    let entry = this.cache.get(key);
    if (!entry) this.cache.set(key, (entry = { at: 0, generation: -1, last: null, pending: null, snapshotRead: false }));
    return entry;
  }

  /** The computation of the current generation under way for this scope, or a new one. */
  private refresh(area: AreaScope, entry: CacheEntry): Promise<DashboardDto> {
    const generation = this.generation;
    if (entry.pending && entry.pending.generation === generation) return entry.pending.value;
    const at = Date.now();
    const value = this.compute(area);
    const pending = { generation, value };
    entry.pending = pending;
    value.then(
      (dto) => {
        if (entry.pending === pending) entry.pending = null;
        // A computation begun before a later one finished (or before an invalidation) is not kept over it.
        if (generation > entry.generation || (generation === entry.generation && at >= entry.at)) {
          Object.assign(entry, { at, generation, last: dto });
          this.repo.keepSnapshot(snapshotKey(area), dto.generatedAt, JSON.stringify(dto)).catch((e: unknown) => {
            if (!this.closing) this.logger.warn(`dashboard snapshot not kept: ${e instanceof Error ? e.message : String(e)}`);
          });
        }
      },
      () => {
        if (entry.pending === pending) entry.pending = null;
      },
    );
    return value;
  }

  onApplicationBootstrap(): void {
    this.scheduleWarm();
  }

  private warmTimer: NodeJS.Timeout | null = null;
  /** Set at shutdown: no new warm-up, and one in flight stops at its next area and fails quietly (its reads lose their connection). */
  private closing = false;

  beforeApplicationShutdown(): void {
    this.closing = true;
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.warmTimer = null;
  }

  /** The district and its streets computed in the background a second from now (a burst of invalidations warms once). */
  private scheduleWarm(): void {
    if (this.config.nodeEnv === 'test' || this.warmTimer || this.closing) return;
    this.warmTimer = setTimeout(() => {
      this.warmTimer = null;
      void this.warm().catch((e: unknown) => {
        if (!this.closing) this.logger.warn(`dashboard warm-up failed: ${e instanceof Error ? e.message : String(e)}`);
      });
    }, 1000);
    this.warmTimer.unref();
  }

  private async warm(): Promise<void> {
    const district = this.config.districtCode;
    const scopes: AreaScope[] = [{ districtCode: district, streetCode: null }];
    for (const s of await this.streetsOf(scopes[0]!)) scopes.push({ districtCode: district, streetCode: s.code });
    // One after the other (the read pool is shared with everyone else), each awaited to its end.
    for (const area of scopes) {
      if (this.closing) return;
      const entry = this.entryOf(area);
      if (!this.isFresh(entry)) await this.refresh(area, entry);
    }
  }

  async board(auth: AuthContext): Promise<BoardDto> {
    const area = this.areaOf(auth);
    const [warnings, tasks, scope] = await Promise.all([this.repo.warningCells(area), this.repo.taskCells(area), this.scopeOf(area)]);
    const today = this.clock.today();
    const byColour: Record<string, Record<string, number>> = {};
    for (const c of warnings) (byColour[c.a] ??= {})[c.b] = (byColour[c.a]?.[c.b] ?? 0) + c.n;
    const byStatus: Record<string, number> = {};
    const escalation: Record<string, number> = {};
    for (const c of tasks) {
      byStatus[c.status] = (byStatus[c.status] ?? 0) + c.n;
      if (isActive(c)) escalation[c.escalationLevel] = (escalation[c.escalationLevel] ?? 0) + c.n;
    }
    const streets = await this.streetsOf(area);
    const byStreet = streets.map((s) => {
      const w = warnings.filter((c) => c.streetCode === s.code && c.b !== 'closed');
      const t = tasks.filter((c) => c.streetCode === s.code);
      const n = (colour: string): number => sum(w.filter((c) => c.a === colour).map((c) => c.n));
      return {
        code: s.code,
        name: s.name,
        orange: n('orange'),
        yellow: n('yellow'),
        blue: n('blue'),
        activeTasks: sum(t.filter((c) => c.status !== 'closed' && c.status !== 'accepted').map((c) => c.n)),
        overdueTasks: overdue(t, today),
      };
    });
    return {
      scope,
      warnings: byColour,
      tasks: byStatus,
      overdueTasks: overdue(tasks, today),
      escalation,
      byStreet,
      note: '工作量统计按实际数量显示（不做小数抑制）：这些预警和任务本身就在您的办理范围内。',
    };
  }

  private async compute(area: AreaScope): Promise<DashboardDto> {
    const today = this.clock.today();
    const months = lastMonths(today, 12);
    const from = `${months[0]}-01`;
    const [cells, households, warnings, tasks, run, scope, board] = await Promise.all([
      this.repo.householdCells(area, 'background'),
      this.repo.householdsByMonth(area, from, 'background'),
      this.repo.warningsByMonth(area, from, 'background'),
      this.repo.tasksByMonth(area, from, 'background'),
      this.repo.latestCompletedScreening(area.districtCode),
      this.scopeOf(area),
      Promise.all([this.repo.warningCells(area, 'background'), this.repo.taskCells(area, 'background')]),
    ]);
    const coverageRows = run ? await this.repo.coverage(run.id, area.streetCode) : [];
    const streets = await this.streetsOf(area);
    const any = coverageRows.filter((r) => r.policyCode === ANY_POLICY);
    const [warningCells, taskCells] = board;
    return {
      scope,
      generatedAt: this.clock.iso(),
      suppressBelow: SUPPRESS_BELOW,
      totals: {
        households: suppress(sum(cells.map((c) => c.households))),
        people: suppress(sum(cells.map((c) => c.people))),
        silentHouseholds: suppress(sum(any.map((r) => r.silentHouseholds))),
        openWarnings: sum(warningCells.filter((c) => c.b !== 'closed').map((c) => c.n)),
        overdueTasks: overdue(taskCells, today),
      },
      byColour: this.byColour(cells),
      byCircle: this.byCircle(cells),
      byCategory: await this.byCategory(coverageRows),
      byStreet: this.byStreet(cells, streets),
      byCommunity: area.streetCode ? await this.byCommunity(cells, area.streetCode) : [],
      coverage: await this.coverage(run, coverageRows, streets),
      trends: trends(months, households, warnings, tasks),
    };
  }

  private byColour(cells: HouseholdCell[]): ColourCountDto[] {
    return COLOURS.map((colour) => {
      const of = cells.filter((c) => (c.colour ?? 'none') === colour);
      return { colour, label: COLOUR_LABELS[colour]!, households: suppress(sum(of.map((c) => c.households))), people: suppress(sum(of.map((c) => c.people))) };
    });
  }

  private byCircle(cells: HouseholdCell[]): CircleCountDto[] {
    return ([1, 2, 3, 4, null] as const).map((circle) => {
      const of = cells.filter((c) => c.circle === circle);
      return {
        circle,
        label: CIRCLE_LABELS[circle ?? 'none']!,
        households: suppress(sum(of.map((c) => c.households))),
        people: suppress(sum(of.map((c) => c.people))),
      };
    });
  }

  private async byCommunity(cells: HouseholdCell[], streetCode: string): Promise<CommunityCountDto[]> {
    const communities = (await this.regions.allRegions())
      .filter((r) => r.level === 'community' && r.parentCode === streetCode)
      .sort((a, b) => a.code.localeCompare(b.code));
    return communities.map((c) => ({
      ...this.countOf(
        cells.filter((x) => x.communityCode === c.code),
        c,
      ),
      streetCode,
    }));
  }

  private byStreet(cells: HouseholdCell[], streets: Array<{ code: string; name: string }>): StreetCountDto[] {
    return streets.map((s) =>
      this.countOf(
        cells.filter((c) => c.streetCode === s.code),
        s,
      ),
    );
  }

  private countOf(of: HouseholdCell[], s: { code: string; name: string }): StreetCountDto {
    const colour = (k: string): number => sum(of.filter((c) => (c.colour ?? 'none') === k).map((c) => c.households));
    return {
      code: s.code,
      name: s.name,
      households: suppress(sum(of.map((c) => c.households))),
      people: suppress(sum(of.map((c) => c.people))),
      orange: suppress(colour('orange')),
      yellow: suppress(colour('yellow')),
      blue: suppress(colour('blue')),
      green: suppress(colour('green')),
      unscored: suppress(colour('none')),
    };
  }

  private async byCategory(rows: ScreeningCoverageEntity[]): Promise<CategoryCountDto[]> {
    const policies = await this.repo.policies();
    const groups = new Map<PolicyGroup, { receiving: number; receivingPeople: number; eligible: number; silent: number }>();
    for (const r of rows) {
      if (r.policyCode === ANY_POLICY) continue;
      const group = policies.get(r.policyCode)?.group ?? 'other';
      const g = groups.get(group) ?? { receiving: 0, receivingPeople: 0, eligible: 0, silent: 0 };
      g.receiving += r.receivingHouseholds;
      g.receivingPeople += r.receivingPeople;
      g.eligible += r.eligibleHouseholds;
      g.silent += r.silentHouseholds;
      groups.set(group, g);
    }
    return POLICY_GROUPS.filter((g) => groups.has(g)).map((group) => {
      const g = groups.get(group)!;
      return {
        group,
        label: POLICY_GROUP_LABELS[group],
        receivingHouseholds: suppress(g.receiving),
        receivingPeople: suppress(g.receivingPeople),
        eligibleHouseholds: suppress(g.eligible),
        silentHouseholds: suppress(g.silent),
      };
    });
  }

  private async coverage(
    run: { id: string; asOf: string; finishedAt: string | null } | null,
    rows: ScreeningCoverageEntity[],
    streets: Array<{ code: string; name: string }>,
  ): Promise<CoverageDto> {
    if (!run) return { run: null, byPolicy: [], byStreet: [] };
    const policies = await this.repo.policies();
    const byPolicy = new Map<string, { eligible: number; receiving: number; silent: number; silentPeople: number; exit: number }>();
    for (const r of rows) {
      if (r.policyCode === ANY_POLICY) continue;
      const p = byPolicy.get(r.policyCode) ?? { eligible: 0, receiving: 0, silent: 0, silentPeople: 0, exit: 0 };
      p.eligible += r.eligibleHouseholds;
      p.receiving += r.receivingHouseholds;
      p.silent += r.silentHouseholds;
      p.silentPeople += r.silentPeople;
      p.exit += r.exitHouseholds;
      byPolicy.set(r.policyCode, p);
    }
    return {
      run: { id: run.id, asOf: run.asOf, finishedAt: run.finishedAt },
      byPolicy: [...byPolicy]
        .sort(([ca, a], [cb, b]) => b.silent - a.silent || b.eligible - a.eligible || ca.localeCompare(cb))
        .map(([code, p]) => ({
          policyCode: code,
          policyName: policies.get(code)?.name ?? code,
          group: policies.get(code)?.group ?? 'other',
          eligibleHouseholds: suppress(p.eligible),
          receivingHouseholds: suppress(p.receiving),
          silentHouseholds: suppress(p.silent),
          silentPeople: suppress(p.silentPeople),
          exitHouseholds: suppress(p.exit),
          coverageRate: rate(p.eligible, p.silent),
        })),
      byStreet: streets.map((s) => {
        const r = rows.find((x) => x.streetCode === s.code && x.policyCode === ANY_POLICY);
        const eligible = r?.eligibleHouseholds ?? 0;
        const silent = r?.silentHouseholds ?? 0;
        return {
          code: s.code,
          name: s.name,
          eligible: suppress(eligible),
          receiving: suppress(r?.receivingHouseholds ?? 0),
          silent: suppress(silent),
          coverageRate: rate(eligible, silent),
        };
      }),
    };
  }

  private areaOf(auth: AuthContext): AreaScope {
    const scope = this.access.scopeOf(auth);
    if (scope.kind === 'district') return { districtCode: scope.districtCode, streetCode: null };
    if (scope.kind === 'street') return { districtCode: scope.streetCode.slice(0, 6), streetCode: scope.streetCode };
    throw new AppError('FORBIDDEN');
  }

  private async streetsOf(area: AreaScope): Promise<Array<{ code: string; name: string }>> {
    const all = await this.regions.allRegions();
    return all
      .filter((r) => r.level === 'street' && r.code.startsWith(area.districtCode) && (!area.streetCode || r.code === area.streetCode))
      .map((r) => ({ code: r.code, name: r.name }))
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  private async scopeOf(area: AreaScope): Promise<ScopeDto> {
    const districtName = (await this.regions.findRegion(area.districtCode))?.name ?? findDivision(area.districtCode)?.name ?? area.districtCode;
    const cityName = findDivision(`${area.districtCode.slice(0, 4)}00`)?.name ?? '';
    const code = area.streetCode ?? area.districtCode;
    const name = area.streetCode ? ((await this.regions.findRegion(area.streetCode))?.name ?? area.streetCode) : districtName;
    return { level: area.streetCode ? 'street' : 'district', code, name, districtCode: area.districtCode, districtName, cityName };
  }
}

/** The last `n` months up to today's, oldest first, as YYYY-MM. */
export function lastMonths(today: string, n: number): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return Array.from({ length: n }, (_, i) => {
    const k = y * 12 + (m - 1) - (n - 1 - i);
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

function trends(months: string[], households: MonthCount[], warnings: MonthCount[], tasks: MonthCount[]): TrendsDto {
  const series = (key: string, label: string, rows: MonthCount[], of: string): TrendsDto['series'][number] => ({
    key,
    label,
    values: months.map((m) => suppress(sum(rows.filter((r) => r.month === m && r.key === of).map((r) => r.n)))),
  });
  return {
    months,
    series: [
      series('households', '新登记家庭', households, 'all'),
      series('warnings_orange', '橙色预警', warnings, 'orange'),
      series('warnings_yellow', '黄色预警', warnings, 'yellow'),
      series('warnings_blue', '蓝色预警', warnings, 'blue'),
      series('tasks_created', '新建核实任务', tasks, 'created'),
      series('tasks_closed', '办结核实任务', tasks, 'closed'),
    ],
  };
}
