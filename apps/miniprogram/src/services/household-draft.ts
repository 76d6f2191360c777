/**
 * The household being reported, as typed on the phone: saved after every change (Taro storage),
 * with the Idempotency-Key that its submission will carry, so a retried submit is answered once.
 */
import type { AssetItem, HardshipEvent, IncomeItem, MemberInput, RigidExpense, SupporterInput } from '@zczr/domain';
import { validateIdNumber } from '@zczr/id-card';
import { newIdempotencyKey } from './request';
import { readStored, removeStored, saveStored } from './storage';
import type { HouseholdBody } from './types';

export interface HouseholdDraft {
  idempotencyKey: string;
  consentId: string | null;
  address: string;
  streetCode: string;
  communityCode: string;
  /** Names of the chosen street and community, kept with the address so it reads in full. */
  streetName?: string;
  communityName?: string;
  gridId?: string;
  members: MemberInput[];
  incomes: IncomeItem[];
  /** The family said it has no income at all (sent as one item of 0, which is not "unknown"). */
  noIncome: boolean;
  assets: AssetItem[];
  noAssets: boolean;
  expenses: RigidExpense[];
  hardships: HardshipEvent[];
  /**
   * Did the family name legal supporters who live elsewhere (a son working in another city …)?
   * Unset or 'unknown': supporters are not sent (the file says "not recorded"); 'none' or 'some':
   * they are, with the spouse and adult children living in taken from the members.
   */
  supportersAnswer?: SupportersAnswer;
  /** Supporters who do not live with the family (coResident false); optional in drafts saved before. */
  supporters?: SupporterInput[];
  step: number;
  savedAt: string;
}

export type SupportersAnswer = 'some' | 'none' | 'unknown';

export function newSupporter(): SupporterInput {
  return { name: '', relation: 'child', birthDate: null, coResident: false, monthlyIncome: null, conditions: [] };
}

export function emptyDraft(prefix: string): HouseholdDraft {
  return {
    idempotencyKey: newIdempotencyKey(prefix),
    consentId: null,
    address: '',
    streetCode: '',
    communityCode: '',
    members: [],
    incomes: [],
    noIncome: false,
    assets: [],
    noAssets: false,
    expenses: [],
    hardships: [],
    supporters: [],
    step: 0,
    savedAt: new Date().toISOString(),
  };
}

export function newMember(relation: MemberInput['relation']): MemberInput {
  return { relation, name: '', idNumber: '', coResident: true, health: { chronicIllness: false, seriousIllness: false }, disability: null };
}

const DRAFT_KEY = 'zczr.residentDraft';

export function loadResidentDraft(): HouseholdDraft | null {
  return readStored<HouseholdDraft>(DRAFT_KEY);
}

export function saveResidentDraft(d: HouseholdDraft): Promise<unknown> {
  return saveStored(DRAFT_KEY, { ...d, savedAt: new Date().toISOString() });
}

export function clearResidentDraft(): void {
  removeStored(DRAFT_KEY);
}

const NAME_RE = /^[\u4e00-\u9fa5·]{2,20}$/;

/** A problem that stops submission, with the wizard step where it is fixed (0 住址 … 5 困难, 6 在外亲属). */
export interface DraftProblem {
  step: number;
  text: string;
}

/** Problems that stop submission, in plain words, each with its step; empty when the draft can be sent. */
export function draftProblemsByStep(d: HouseholdDraft): DraftProblem[] {
  const out: DraftProblem[] = [];
  const add = (step: number, text: string) => out.push({ step, text });
  if (!/^\d{12}$/.test(d.communityCode)) add(0, '请选择所在社区（村）');
  if (d.address.trim().length < 4) add(0, '请填写详细住址');
  if (d.members.length === 0) add(1, '请至少添加一名家庭成员');
  if (d.members.filter((m) => m.relation === 'head').length !== 1) add(1, '家庭成员中须有且只有一位户主');
  const seen = new Set<string>();
  d.members.forEach((m, i) => {
    const who = m.name || `第 ${i + 1} 位成员`;
    if (!NAME_RE.test(m.name)) add(1, `${who}：请填写 2–20 个汉字的姓名`);
    const v = validateIdNumber(m.idNumber);
    if (!v.valid) add(1, `${who}：${v.message}`);
    else if (seen.has(v.idNumber)) add(1, `${who}：身份证号与其他成员重复`);
    else seen.add(v.idNumber);
    if (!m.employment) add(1, `${who}：请选择就业情况`);
    if (!m.labourCapacity) add(1, `${who}：请选择劳动能力`);
  });
  if (d.incomes.length === 0 && !d.noIncome) add(2, '请填写家庭收入，或勾选“家中没有任何收入”');
  d.incomes.forEach((x, i) => {
    if (!(x.monthlyAmount >= 0)) add(2, `第 ${i + 1} 项收入：请填写每月金额`);
  });
  d.expenses.forEach((x, i) => {
    if (!(x.amount12m >= 0)) add(4, `第 ${i + 1} 项支出：请填写金额`);
  });
  d.hardships.forEach((x, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(x.occurredOn)) add(5, `第 ${i + 1} 项困难：请选择发生日期`);
  });
  if (d.supportersAnswer === 'some') {
    const outside = d.supporters ?? [];
    if (outside.length === 0) add(6, '请添加不住在一起的亲属，或选择“没有”');
    outside.forEach((x, i) => {
      const name = x.name.trim();
      if (name.length === 0 || name.length > 40) add(6, `第 ${i + 1} 位亲属：请填写姓名`);
      if (x.monthlyIncome !== null && !(x.monthlyIncome >= 0)) add(6, `第 ${i + 1} 位亲属：每月收入请填数字，不清楚就不填`);
    });
  }
  return out;
}

/** Problems that stop submission, in plain words; empty when the draft can be sent. */
export function draftProblems(d: HouseholdDraft): string[] {
  return draftProblemsByStep(d).map((p) => p.text);
}

/** The address as the file keeps it: street and community first, unless typed already. */
export function fullAddress(d: Pick<HouseholdDraft, 'address' | 'streetName' | 'communityName'>): string {
  const detail = d.address.trim();
  const prefix = [d.streetName, d.communityName].filter((x): x is string => Boolean(x) && !detail.includes(x!)).join('');
  return `${prefix}${detail}`;
}

/** The body the API expects (normalised ID numbers, a 0-income item for "no income"). */
export function toHouseholdBody(d: HouseholdDraft): HouseholdBody {
  return {
    address: fullAddress(d),
    communityCode: d.communityCode,
    ...(d.gridId ? { gridId: d.gridId } : {}),
    members: d.members.map((m) => {
      const v = validateIdNumber(m.idNumber);
      return { ...m, name: m.name.trim(), idNumber: v.valid ? v.idNumber : m.idNumber.trim() };
    }),
    incomes: d.noIncome && d.incomes.length === 0 ? [{ type: 'other_transfer', monthlyAmount: 0, note: '家中没有任何收入' }] : d.incomes,
    assets: d.noAssets && d.assets.length === 0 ? [{ type: 'deposit', value: 0, note: '没有存款和其他财产' }] : d.assets,
    expenses: d.expenses,
    hardships: d.hardships,
    benefits: [],
    ...(d.supportersAnswer === 'some' || d.supportersAnswer === 'none' ? { supporters: supportersOf(d) } : {}),
  };
}

/** Whole years between a YYYY-MM-DD birth date and today (China time). */
function ageOn(birthDate: string): number {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (today.slice(5) < birthDate.slice(5) ? 1 : 0);
}

/**
 * The legal supporters sent with the household: the spouse and adult children living in (from the
 * members, with their own income when it was typed against them) and those living elsewhere as named.
 */
export function supportersOf(d: HouseholdDraft): SupporterInput[] {
  const living: SupporterInput[] = [];
  d.members.forEach((m, i) => {
    if (!m.coResident || (m.relation !== 'spouse' && m.relation !== 'child')) return;
    const v = validateIdNumber(m.idNumber);
    const birthDate = v.valid ? v.birthDate : null;
    if (m.relation === 'child' && (birthDate === null || ageOn(birthDate) < 18)) return;
    const own = d.incomes.filter((x) => x.memberIndex === i);
    const monthlyIncome = own.length ? own.reduce((s, x) => s + x.monthlyAmount, 0) : d.noIncome && d.incomes.length === 0 ? 0 : null;
    const severe = !!m.disability && (m.disability.grade <= 2 || (m.disability.grade === 3 && (m.disability.category === 5 || m.disability.category === 6)));
    living.push({
      name: m.name.trim(),
      relation: m.relation,
      birthDate,
      coResident: true,
      monthlyIncome,
      conditions: [...(severe ? ['severe_disability' as const] : []), ...(m.labourCapacity === 'none' ? ['no_labour_capacity' as const] : [])],
    });
  });
  const outside = (d.supportersAnswer === 'some' ? (d.supporters ?? []) : []).map((x): SupporterInput => {
    const s: SupporterInput = {
      name: x.name.trim(),
      relation: x.relation,
      birthDate: x.birthDate,
      coResident: false,
      monthlyIncome: x.monthlyIncome,
      conditions: [...x.conditions],
    };
    const note = x.note?.trim();
    if (note) s.note = note;
    return s;
  });
  return [...living, ...outside];
}

/** The last household body this phone submitted (with full ID numbers), for later updates. */
export const SUBMITTED_KEY = 'zczr.submittedHousehold';
