import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { labelOf, PARAMETER_CHANGE_STATUS_LABELS, type ParameterChangeStatus } from '@zczr/contract';
import { AuditService } from '../audit/audit.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, notFound } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Transactor } from '../database/transactor.js';
import { MatcherService } from '../eligibility/matcher.service.js';
import { PoliciesRepository } from '../policies/policies.repository.js';
import { PUBLISH_ROLES } from '../policies/policy.dto.js';
import type { PolicyParameterEntity } from '../policies/policy.entity.js';
import { ScreeningsService } from '../screenings/screenings.service.js';
import type { ParameterChangeEntity } from './parameter-change.entity.js';
import { appliesTo, isCalendarDate, isSaneValue, rowInForce } from './parameter-table.js';
import type {
  DecideParameterChangeDto,
  ParameterChangeDto,
  ParameterOverviewDto,
  ParameterOverviewItemDto,
  ProposeParameterChangeDto,
} from './parameters.dto.js';
import { ParametersRepository } from './parameters.repository.js';

const TICK_MS = 3600_000;

/**
 * Parameters managed by effective date (docs/DOMAIN.md §3: every threshold is data): a district user
 * proposes a value for a region from a date with its 依据; another district user approves it (four
 * eyes), which writes the value into policy_parameter and closes the one it supersedes; on the
 * effective date the district is screened again, once, whichever process sees the date first.
 */
@Injectable()
export class ParametersService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Parameters');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: ParametersRepository,
    private readonly policies: PoliciesRepository,
    private readonly users: UsersRepository,
    private readonly matcher: MatcherService,
    private readonly screenings: ScreeningsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tx: Transactor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // The same switch as the monthly monitoring timer: on in a served API, off in tests and worker-only processes.
    if (this.config.monitoring.scheduler && this.config.processRole !== 'worker') {
      this.timer = setInterval(() => void this.tick(), TICK_MS);
      this.timer.unref();
      // A process started after a change's date screens for it soon, not an hour later.
      setTimeout(() => void this.tick(), 60_000).unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    try {
      await this.applyDue();
    } catch (e) {
      this.logger.error(`parameter re-match check failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async overview(auth: AuthContext): Promise<ParameterOverviewDto> {
    const district = this.districtOf(auth);
    const today = this.clock.today();
    const byName = new Map<string, PolicyParameterEntity[]>();
    for (const r of await this.policies.allParameters()) {
      if (!appliesTo(r.region, district)) continue;
      const list = byName.get(r.name);
      if (list) list.push(r);
      else byName.set(r.name, [r]);
    }
    const items: ParameterOverviewItemDto[] = [...byName.entries()].map(([name, rows]) => {
      const current = rowInForce(rows, district, today);
      const next = rows
        .filter((r) => district.startsWith(r.region) && r.effectiveFrom > today)
        .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
      return {
        name,
        label: rows[0]!.label,
        ...(rows[0]!.unit ? { unit: rows[0]!.unit } : {}),
        currentValue: current ? Number(current.value) : null,
        region: current?.region ?? null,
        effectiveFrom: current?.effectiveFrom ?? null,
        source: current?.source ?? null,
        next: next ? { region: next.region, effectiveFrom: next.effectiveFrom, value: Number(next.value) } : null,
        history: [...rows]
          .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.region.length - b.region.length)
          .map((r) => ({
            region: r.region,
            effectiveFrom: r.effectiveFrom,
            value: Number(r.value),
            ...(r.effectiveTo ? { effectiveTo: r.effectiveTo } : {}),
            ...(r.source ? { source: r.source } : {}),
          })),
      };
    });
    return { districtCode: district, asOf: today, regions: this.regionsOf(district), canPropose: this.mayDecide(auth), items };
  }

  async changes(auth: AuthContext, filter: { status?: ParameterChangeStatus; name?: string }): Promise<ParameterChangeDto[]> {
    return this.views(auth, await this.repo.listChanges(this.districtOf(auth), filter));
  }

  async propose(auth: AuthContext, body: ProposeParameterChangeDto): Promise<ParameterChangeDto> {
    const district = this.districtOf(auth);
    const rows = (await this.policies.allParameters()).filter((r) => r.name === body.name);
    if (rows.length === 0) throw new AppError('PARAMETER_UNKNOWN');
    if (!this.regionAllowed(body.region, district)) throw new AppError('UNKNOWN_REGION');
    if (!isCalendarDate(body.effectiveFrom) || body.effectiveFrom < this.clock.today()) throw new AppError('PARAMETER_DATE_INVALID');
    const previous = rowInForce(rows, body.region, body.effectiveFrom);
    const previousValue = previous ? Number(previous.value) : null;
    if (!isSaneValue(body.value, rows[0]!.unit, previousValue)) throw new AppError('PARAMETER_VALUE_OUT_OF_RANGE');
    if (
      rows.some((r) => r.region === body.region && r.effectiveFrom === body.effectiveFrom) ||
      (await this.repo.pendingExists(body.name, body.region, body.effectiveFrom))
    )
      throw new AppError('PARAMETER_CHANGE_EXISTS');
    const change: ParameterChangeEntity = {
      id: randomUUID(),
      name: body.name,
      region: body.region,
      districtCode: district,
      effectiveFrom: body.effectiveFrom,
      value: body.value,
      previousValue,
      basis: body.basis.trim(),
      status: 'pending',
      proposedBy: auth.userId,
      proposedAt: this.clock.iso(),
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      appliedAt: null,
    };
    if (!change.basis) throw new AppError('VALIDATION_FAILED', undefined, [{ field: 'basis', message: '请填写依据文件或文号' }]);
    await this.repo.insertChange(change);
    await this.audit.record(auth, {
      action: 'parameter.propose',
      entityType: 'parameter_change',
      entityId: change.id,
      detail: { name: change.name, region: change.region, effectiveFrom: change.effectiveFrom, value: change.value, previousValue, basis: change.basis },
    });
    return (await this.views(auth, [change]))[0]!;
  }

  /** Four eyes: a district user other than the proposer. The value becomes a row; the one it supersedes ends on its date. */
  async approve(auth: AuthContext, id: string, body: DecideParameterChangeDto): Promise<ParameterChangeDto> {
    const change = await this.pendingFor(auth, id);
    const decidedAt = this.clock.iso();
    const note = body.note?.trim() || null;
    const superseded = await this.tx.run(async (m) => {
      if (!(await this.repo.decide(m, id, { status: 'approved', decidedBy: auth.userId, decidedAt, decisionNote: note }))) throw new AppError('INVALID_STATE');
      const rows = await this.repo.rowsOf(m, change.name);
      if (rows.length === 0) throw new AppError('PARAMETER_UNKNOWN');
      const same = rows.filter((r) => r.region === change.region);
      if (same.some((r) => r.effectiveFrom === change.effectiveFrom)) throw new AppError('PARAMETER_CHANGE_EXISTS');
      const before = same.filter((r) => r.effectiveFrom < change.effectiveFrom).at(-1);
      const after = same.find((r) => r.effectiveFrom > change.effectiveFrom);
      if (before && (before.effectiveTo === null || before.effectiveTo > change.effectiveFrom))
        await this.repo.setEffectiveTo(m, { name: before.name, region: before.region, effectiveFrom: before.effectiveFrom }, change.effectiveFrom);
      await this.repo.insertRow(m, {
        name: change.name,
        region: change.region,
        effectiveFrom: change.effectiveFrom,
        effectiveTo: after?.effectiveFrom ?? null,
        value: change.value,
        label: rows[0]!.label,
        unit: rows[0]!.unit,
        source: change.basis,
      });
      return before ?? null;
    });
    this.matcher.invalidate();
    await this.audit.record(auth, {
      action: 'parameter.approve',
      entityType: 'parameter_change',
      entityId: id,
      detail: {
        name: change.name,
        region: change.region,
        effectiveFrom: change.effectiveFrom,
        value: change.value,
        supersedes: superseded ? { effectiveFrom: superseded.effectiveFrom, value: Number(superseded.value) } : null,
      },
    });
    // Already in force: the district is screened again now rather than at the next tick.
    if (change.effectiveFrom <= this.clock.today()) await this.tick();
    return this.viewOf(auth, id);
  }

  async reject(auth: AuthContext, id: string, body: DecideParameterChangeDto): Promise<ParameterChangeDto> {
    const change = await this.pendingFor(auth, id);
    const note = body.note?.trim();
    if (!note) throw new AppError('REASON_REQUIRED');
    const decided = await this.tx.run((m) =>
      this.repo.decide(m, id, { status: 'rejected', decidedBy: auth.userId, decidedAt: this.clock.iso(), decisionNote: note }),
    );
    if (!decided) throw new AppError('INVALID_STATE');
    await this.audit.record(auth, {
      action: 'parameter.reject',
      entityType: 'parameter_change',
      entityId: id,
      detail: { name: change.name, region: change.region, effectiveFrom: change.effectiveFrom, value: change.value, note },
    });
    return this.viewOf(auth, id);
  }

  /**
   * Screens again every district with an approved change whose date has come and that was not
   * screened for it yet. Each change is claimed by a conditional UPDATE, so two processes checking at
   * once start one screening; a claim whose screening cannot start (another is running) is given back.
   * Returns the number of screenings started.
   */
  async applyDue(): Promise<number> {
    const due = await this.repo.dueUnapplied(this.clock.today());
    const byDistrict = new Map<string, ParameterChangeEntity[]>();
    for (const c of due) byDistrict.set(c.districtCode, [...(byDistrict.get(c.districtCode) ?? []), c]);
    let started = 0;
    for (const [district, changes] of byDistrict) {
      const at = this.clock.iso();
      const claimed: ParameterChangeEntity[] = [];
      for (const c of changes) if (await this.repo.claimApplied(c.id, at)) claimed.push(c);
      if (claimed.length === 0) continue;
      let runId: string;
      try {
        runId = (await this.screenings.begin('system', district)).id;
      } catch (e) {
        for (const c of claimed) await this.repo.releaseApplied(c.id, at);
        if (e instanceof AppError && e.code === 'SCREENING_RUNNING') continue;
        throw e;
      }
      started++;
      await this.audit.record(null, {
        action: 'parameter.rematch',
        entityType: 'screening',
        entityId: runId,
        detail: { districtCode: district, changes: claimed.map((c) => ({ id: c.id, name: c.name, region: c.region, effectiveFrom: c.effectiveFrom })) },
      });
    }
    return started;
  }

  private async pendingFor(auth: AuthContext, id: string): Promise<ParameterChangeEntity> {
    const change = await this.repo.findChange(id);
    if (!change || change.districtCode !== this.districtOf(auth)) throw notFound();
    if (change.status !== 'pending') throw new AppError('INVALID_STATE');
    if (change.proposedBy === auth.userId) throw new AppError('PARAMETER_SELF_APPROVAL');
    return change;
  }

  private districtOf(auth: AuthContext): string {
    return (auth.regionCode ?? this.config.districtCode).slice(0, 6);
  }

  /** The regions a district user sets values for: its city (as the table's city rows use, 4 digits) and the district itself. */
  private regionsOf(district: string): string[] {
    return [district.slice(0, 4), district];
  }

  private regionAllowed(region: string, district: string): boolean {
    return this.regionsOf(district).includes(region);
  }

  private mayDecide(auth: AuthContext): boolean {
    return (PUBLISH_ROLES as readonly string[]).includes(auth.role);
  }

  private async viewOf(auth: AuthContext, id: string): Promise<ParameterChangeDto> {
    const change = await this.repo.findChange(id);
    if (!change) throw notFound();
    return (await this.views(auth, [change]))[0]!;
  }

  private async views(auth: AuthContext, changes: ParameterChangeEntity[]): Promise<ParameterChangeDto[]> {
    const names = await this.users.namesOf(changes.flatMap((c) => [c.proposedBy, ...(c.decidedBy ? [c.decidedBy] : [])]));
    const meta = new Map<string, { label: string; unit: string | null }>();
    for (const r of await this.policies.allParameters()) if (!meta.has(r.name)) meta.set(r.name, { label: r.label, unit: r.unit });
    const nameOf = (id: string): string => (id === 'system' ? '系统' : (names.get(id)?.displayName ?? '已删除的账号'));
    return changes.map((c) => {
      const m = meta.get(c.name);
      return {
        id: c.id,
        name: c.name,
        label: m?.label ?? c.name,
        ...(m?.unit ? { unit: m.unit } : {}),
        region: c.region,
        effectiveFrom: c.effectiveFrom,
        value: Number(c.value),
        previousValue: c.previousValue === null ? null : Number(c.previousValue),
        basis: c.basis,
        status: c.status,
        statusLabel: labelOf(PARAMETER_CHANGE_STATUS_LABELS, c.status),
        proposedByName: nameOf(c.proposedBy),
        proposedAt: c.proposedAt,
        decidedByName: c.decidedBy ? nameOf(c.decidedBy) : null,
        decidedAt: c.decidedAt,
        decisionNote: c.decisionNote,
        appliedAt: c.appliedAt,
        canDecide: c.status === 'pending' && this.mayDecide(auth) && c.proposedBy !== auth.userId && c.districtCode === this.districtOf(auth),
      };
    });
  }
}
