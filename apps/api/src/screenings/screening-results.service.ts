import { SCREENING_BUCKET_LABELS } from '@zczr/contract';
import { Injectable, type MessageEvent } from '@nestjs/common';
import { FACT_CATALOGUE, isFactName } from '@zczr/eligibility';
import ExcelJS from 'exceljs';
import { Observable } from 'rxjs';
import type { Writable } from 'node:stream';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { notFound } from '../common/errors.js';
import { PoliciesRepository } from '../policies/policies.repository.js';
import { RegionsRepository } from '../regions/regions.repository.js';
import { toRunDto, type ScreeningRunDto } from './screening.dto.js';
import type { ScreeningCategory, ScreeningRunEntity } from './screening.entity.js';
import { ScreeningsRepository, type DrillCategory, type HitHousehold } from './screenings.repository.js';
import type { ListTotal } from '../database/read-pool.js';

/** Drill-down buckets (the wire's `category`), labelled by the contract. */
export const CATEGORY_LABELS: Readonly<Record<DrillCategory, string>> = SCREENING_BUCKET_LABELS;

/** A household in a drill-down or an export: placement by name, the head's name masked. */
export interface FlaggedHousehold {
  householdId: string;
  headNameMasked: string;
  memberCount: number;
  streetCode: string;
  streetName: string;
  communityName: string;
  gridName: string;
  missingFacts: string[];
  missingFactLabels: string[];
  graceUntil: string | null;
}

import { maskName } from '@zczr/domain';
export { maskName };

const POLL_MS = 400;
const HEARTBEAT_MS = 15_000;
const EXPORT_PAGE = 2000;
/** One sheet holds at most 1,048,576 rows; a long export continues on the next sheet. */
const SHEET_ROWS = 1_000_000;

/**
 * What the console reads of a screening: the run list, live progress as server-sent events,
 * per-policy results with names, the flagged households (masked) and the Excel export.
 */
@Injectable()
export class ScreeningResultsService {
  constructor(
    private readonly repo: ScreeningsRepository,
    private readonly policies: PoliciesRepository,
    private readonly regions: RegionsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext, page: number, pageSize: number): Promise<{ items: ScreeningRunDto[]; total: number }> {
    const [runs, total] = await this.repo.listRuns(this.districtOf(auth), page, pageSize);
    return { items: runs.map(toRunDto), total };
  }

  /** The run, if it belongs to the caller's district; otherwise the same 404 as a missing one. */
  async run(auth: AuthContext, id: string): Promise<ScreeningRunEntity> {
    const run = await this.repo.findRun(id);
    if (!run || run.districtCode !== this.districtOf(auth)) throw notFound();
    return run;
  }

  /** Policy code → name, for labelling per-policy results. */
  async policyNames(): Promise<Map<string, string>> {
    return new Map((await this.policies.all()).map((p) => [p.code, p.name]));
  }

  /**
   * Progress as server-sent events: a `progress` event whenever the run moved (and at once), a
   * comment now and then so proxies keep the connection, and the stream ends after the event that
   * carries the final status.
   */
  events(run: ScreeningRunEntity): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      let last = '';
      let lastSent = Date.now();
      let stopped = false;
      let timer: NodeJS.Timeout | null = null;
      const tick = async (): Promise<void> => {
        try {
          const now = (await this.repo.findRun(run.id)) ?? run;
          if (stopped) return;
          const dto = toRunDto(now);
          const key = `${dto.status}|${dto.processed}|${dto.total}`;
          if (key !== last) {
            last = key;
            lastSent = Date.now();
            subscriber.next({ type: 'progress', id: String(dto.processed), data: dto });
          } else if (Date.now() - lastSent > HEARTBEAT_MS) {
            lastSent = Date.now();
            subscriber.next({ data: '', comment: 'keep-alive' } as MessageEvent);
          }
          if (dto.status !== 'running') {
            subscriber.complete();
            return;
          }
          timer = setTimeout(() => void tick(), POLL_MS);
        } catch (e) {
          subscriber.error(e);
        }
      };
      void tick();
      return () => {
        stopped = true;
        if (timer) clearTimeout(timer);
      };
    });
  }

  async households(
    auth: AuthContext,
    run: ScreeningRunEntity,
    policyCode: string,
    category: DrillCategory,
    page: number,
    pageSize: number,
  ): Promise<{ items: FlaggedHousehold[] } & ListTotal> {
    const { items, total, totalExact } = await this.repo.hitHouseholds(
      run.id,
      this.access.scopeOf(auth),
      { policyCode, category },
      { offset: (page - 1) * pageSize, take: pageSize, count: true },
    );
    await this.audit.record(auth, {
      action: 'screening.view_households',
      entityType: 'screening',
      entityId: run.id,
      detail: { policyCode, category, page, count: items.length },
    });
    return { items: await this.present(items), total, totalExact };
  }

  /**
   * Streams an .xlsx of the run: a summary sheet (per policy) and the flagged households (masked),
   * optionally one policy and category. Rows are read a page at a time and written as they come.
   */
  async exportXlsx(auth: AuthContext, run: ScreeningRunEntity, filter: { policyCode?: string; category?: ScreeningCategory }, out: Writable): Promise<number> {
    const names = await this.policyNames();
    const dto = toRunDto(run);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = '政策找人';
    const summary = wb.addWorksheet('各政策统计');
    summary.columns = [
      { header: '政策代码', key: 'code', width: 24 },
      { header: '政策名称', key: 'name', width: 36 },
      { header: '版本', key: 'version', width: 8 },
      { header: '符合', key: 'eligible', width: 10 },
      { header: '新增符合', key: 'newlyEligible', width: 10 },
      { header: '退出候选', key: 'exitCandidates', width: 10 },
      { header: '信息不全', key: 'unknown', width: 10 },
    ];
    summary.getRow(1).font = { bold: true };
    for (const p of dto.policies) {
      if (filter.policyCode && p.policyCode !== filter.policyCode) continue;
      summary.addRow({ code: p.policyCode, name: names.get(p.policyCode) ?? p.policyCode, ...p }).commit();
    }
    summary.addRow([]).commit();
    summary
      .addRow([`筛查日期 ${run.asOf}，开始 ${run.startedAt}，状态 ${run.status}，共 ${run.processed} 户。姓名已脱敏，仅供核实工作使用，请勿外传。`])
      .commit();
    summary.commit();

    const columns: Array<Partial<ExcelJS.Column>> = [
      { header: '政策名称', key: 'policy', width: 30 },
      { header: '类别', key: 'category', width: 10 },
      { header: '户主（脱敏）', key: 'head', width: 12 },
      { header: '家庭人数', key: 'members', width: 8 },
      { header: '街道', key: 'street', width: 14 },
      { header: '社区', key: 'community', width: 16 },
      { header: '网格', key: 'grid', width: 18 },
      { header: '缺少的信息', key: 'missing', width: 40 },
      { header: '渐退期截止', key: 'grace', width: 12 },
      { header: '家庭编号', key: 'id', width: 38 },
    ];
    let sheetNo = 0;
    let sheet: ExcelJS.Worksheet | null = null;
    let inSheet = 0;
    let rows = 0;
    let afterId = 0;
    const scope = this.access.scopeOf(auth);
    for (;;) {
      // A download the client abandoned stops here instead of generating the rest for nobody.
      if (out.destroyed) break;
      const { items } = await this.repo.hitHouseholds(run.id, scope, filter, { afterId, take: EXPORT_PAGE }, 'background');
      if (items.length === 0) break;
      afterId = items[items.length - 1]!.hitId;
      for (const [i, h] of (await this.present(items)).entries()) {
        if (!sheet || inSheet >= SHEET_ROWS) {
          sheet?.commit();
          sheetNo++;
          sheet = wb.addWorksheet(sheetNo === 1 ? '家庭明细' : `家庭明细${sheetNo}`);
          sheet.columns = columns;
          sheet.getRow(1).font = { bold: true };
          inSheet = 0;
        }
        sheet
          .addRow({
            policy: names.get(items[i]!.policyCode) ?? items[i]!.policyCode,
            category: CATEGORY_LABELS[items[i]!.category],
            head: h.headNameMasked,
            members: h.memberCount,
            street: h.streetName,
            community: h.communityName,
            grid: h.gridName,
            missing: h.missingFactLabels.join('、'),
            grace: h.graceUntil ?? '',
            id: h.householdId,
          })
          .commit();
        inSheet++;
        rows++;
        // Writing a row of the workbook is synchronous: let other requests in every few hundred.
        if (rows % 250 === 0) await new Promise((r) => setImmediate(r));
      }
    }
    if (!sheet) {
      sheet = wb.addWorksheet('家庭明细');
      sheet.columns = columns;
      sheet.addRow(['（没有符合条件的家庭）']).commit();
    }
    sheet.commit();
    await wb.commit();
    await this.audit.record(auth, { action: 'screening.export', entityType: 'screening', entityId: run.id, detail: { ...filter, rows } });
    return rows;
  }

  private async present(items: HitHousehold[]): Promise<FlaggedHousehold[]> {
    const out: FlaggedHousehold[] = [];
    for (const h of items) {
      const missing = h.missingFacts ? h.missingFacts.split(',').filter(Boolean) : [];
      out.push({
        householdId: h.householdId,
        headNameMasked: maskName(h.headName),
        memberCount: h.memberCount,
        streetCode: h.streetCode,
        streetName: (await this.regions.findRegion(h.streetCode))?.name ?? h.streetCode,
        communityName: (await this.regions.findRegion(h.communityCode))?.name ?? h.communityCode,
        gridName: (await this.regions.findGrid(h.gridId))?.name ?? h.gridId,
        missingFacts: missing,
        missingFactLabels: missing.map((f) => (isFactName(f) ? FACT_CATALOGUE[f].label : f)),
        graceUntil: h.graceUntil,
      });
    }
    return out;
  }

  private districtOf(auth: AuthContext): string {
    const scope = this.access.scopeOf(auth);
    return scope.kind === 'district' || scope.kind === 'none' ? scope.districtCode : scope.kind === 'street' ? scope.streetCode.slice(0, 6) : '';
  }
}
