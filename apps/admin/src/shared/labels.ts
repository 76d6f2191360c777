import {
  ASSET_TYPE_LABELS,
  DISABILITY_CATEGORY_LABELS,
  EDUCATION_LABELS,
  EMPLOYMENT_LABELS,
  EXPENSE_TYPE_LABELS,
  HARDSHIP_TYPE_LABELS,
  HOUSEHOLD_STATUS_LABELS,
  INCOME_TYPE_LABELS,
  LABOUR_CAPACITY_LABELS,
  RELATION_LABELS,
  ROLE_LABELS,
  SELF_CARE_LEVEL_LABELS,
  SUBMISSION_STATUS_LABELS,
} from '@zczr/domain';
import dayjs from 'dayjs';
import type { RiskColour } from '@zczr/contract';

/** Looks a code up in a label table; unknown codes are shown as they are. */
export function labelOf(table: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return table[code] ?? code;
}

export const RISK_COLOUR_LABELS: Record<RiskColour, string> = { orange: '橙色 · 高风险', yellow: '黄色 · 中风险', blue: '蓝色 · 低风险', green: '绿色 · 正常' };
/** antd Tag colours for the risk colours. */
export const RISK_TAG_COLOURS: Record<RiskColour, string> = { orange: 'orange', yellow: 'gold', blue: 'blue', green: 'green' };

export const roleLabel = (role: string): string => labelOf(ROLE_LABELS, role);
export const householdStatusLabel = (s: string): string => labelOf(HOUSEHOLD_STATUS_LABELS, s);
export const submissionStatusLabel = (s: string): string => labelOf(SUBMISSION_STATUS_LABELS, s);

export const CHECK_LABELS: Record<string, string> = {
  id_checksum: '身份证号校验',
  duplicates: '重复登记',
  derived_fields: '性别与出生日期',
  household_head: '户主',
  missing_facts: '认定信息完整性',
};

const SECTION_LABELS: Record<string, string> = {
  address: '住址',
  gridId: '网格',
  communityCode: '社区',
  members: '成员',
  incomes: '收入',
  assets: '财产',
  expenses: '刚性支出',
  hardships: '突发困难',
  benefits: '享受待遇',
};

const FIELD_LABELS: Record<string, string> = {
  relation: '与户主关系',
  name: '姓名',
  idNumber: '身份证号',
  sex: '性别',
  birthDate: '出生日期',
  ethnicity: '民族',
  phone: '联系电话',
  education: '文化程度',
  employment: '就业状况',
  labourCapacity: '劳动能力',
  health: '健康状况',
  chronicIllness: '慢性病',
  seriousIllness: '重特大疾病',
  diagnosis: '诊断',
  disability: '残疾情况',
  category: '残疾类别',
  grade: '残疾等级',
  certificateNumber: '残疾人证号',
  selfCare: '自理能力评估',
  eating: '进食',
  dressing: '穿衣',
  gettingUp: '起床',
  toileting: '如厕',
  walkingIndoors: '室内行走',
  bathing: '洗澡',
  coResident: '共同生活',
  type: '类型',
  monthlyAmount: '月金额（元）',
  memberIndex: '所属成员',
  jobStartedOn: '新就业日期',
  note: '备注',
  value: '金额（元）',
  area: '面积（㎡）',
  disabilityVehicle: '残疾人代步车',
  bankAccount: '银行账号',
  amount12m: '近12个月金额（元）',
  occurredOn: '发生日期',
  loss: '损失（元）',
  policyCode: '政策',
  since: '起始日期',
};

/** `members[1].employment` → "成员2 · 就业状况". */
export function pathLabel(path: string): string {
  const parts = path.split('.');
  return parts
    .map((part) => {
      const m = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(part);
      if (!m) return part;
      const [, key = '', index] = m;
      const base = SECTION_LABELS[key] ?? FIELD_LABELS[key] ?? key;
      return index === undefined ? base : `${base}${Number(index) + 1}`;
    })
    .join(' · ');
}

const VALUE_TABLES: Record<string, Readonly<Record<string, string>>> = {
  relation: RELATION_LABELS,
  education: EDUCATION_LABELS,
  employment: EMPLOYMENT_LABELS,
  labourCapacity: LABOUR_CAPACITY_LABELS,
  selfCareLevel: SELF_CARE_LEVEL_LABELS,
  sex: { male: '男', female: '女' },
};
const TYPE_TABLES: Record<string, Readonly<Record<string, string>>> = {
  incomes: INCOME_TYPE_LABELS,
  assets: ASSET_TYPE_LABELS,
  expenses: EXPENSE_TYPE_LABELS,
  hardships: HARDSHIP_TYPE_LABELS,
};

/** A leaf value of a household field, readable: enum codes as labels, booleans as 是/否, numbers grouped. */
export function formatFieldValue(path: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length === 0 ? '（无）' : value.map((v) => formatFieldValue(path, v)).join('、');
  const field = /([A-Za-z]+)(?:\[\d+\])?$/.exec(path)?.[1] ?? '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') {
    if (field === 'category') return labelOf(DISABILITY_CATEGORY_LABELS, String(value));
    if (field === 'grade') return `${value} 级`;
    if (field === 'memberIndex') return `成员${value + 1}`;
    return value.toLocaleString('zh-CN');
  }
  if (typeof value === 'string') {
    if (field === 'type') {
      const section = /^([a-z]+)\[/.exec(path)?.[1] ?? '';
      return labelOf(TYPE_TABLES[section] ?? {}, value);
    }
    const table = VALUE_TABLES[field];
    return table ? labelOf(table, value) : value;
  }
  return JSON.stringify(value);
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
}

export function formatMoney(n: number | null | undefined, unit = '元'): string {
  return n === null || n === undefined ? '—' : `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} ${unit}`;
}

/** Counts on aggregate views: small numbers are shown as "<5" so no one can be singled out. */
export function smallCount(n: number): string {
  return n > 0 && n < 5 ? '<5' : n.toLocaleString('zh-CN');
}
