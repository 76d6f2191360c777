/**
 * Static checks of rules and benefit formulas, run before a policy is compiled or saved: every
 * message is in Chinese and names the place (a path like `rule.all[1].any[0]`) so the console's
 * editor can point at it. Rules arrive as JSON from storage, so nothing here trusts the types.
 */
import { FACT_CATALOGUE, isFactName } from './catalogue.js';
import type { CompareOp, FactInfo, PolicyDefinition } from './types.js';

export const COMPARE_OPS: readonly CompareOp[] = ['lt', 'lte', 'gt', 'gte', 'eq', 'neq', 'in', 'notIn', 'includes', 'excludes'];
const OP_SET: ReadonlySet<string> = new Set(COMPARE_OPS);
const EXPR_OPS: ReadonlySet<string> = new Set(['+', '-', '*', '/', 'min', 'max', 'round']);

export type RuleIssueCode =
  | 'invalid_node'
  | 'missing_label'
  | 'empty_group'
  | 'unknown_fact'
  | 'unknown_op'
  | 'type_mismatch'
  | 'invalid_operand'
  | 'unknown_param'
  | 'duplicate_id'
  | 'invalid_expr';

export interface RuleIssue {
  /** Where, e.g. "rule.all[1].any[0]" or "benefitFormula.expr.args[0]". */
  path: string;
  code: RuleIssueCode;
  /** Chinese, for the policy editor. */
  message: string;
}

/** Thrown by compilePolicy when a policy's rule or formula does not pass validateRule. */
export class RuleError extends Error {
  readonly issues: RuleIssue[];
  readonly policyCode: string | undefined;

  constructor(issues: RuleIssue[], policyCode?: string) {
    const head = issues
      .slice(0, 3)
      .map((i) => i.message)
      .join('；');
    super(`${policyCode ? `政策 ${policyCode} ` : ''}规则有 ${issues.length} 处错误：${head}${issues.length > 3 ? '……' : ''}`);
    this.name = 'RuleError';
    this.issues = issues;
    this.policyCode = policyCode;
  }
}

const KIND_NAMES: Record<FactInfo['kind'], string> = { number: '数值', boolean: '是/否', string: '文字', list: '列表' };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const NODE_KEYS = ['all', 'any', 'not', 'fact'] as const;

/** Which comparison an operand is, or why it is not one. */
type OperandShape =
  { kind: 'number' | 'string' | 'boolean' | 'list' } | { kind: 'param'; name: string } | { kind: 'fact'; info: FactInfo } | { kind: 'invalid'; why: string };

function operandShape(value: unknown, path: string, knownParams: ReadonlySet<string> | undefined, issues: RuleIssue[]): OperandShape {
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number' } : { kind: 'invalid', why: '数值必须是有限数' };
  if (typeof value === 'string') return { kind: 'string' };
  if (typeof value === 'boolean') return { kind: 'boolean' };
  if (Array.isArray(value)) {
    return value.every((v) => typeof v === 'string') ? { kind: 'list' } : { kind: 'invalid', why: '列表只能包含文字' };
  }
  if (!isRecord(value)) return { kind: 'invalid', why: '比较值缺失或格式不正确' };
  const times = value['times'];
  if (times !== undefined && (typeof times !== 'number' || !Number.isFinite(times))) return { kind: 'invalid', why: 'times 必须是有限数' };
  const keys = Object.keys(value).filter((k) => k !== 'times');
  if (keys.length === 1 && keys[0] === 'param') {
    const name = value['param'];
    if (typeof name !== 'string' || name === '') return { kind: 'invalid', why: '参数名必须是非空文字' };
    if (knownParams && !knownParams.has(name)) {
      issues.push({ path: `${path}.value`, code: 'unknown_param', message: `${path}：未定义的参数「${name}」` });
    }
    return { kind: 'param', name };
  }
  if (keys.length === 1 && keys[0] === 'fact') {
    const name = value['fact'];
    if (!isFactName(name)) {
      issues.push({ path: `${path}.value`, code: 'unknown_fact', message: `${path}：比较值引用了未知的事实「${String(name)}」` });
      return { kind: 'invalid', why: '' };
    }
    return { kind: 'fact', info: FACT_CATALOGUE[name] };
  }
  return { kind: 'invalid', why: '比较值只能是数值、文字、是/否、文字列表、{ param } 或 { fact }' };
}

function describe(shape: OperandShape): string {
  switch (shape.kind) {
    case 'number':
      return '数值';
    case 'string':
      return '文字';
    case 'boolean':
      return '是/否';
    case 'list':
      return '文字列表';
    case 'param':
      return `参数「${shape.name}」`;
    case 'fact':
      return `事实「${shape.info.label}」`;
    case 'invalid':
      return '无效值';
  }
}

/** Whether `op` can compare a fact of `kind` with an operand of `shape`. */
function compatible(kind: FactInfo['kind'], op: CompareOp, shape: OperandShape): boolean {
  const scalar = shape.kind === 'fact' ? shape.info.kind : shape.kind;
  switch (op) {
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return kind === 'number' && (scalar === 'number' || scalar === 'param');
    case 'eq':
    case 'neq':
      if (kind === 'number') return scalar === 'number' || scalar === 'param';
      if (kind === 'boolean' || kind === 'string') return scalar === kind;
      return false;
    case 'in':
    case 'notIn':
      return (kind === 'string' || kind === 'list') && shape.kind === 'list';
    case 'includes':
    case 'excludes':
      return kind === 'list' && scalar === 'string';
  }
}

function checkTimes(value: unknown, kind: FactInfo['kind'], path: string, issues: RuleIssue[]): void {
  if (isRecord(value) && value['times'] !== undefined && kind !== 'number') {
    issues.push({ path: `${path}.value.times`, code: 'type_mismatch', message: `${path}：只有数值比较可以使用 times 倍数` });
  }
}

function walkRule(node: unknown, path: string, knownParams: ReadonlySet<string> | undefined, issues: RuleIssue[], ids: Set<string>): void {
  if (!isRecord(node)) {
    issues.push({ path, code: 'invalid_node', message: `${path}：条件必须是对象` });
    return;
  }
  const label = node['label'];
  if (typeof label !== 'string' || label.trim() === '') {
    issues.push({ path, code: 'missing_label', message: `${path}：缺少说明文字（label）` });
  }
  const id = node['id'];
  if (id !== undefined) {
    if (typeof id !== 'string' || id === '') issues.push({ path, code: 'invalid_node', message: `${path}：id 必须是非空文字` });
    else if (ids.has(id)) issues.push({ path, code: 'duplicate_id', message: `${path}：条件 id「${id}」重复` });
    else ids.add(id);
  }
  const present = NODE_KEYS.filter((k) => k in node);
  if (present.length !== 1) {
    issues.push({ path, code: 'invalid_node', message: `${path}：条件必须且只能是 all、any、not 或 fact 之一` });
    return;
  }
  const key = present[0]!;
  switch (key) {
    case 'all':
    case 'any': {
      const children = node[key];
      if (!Array.isArray(children)) {
        issues.push({ path, code: 'invalid_node', message: `${path}：${key} 必须是条件列表` });
        return;
      }
      if (children.length === 0) {
        issues.push({ path, code: 'empty_group', message: `${path}：${key} 至少需要一个条件` });
        return;
      }
      children.forEach((child: unknown, i) => walkRule(child, `${path}.${key}[${i}]`, knownParams, issues, ids));
      return;
    }
    case 'not':
      walkRule(node['not'], `${path}.not`, knownParams, issues, ids);
      return;
    case 'fact': {
      const fact = node['fact'];
      const op = node['op'];
      if (!isFactName(fact)) {
        issues.push({ path, code: 'unknown_fact', message: `${path}：未知的事实「${String(fact)}」` });
      }
      if (typeof op !== 'string' || !OP_SET.has(op)) {
        issues.push({ path, code: 'unknown_op', message: `${path}：未知的比较运算「${String(op)}」` });
      }
      const shape = operandShape(node['value'], path, knownParams, issues);
      if (shape.kind === 'invalid') {
        if (shape.why !== '') issues.push({ path: `${path}.value`, code: 'invalid_operand', message: `${path}：${shape.why}` });
        return;
      }
      if (!isFactName(fact) || typeof op !== 'string' || !OP_SET.has(op)) return;
      const info = FACT_CATALOGUE[fact];
      if (!compatible(info.kind, op as CompareOp, shape)) {
        issues.push({
          path,
          code: 'type_mismatch',
          message: `${path}：「${info.label}」是${KIND_NAMES[info.kind]}，不能用 ${op} 与${describe(shape)}比较`,
        });
        return;
      }
      checkTimes(node['value'], info.kind, path, issues);
      return;
    }
  }
}

/**
 * Checks a rule: node shapes, labels, facts, operators, operand types, parameters (when
 * `knownParams` is given) and duplicate ids. An empty list means the rule compiles.
 */
export function validateRule(rule: unknown, knownParams?: ReadonlySet<string>, path = 'rule'): RuleIssue[] {
  const issues: RuleIssue[] = [];
  walkRule(rule, path, knownParams, issues, new Set());
  return issues;
}

function walkExpr(expr: unknown, path: string, knownParams: ReadonlySet<string> | undefined, issues: RuleIssue[]): void {
  if (typeof expr === 'number') {
    if (!Number.isFinite(expr)) issues.push({ path, code: 'invalid_expr', message: `${path}：数值必须是有限数` });
    return;
  }
  if (!isRecord(expr)) {
    issues.push({ path, code: 'invalid_expr', message: `${path}：公式项必须是数值、{ param }、{ fact } 或 { op, args }` });
    return;
  }
  if ('param' in expr) {
    const name = expr['param'];
    if (typeof name !== 'string' || name === '') issues.push({ path, code: 'invalid_expr', message: `${path}：参数名必须是非空文字` });
    else if (knownParams && !knownParams.has(name)) issues.push({ path, code: 'unknown_param', message: `${path}：未定义的参数「${name}」` });
    return;
  }
  if ('fact' in expr) {
    const name = expr['fact'];
    if (!isFactName(name)) issues.push({ path, code: 'unknown_fact', message: `${path}：未知的事实「${String(name)}」` });
    else if (FACT_CATALOGUE[name].kind !== 'number') {
      issues.push({ path, code: 'type_mismatch', message: `${path}：「${FACT_CATALOGUE[name].label}」不是数值，不能参与计算` });
    }
    return;
  }
  const op = expr['op'];
  const args = expr['args'];
  if (typeof op !== 'string' || !EXPR_OPS.has(op)) {
    issues.push({ path, code: 'invalid_expr', message: `${path}：未知的运算「${String(op)}」` });
    return;
  }
  if (!Array.isArray(args) || args.length === 0) {
    issues.push({ path, code: 'invalid_expr', message: `${path}：运算「${op}」需要参数列表` });
    return;
  }
  if (op === 'round' && args.length !== 1) issues.push({ path, code: 'invalid_expr', message: `${path}：round 只接受一个参数` });
  if (op === '/' && args.length < 2) issues.push({ path, code: 'invalid_expr', message: `${path}：除法至少需要两个参数` });
  args.forEach((a: unknown, i) => walkExpr(a, `${path}.args[${i}]`, knownParams, issues));
}

/** Checks a benefit-formula expression: operators, arity, facts (numeric only) and parameters. */
export function validateExpr(expr: unknown, knownParams?: ReadonlySet<string>, path = 'expr'): RuleIssue[] {
  const issues: RuleIssue[] = [];
  walkExpr(expr, path, knownParams, issues);
  return issues;
}

/** Everything compilePolicy checks: the rule, the benefit formula and its top-ups. */
export function validatePolicy(policy: PolicyDefinition, knownParams?: ReadonlySet<string>): RuleIssue[] {
  const issues = validateRule(policy.rule, knownParams, 'rule');
  const formula: unknown = policy.benefitFormula;
  if (formula === undefined) return issues;
  if (!isRecord(formula)) {
    issues.push({ path: 'benefitFormula', code: 'invalid_expr', message: 'benefitFormula：格式不正确' });
    return issues;
  }
  issues.push(...validateExpr(formula['expr'], knownParams, 'benefitFormula.expr'));
  const topUps = formula['topUps'];
  if (topUps !== undefined) {
    if (!Array.isArray(topUps)) {
      issues.push({ path: 'benefitFormula.topUps', code: 'invalid_expr', message: 'benefitFormula.topUps：必须是列表' });
    } else {
      topUps.forEach((t: unknown, i) => {
        const path = `benefitFormula.topUps[${i}]`;
        if (!isRecord(t)) {
          issues.push({ path, code: 'invalid_expr', message: `${path}：格式不正确` });
          return;
        }
        if (typeof t['label'] !== 'string' || t['label'].trim() === '') {
          issues.push({ path, code: 'missing_label', message: `${path}：缺少说明文字（label）` });
        }
        issues.push(...validateRule(t['when'], knownParams, `${path}.when`));
        issues.push(...validateExpr(t['expr'], knownParams, `${path}.expr`));
      });
    }
  }
  return issues;
}
