/**
 * The household being reported, as typed on the phone: saved after every change (Taro storage),
 * with the Idempotency-Key that its submission will carry, so a retried submit is answered once.
 */
import type { AssetItem, HardshipEvent, IncomeItem, MemberInput, RigidExpense } from '@zczr/domain';
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
  step: number;
  savedAt: string;
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

/** A problem that stops submission, with the wizard step where it is fixed (0 住址 … 5 困难). */
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
  };
}

/** The last household body this phone submitted (with full ID numbers), for later updates. */
export const SUBMITTED_KEY = 'zczr.submittedHousehold';
