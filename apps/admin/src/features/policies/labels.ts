import { FACT_CATALOGUE, isFactName, type Operand, type Rule } from '@zczr/eligibility';
import { COMPARE_OP_LABELS, labelOf, OUTCOME_LABELS } from '@zczr/contract';

export const factLabel = (f: string): string => (isFactName(f) ? FACT_CATALOGUE[f].label : f);

export function operandText(v: Operand, paramLabels: ReadonlyMap<string, string>): string {
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return v.toLocaleString('zh-CN');
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return (v as readonly string[]).join('、');
  const o = v as { param?: string; fact?: string; times?: number };
  const base = o.param ? (paramLabels.get(o.param) ?? o.param) : factLabel(o.fact ?? '');
  return o.times !== undefined && o.times !== 1 ? `${base} × ${o.times}` : base;
}

/** A one-line Chinese reading of a rule, e.g. "家庭人均月收入 < 低保标准". */
export function ruleText(r: Rule, paramLabels: ReadonlyMap<string, string>): string {
  if ('all' in r) return `全部满足（${r.all.length} 项）`;
  if ('any' in r) return `任一满足（${r.any.length} 项）`;
  if ('not' in r) return '不成立';
  return `${factLabel(r.fact)} ${COMPARE_OP_LABELS[r.op]} ${operandText(r.value, paramLabels)}`;
}

const RULE_KEYS: Record<string, string> = {
  all: '全部满足',
  any: '任一满足',
  not: '不成立',
  fact: '事实',
  op: '比较',
  value: '取值',
  label: '说明',
  id: '编号',
  param: '参数',
  times: '倍数',
};
const DEF_KEYS: Record<string, string> = {
  name: '政策名称',
  group: '类别',
  department: '主管部门',
  legalBasis: '政策依据',
  benefit: '救助内容',
  requiredDocuments: '所需材料',
  rule: '认定规则',
  benefitFormula: '救助金额公式',
  effectiveFrom: '生效日期',
  effectiveTo: '失效日期',
  exitGraceMonths: '渐退期（月）',
  references: '参考家庭',
  expr: '算式',
  topUps: '加发项目',
  household: '家庭',
  expected: '预期结果',
  expectedMissing: '预期缺失事实',
  asOf: '评估日期',
  unit: '单位',
  code: '代码',
};

/** Paths of a policy definition in Chinese: `rule.all[1].value` → "认定规则 · 全部满足2 · 取值". */
export function definitionPathLabel(path: string): string {
  return path
    .split('.')
    .map((part) => {
      const m = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(part);
      if (!m) return part;
      const [, key = '', index] = m;
      const base = DEF_KEYS[key] ?? RULE_KEYS[key] ?? key;
      return index === undefined ? base : `${base}${Number(index) + 1}`;
    })
    .join(' · ');
}

export function definitionValue(path: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (path.endsWith('.fact') && typeof v === 'string') return factLabel(v);
  if (path.endsWith('.op') && typeof v === 'string') return labelOf(COMPARE_OP_LABELS, v);
  if (path.endsWith('expected') && typeof v === 'string') return labelOf(OUTCOME_LABELS, v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length ? v.map(String).join('、') : '（无）';
  return String(v);
}
