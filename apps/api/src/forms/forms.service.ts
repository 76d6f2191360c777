import { Injectable } from '@nestjs/common';
import { DECISION_LABELS, SEX_LABELS, TASK_KIND_LABELS, type TaskDecisionRecord } from '@zczr/contract';
import {
  ASSET_TYPE_LABELS,
  DISABILITY_CATEGORY_LABELS,
  EMPLOYMENT_LABELS,
  EXPENSE_TYPE_LABELS,
  HARDSHIP_TYPE_LABELS,
  INCOME_TYPE_LABELS,
  LABOUR_CAPACITY_LABELS,
  RELATION_LABELS,
  ROLE_LABELS,
  SUPPORTER_CONDITION_LABELS,
  SUPPORTER_RELATION_LABELS,
  isIncomeCounted,
  maskIdNumber,
  seesSensitiveInFull,
} from '@zczr/domain';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { HouseholdCodec } from '../households/household-codec.js';
import type { HouseholdResponseDto, MemberResponseDto } from '../households/household.dto.js';
import { toHouseholdResponse } from '../households/household.mapper.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import { PoliciesRepository } from '../policies/policies.repository.js';
import { RegionsRepository } from '../regions/regions.repository.js';
import { TasksRepository } from '../tasks/tasks.repository.js';
import { FormWriter } from './form-writer.js';

/** A printed form: the file and the names it is offered under. */
export interface PrintedForm {
  pdf: Buffer;
  /** Chinese file name (sent as RFC 5987 `filename*`). */
  filename: string;
  /** ASCII fallback for old clients. */
  asciiFilename: string;
}

const money = (n: number | undefined | null): string => (n === undefined || n === null ? '—' : n.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));

/** Beijing time (UTC+8) as "YYYY-MM-DD HH:mm". */
function beijing(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function health(m: MemberResponseDto): string {
  if (!m.health) return '未登记';
  const flags = [m.health.seriousIllness ? '重病' : null, m.health.chronicIllness ? '慢性病' : null].filter(Boolean).join('、');
  const text = flags || '健康';
  return m.health.diagnosis ? `${text}（${m.health.diagnosis}）` : text;
}

function disability(m: MemberResponseDto): string {
  if (!m.disability) return '无';
  return `${DISABILITY_CATEGORY_LABELS[m.disability.category]}${m.disability.grade}级`;
}

/**
 * The printable forms (issue 15): the 入户调查表 of a household, pre-filled for the grid worker to
 * check and have signed at the door, and the 告知书 of a decision on a verification task. Each reads
 * exactly what the caller may read through the API (same scope, same masking) and each print is audited.
 */
@Injectable()
export class FormsService {
  constructor(
    private readonly households: HouseholdsRepository,
    private readonly tasks: TasksRepository,
    private readonly regions: RegionsRepository,
    private readonly policies: PoliciesRepository,
    private readonly users: UsersRepository,
    private readonly codec: HouseholdCodec,
    private readonly cipher: FieldCipher,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** 入户调查表: the household as the caller may see it (masked unless the role sees it in full). */
  async survey(auth: AuthContext, householdId: string): Promise<PrintedForm> {
    const h = this.access.require(auth, await this.households.findById(householdId).then((x) => x && { ...x, householdId: x.id }));
    if (h.status === 'withdrawn') throw new AppError('INVALID_STATE', '该户已撤回授权，个人信息已封存，不能打印');
    const members = await this.households.membersOf(h.id);
    const full = seesSensitiveInFull(auth.role);
    const view = toHouseholdResponse(
      h,
      this.codec.decode(h, members),
      members.map((m) => m.id),
      full,
      null,
      this.clock.now(),
    );
    const printed = await this.printedBy(auth);
    const [street, community, grid, policyNames] = await Promise.all([
      this.regions.findRegion(h.streetCode),
      this.regions.findRegion(h.communityCode),
      this.regions.findGrid(h.gridId),
      this.policyNames(),
    ]);
    const w = new FormWriter({ title: '家庭经济状况入户调查表', printedBy: printed.footer, printedAt: printed.at, watermark: printed.watermark });
    w.title('家庭经济状况入户调查表', `档案编号：${h.id}\u3000档案版本：第 ${h.version} 版\u3000${full ? '' : '（敏感信息已脱敏）'}`);
    this.surveyBody(w, view, {
      place: [street?.name, community?.name, grid?.name].filter(Boolean).join(' / ') || h.communityCode,
      policyNames,
    });
    const pdf = await w.finish();
    await this.audit.record(auth, {
      action: 'household.print',
      entityType: 'household',
      entityId: h.id,
      householdId: h.id,
      detail: { form: 'survey', masked: !full, version: h.version },
    });
    const day = this.clock.today();
    return { pdf, filename: `入户调查表-${h.headName}-${day}.pdf`, asciiFilename: `survey-${day}.pdf` };
  }

  /** 告知书: the decision on a closed verification task, for the family, with how to object. */
  async notice(auth: AuthContext, taskId: string): Promise<PrintedForm> {
    const t = await this.access.requireVia(auth, await this.tasks.findById(taskId));
    if (!t.decisionKind || !t.decisionEnc) throw new AppError('INVALID_STATE', '该任务尚未作出处置决定，不能打印告知书');
    const decision = this.cipher.decryptJson<TaskDecisionRecord>(t.decisionEnc);
    const h = await this.households.findById(t.householdId);
    if (!h || h.status === 'withdrawn') throw new AppError('INVALID_STATE', '该户已撤回授权，个人信息已封存，不能打印');
    const content = this.codec.decode(h, await this.households.membersOf(h.id));
    const head = content.members.find((m) => m.relation === 'head') ?? content.members[0];
    const printed = await this.printedBy(auth);
    const [street, district, policyNames] = await Promise.all([
      this.regions.findRegion(h.streetCode),
      this.regions.findRegion(h.districtCode),
      this.policyNames(),
    ]);
    const districtName = district?.name ?? '';
    // A decision the district confirmed (two-tier approval) is the civil-affairs bureau's; otherwise the street's.
    const office = decision.proposedBy ? `${districtName || '县（区）'}民政局` : officeOf(street?.name ?? '');
    const w = new FormWriter({ title: '社会救助核实结果告知书', printedBy: printed.footer, printedAt: printed.at, watermark: printed.watermark });
    w.title('社会救助核实结果告知书', `编号：${t.id.slice(0, 8).toUpperCase()}`);
    w.paragraph(`${h.headName}（身份证号：${head ? maskIdNumber(head.idNumber) : '—'}）家庭：`, { bold: true });
    w.paragraph(`经${office}对您家庭（住址：${content.address}）开展${TASK_KIND_LABELS[t.kind]}，并经审核，现将处理决定告知如下：`, { indent: true });
    const decided: Array<[string, string]> = [
      ['处置决定', DECISION_LABELS[decision.kind]],
      ['决定日期', beijing(decision.decidedAt).slice(0, 10)],
    ];
    if (decision.kind === 'benefit_granted')
      decided.push(['救助项目', decision.policyCode ? (policyNames.get(decision.policyCode) ?? decision.policyCode) : '—']);
    if (decision.kind === 'referral') decided.push(['转介机构', decision.provider ?? '—']);
    decided.push(['理由', decision.reason?.trim() || (decision.kind === 'benefit_granted' ? '经核实，您家庭符合该救助项目的条件。' : '—')]);
    w.fields(decided, 1);
    if (decision.notice)
      w.paragraph(
        decision.notice.objection
          ? `该决定公示期间收到异议，现重新核实，救助暂不发放。`
          : `该决定于 ${decision.notice.from} 至 ${decision.notice.to} 在所在村（居）公示，公示期满无异议的，救助自公示期满次日起按有关规定发放。`,
        { indent: true },
      );
    if (decision.kind === 'benefit_granted')
      w.paragraph(`${decision.notice ? '' : '救助自决定之日起按有关规定发放。'}家庭人口、收入、财产状况发生变化的，请及时告知所在社区（村）或街道（乡镇）。`, {
        indent: true,
      });
    w.section('权利告知');
    w.paragraph(`如对本决定有异议，可自收到本告知书之日起 60 日内向${office}申请复核；`, { indent: true });
    w.paragraph(
      `也可以自收到本告知书之日起 60 日内依法向${districtName ? `${districtName}人民政府` : '县级人民政府'}申请行政复议，或者在 6 个月内依法向人民法院提起行政诉讼。`,
      { indent: true },
    );
    w.paragraph('复核、行政复议或者行政诉讼期间，本决定不停止执行。', { indent: true });
    w.paragraph(' ');
    w.paragraph(`${office}（盖章）`, { align: 'right' });
    w.paragraph(`${beijing(this.clock.iso()).slice(0, 10)}`, { align: 'right' });
    w.section('送达回执');
    w.signatures(['送达人', '受送达人']);
    const pdf = await w.finish();
    await this.audit.record(auth, {
      action: 'task.print_notice',
      entityType: 'task',
      entityId: t.id,
      householdId: t.householdId,
      detail: { form: 'notice', decision: decision.kind },
    });
    const day = this.clock.today();
    return { pdf, filename: `告知书-${h.headName}-${day}.pdf`, asciiFilename: `notice-${day}.pdf` };
  }

  // ---- internals ------------------------------------------------------------------------------

  private surveyBody(w: FormWriter, h: HouseholdResponseDto, ctx: { place: string; policyNames: Map<string, string> }): void {
    const head = h.members.find((m) => m.relation === 'head') ?? h.members[0];
    const nameOf = (i: number | undefined): string => (i === undefined ? '全户' : (h.members[i]?.name ?? '—'));
    w.section('一、基本情况');
    w.fields([
      ['户主', h.headName],
      ['户主身份证号', head?.idNumber ?? '—'],
      ['住址', h.address],
      ['联系电话', head?.phone ?? '—'],
      ['所属网格', ctx.place],
      ['人数', `共同生活 ${h.members.filter((m) => m.coResident).length} 人（登记 ${h.members.length} 人）`],
    ]);

    w.section('二、家庭成员');
    w.table(
      [
        { header: '关系', width: 40 },
        { header: '姓名', width: 50 },
        { header: '性别', width: 28 },
        { header: '身份证号', width: 112 },
        { header: '年龄', width: 30, align: 'center' },
        { header: '健康', width: 80 },
        { header: '残疾', width: 55 },
        { header: '就业', width: 50 },
        { header: '劳动能力', width: 50 },
        { header: '同住', width: 28, align: 'center' },
      ],
      h.members.map((m) => [
        RELATION_LABELS[m.relation],
        m.name,
        SEX_LABELS[m.sex],
        m.idNumber,
        String(m.age),
        health(m),
        disability(m),
        m.employment ? EMPLOYMENT_LABELS[m.employment] : '未登记',
        m.labourCapacity ? LABOUR_CAPACITY_LABELS[m.labourCapacity] : '未登记',
        m.coResident ? '是' : '否',
      ]),
    );

    const counted = h.incomes.filter((i) => isIncomeCounted(i.type)).reduce((s, i) => s + i.monthlyAmount, 0);
    w.section('三、家庭收入（月）');
    w.table(
      [
        { header: '收入类型', width: 120 },
        { header: '成员', width: 70 },
        { header: '月金额（元）', width: 80, align: 'right' },
        { header: '计入家庭收入', width: 70, align: 'center' },
        { header: '备注', width: 160 },
      ],
      h.incomes.map((i) => [INCOME_TYPE_LABELS[i.type], nameOf(i.memberIndex), money(i.monthlyAmount), isIncomeCounted(i.type) ? '是' : '否', i.note ?? '']),
    );
    const coResident = h.members.filter((m) => m.coResident).length || 1;
    w.paragraph(`计入的家庭月收入合计 ${money(counted)} 元，人均 ${money(Math.round((counted / coResident) * 100) / 100)} 元（以入户核实为准）。`);

    w.section('四、家庭财产');
    w.table(
      [
        { header: '财产类型', width: 90 },
        { header: '价值（元）', width: 80, align: 'right' },
        { header: '面积（㎡）', width: 60, align: 'right' },
        { header: '账户', width: 130 },
        { header: '备注', width: 140 },
      ],
      h.assets.map((a) => [
        ASSET_TYPE_LABELS[a.type] + (a.disabilityVehicle ? '（残疾人功能性补偿代步车）' : ''),
        money(a.value),
        a.area === undefined ? '—' : String(a.area),
        a.bankAccount ?? '',
        a.note ?? '',
      ]),
    );

    w.section('五、刚性支出（近 12 个月）');
    w.table(
      [
        { header: '支出类型', width: 110 },
        { header: '成员', width: 70 },
        { header: '金额（元）', width: 90, align: 'right' },
        { header: '备注', width: 230 },
      ],
      h.expenses.map((e) => [EXPENSE_TYPE_LABELS[e.type], nameOf(e.memberIndex), money(e.amount12m), e.note ?? '']),
    );

    w.section('六、突发困难');
    w.table(
      [
        { header: '困难类型', width: 110 },
        { header: '发生日期', width: 80 },
        { header: '损失（元）', width: 80, align: 'right' },
        { header: '说明', width: 230 },
      ],
      h.hardships.map((x) => [HARDSHIP_TYPE_LABELS[x.type], x.occurredOn, money(x.loss), x.note ?? '']),
    );

    w.section('七、已享受的救助');
    w.table(
      [
        { header: '救助项目', width: 200 },
        { header: '起始日期', width: 100 },
        { header: '月金额（元）', width: 100, align: 'right' },
      ],
      h.benefits.map((b) => [ctx.policyNames.get(b.policyCode) ?? b.policyCode, b.since, money(b.monthlyAmount)]),
    );

    if (h.supporters) {
      w.section('八、法定赡养（抚养、扶养）义务人');
      w.table(
        [
          { header: '姓名', width: 60 },
          { header: '关系', width: 60 },
          { header: '出生日期', width: 70 },
          { header: '同住', width: 35, align: 'center' },
          { header: '月收入（元）', width: 70, align: 'right' },
          { header: '情况', width: 200 },
        ],
        h.supporters.map((s) => [
          s.name,
          SUPPORTER_RELATION_LABELS[s.relation],
          s.birthDate ?? '—',
          s.coResident ? '是' : '否',
          money(s.monthlyIncome),
          s.conditions.map((c) => SUPPORTER_CONDITION_LABELS[c]).join('、') || '—',
        ]),
      );
    }

    w.section(`${h.supporters ? '九' : '八'}、入户核实意见`);
    w.box('核实情况（与上表不符之处请逐项写明，并由被调查人确认）：', 5);
    w.paragraph('被调查人声明：以上情况属实，本人已知晓如有隐瞒、虚报，将承担相应责任；同意为核对家庭经济状况查询有关信息。');
    w.signatures(['调查人', '调查人', '被调查人']);
  }

  private async printedBy(auth: AuthContext): Promise<{ footer: string; at: string; watermark: string }> {
    const name = (await this.users.namesOf([auth.userId])).get(auth.userId)?.displayName ?? '未知用户';
    const at = beijing(this.clock.iso());
    return { footer: `${name}（${ROLE_LABELS[auth.role]}）`, at, watermark: `${name} ${at.slice(0, 10)}` };
  }

  private async policyNames(): Promise<Map<string, string>> {
    return new Map((await this.policies.all()).map((p) => [p.code, p.name]));
  }
}

/** The street's (or township's) office as it signs a notice: 柳城街道 → 柳城街道办事处, 永宁镇 → 永宁镇人民政府. */
export function officeOf(streetName: string): string {
  if (!streetName) return '街道办事处（乡镇人民政府）';
  if (/(镇|乡)$/.test(streetName)) return `${streetName}人民政府`;
  return streetName.endsWith('办事处') ? streetName : `${streetName}办事处`;
}
