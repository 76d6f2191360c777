/**
 * Chinese labels for household field paths and values, so a field-level diff reads the same in
 * the API (task findings, revisions) and the console: `incomes[2].monthlyAmount` → "收入3 · 月金额（元）".
 */
import type { FieldChange } from './diff.js';
import {
  ASSET_TYPE_LABELS,
  DISABILITY_CATEGORY_LABELS,
  EDUCATION_LABELS,
  EMPLOYMENT_LABELS,
  EXPENSE_TYPE_LABELS,
  HARDSHIP_TYPE_LABELS,
  INCOME_TYPE_LABELS,
  LABOUR_CAPACITY_LABELS,
  RELATION_LABELS,
  SELF_CARE_LEVEL_LABELS,
  SUPPORTER_CONDITION_LABELS,
  SUPPORTER_RELATION_LABELS,
} from './household.js';

const SECTION_LABELS: Readonly<Record<string, string>> = {
  address: '住址',
  gridId: '网格',
  communityCode: '社区',
  members: '成员',
  incomes: '收入',
  assets: '财产',
  expenses: '刚性支出',
  hardships: '突发困难',
  benefits: '享受待遇',
  supporters: '法定义务人',
};

const FIELD_LABELS: Readonly<Record<string, string>> = {
  relation: '关系',
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
  monthlyIncome: '本人月收入（元）',
  conditions: '履行能力情形',
};

const TYPE_TABLES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  incomes: INCOME_TYPE_LABELS,
  assets: ASSET_TYPE_LABELS,
  expenses: EXPENSE_TYPE_LABELS,
  hardships: HARDSHIP_TYPE_LABELS,
};

const own = (table: Readonly<Record<string, string>>, key: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

/** `members[1].employment` → "成员2 · 就业状况". */
export function fieldPathLabel(path: string): string {
  return path
    .split('.')
    .map((part) => {
      const m = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(part);
      if (!m) return part;
      const key = m[1] ?? '';
      const base = own(SECTION_LABELS, key) ?? own(FIELD_LABELS, key) ?? key;
      return m[2] === undefined ? base : `${base}${Number(m[2]) + 1}`;
    })
    .join(' · ');
}

/** A leaf value, readable: codes as labels, booleans as 是/否, numbers grouped, nothing as "—". */
export function fieldValueText(path: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length === 0 ? '（无）' : value.map((v) => fieldValueText(path, v)).join('、');
  const field = /([A-Za-z]+)(?:\[\d+\])?$/.exec(path)?.[1] ?? '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') {
    if (field === 'category') return own(DISABILITY_CATEGORY_LABELS as Record<string, string>, String(value)) ?? String(value);
    if (field === 'grade') return `${value} 级`;
    if (field === 'memberIndex') return `成员${value + 1}`;
    return value.toLocaleString('zh-CN');
  }
  if (typeof value === 'string') {
    const section = /^([a-z]+)\[/.exec(path)?.[1] ?? '';
    if (field === 'type') return own(TYPE_TABLES[section] ?? {}, value) ?? value;
    if (field === 'relation') return own(section === 'supporters' ? SUPPORTER_RELATION_LABELS : RELATION_LABELS, value) ?? value;
    if (field === 'conditions') return own(SUPPORTER_CONDITION_LABELS, value) ?? value;
    const table =
      field === 'education'
        ? EDUCATION_LABELS
        : field === 'employment'
          ? EMPLOYMENT_LABELS
          : field === 'labourCapacity'
            ? LABOUR_CAPACITY_LABELS
            : field === 'selfCareLevel'
              ? SELF_CARE_LEVEL_LABELS
              : field === 'sex'
                ? { male: '男', female: '女' }
                : undefined;
    return table ? (own(table, value) ?? value) : value;
  }
  return JSON.stringify(value);
}

export interface LabelledChange extends FieldChange {
  /** e.g. "收入3 · 月金额（元）" */
  label: string;
  beforeText: string;
  afterText: string;
}

/** Each change with its Chinese field label and readable values. */
export function labelChanges(changes: readonly FieldChange[]): LabelledChange[] {
  return changes.map((c) => ({
    ...c,
    label: fieldPathLabel(c.path),
    beforeText: fieldValueText(c.path, c.before),
    afterText: fieldValueText(c.path, c.after),
  }));
}
