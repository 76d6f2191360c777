/**
 * Builders for the specs (not exported from the package): small, readable households and
 * policies with everything collected unless a test says otherwise.
 */
import type { HouseholdSnapshot, ParameterDefinition, PolicyDefinition, Rule, SnapshotMember } from './types.js';

export const AS_OF = '2026-11-01';
export const WENJIANG_COMMUNITY = '510115001001';
export const CHENGDU_OTHER_COMMUNITY = '510104001001';
export const BEIJING_COMMUNITY = '110105001001';

/** A birth date making someone exactly `age` on `asOf` (their birthday is that day). */
export function bornYearsBefore(age: number, asOf = AS_OF): string {
  return `${String(Number(asOf.slice(0, 4)) - age).padStart(4, '0')}${asOf.slice(4)}`;
}

/** The day after `date` (YYYY-MM-DD); enough for boundary tests. */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function member(over: Partial<SnapshotMember> & { age?: number } = {}): SnapshotMember {
  const { age, ...rest } = over;
  return {
    relation: 'head',
    sex: 'male',
    birthDate: bornYearsBefore(age ?? 40),
    education: 'junior',
    employment: 'unemployed',
    labourCapacity: 'full',
    health: { chronicIllness: false, seriousIllness: false },
    disability: null,
    selfCare: { eating: false, dressing: false, gettingUp: false, toileting: false, walkingIndoors: false, bathing: false },
    coResident: true,
    ...rest,
  };
}

export function household(over: Partial<HouseholdSnapshot> = {}): HouseholdSnapshot {
  return {
    regionCode: WENJIANG_COMMUNITY,
    members: [member()],
    incomes: [{ type: 'wage', monthlyAmount: 0 }],
    assets: [{ type: 'deposit', value: 0 }],
    expenses: [],
    hardships: [],
    benefits: [],
    ...over,
  };
}

/** Demo parameter table: national fallback, Chengdu (5101) and a Wenjiang (510115) override. */
export const PARAMETERS: ParameterDefinition[] = [
  {
    name: 'dibao_standard',
    label: '当地低保标准',
    unit: '元/人·月',
    values: [
      { region: '', effectiveFrom: '2021-01-01', value: 684 },
      { region: '5101', effectiveFrom: '2021-07-01', effectiveTo: '2022-07-01', value: 820 },
      { region: '5101', effectiveFrom: '2022-07-01', value: 870 },
      { region: '510115', effectiveFrom: '2024-01-01', value: 900 },
    ],
  },
  {
    name: 'employment_cost_deduction_months',
    label: '就业成本扣减期（月）',
    values: [{ region: '', effectiveFrom: '2020-01-01', value: 6 }],
  },
  {
    name: 'employment_cost_deduction_share',
    label: '就业成本扣减比例',
    values: [{ region: '', effectiveFrom: '2020-01-01', value: 0.3 }],
  },
  {
    name: 'dibao_asset_months',
    label: '人均存款上限（月数）',
    values: [{ region: '', effectiveFrom: '2020-01-01', value: 24 }],
  },
];

export const DIBAO_RULE: Rule = {
  id: 'dibao',
  label: '符合城乡低保条件',
  all: [
    { id: 'income', label: '家庭人均月收入低于当地低保标准', fact: 'perCapitaIncome', op: 'lt', value: { param: 'dibao_standard' } },
    { id: 'deposits', label: '人均金融资产不超过24个月低保标准', fact: 'perCapitaFinancialAssets', op: 'lte', value: { param: 'dibao_standard', times: 24 } },
    { id: 'homes', label: '住房不超过1套', fact: 'homeCount', op: 'lte', value: 1 },
    { id: 'vehicles', label: '无机动车（残疾人代步车除外）', fact: 'vehicleCount', op: 'eq', value: 0 },
  ],
};

export function policy(rule: Rule, over: Partial<PolicyDefinition> = {}): PolicyDefinition {
  return {
    code: 'test_policy',
    name: '测试政策',
    group: 'dibao',
    department: '民政',
    legalBasis: ['《社会救助暂行办法》'],
    benefit: '按月发放',
    requiredDocuments: ['身份证'],
    rule,
    effectiveFrom: '2020-01-01',
    references: [],
    ...over,
  };
}

export const DIBAO_POLICY: PolicyDefinition = policy(DIBAO_RULE, {
  code: 'dibao',
  name: '最低生活保障',
  benefitFormula: {
    label: '（低保标准 − 家庭人均收入）× 共同生活人数',
    unit: '元/月',
    expr: { op: '*', args: [{ op: '-', args: [{ param: 'dibao_standard' }, { fact: 'perCapitaIncome' }] }, { fact: 'householdSize' }] },
    topUps: [
      {
        label: '重度残疾人按标准的20%增发',
        when: { label: '有重度残疾人', fact: 'severeDisabilityCount', op: 'gte', value: 1 },
        expr: { op: '*', args: [{ param: 'dibao_standard' }, { fact: 'severeDisabilityCount' }, 0.2] },
      },
      {
        label: '老年人按标准的10%增发',
        when: { label: '有60周岁以上老人', fact: 'elderlyCount', op: 'gte', value: 1 },
        expr: { op: 'round', args: [{ op: '*', args: [{ param: 'dibao_standard' }, { fact: 'elderlyCount' }, 0.1] }] },
      },
    ],
  },
});
