/**
 * Turns a validated rule into a tree of closures, once per policy version, so that evaluating a
 * household never walks JSON: each leaf is a closure specialised for its operator and operand
 * (a literal is captured as a constant; a list becomes a Set), each group a short loop.
 *
 * Three-valued (Kleene) logic, encoded as numbers so the hot path allocates nothing:
 * all = false if any child is false, else unknown if any is unknown, else true; any is the dual;
 * not swaps true and false and keeps unknown. A comparison is unknown when its fact, an operand fact
 * or its parameter is missing (or of the wrong kind, or NaN).
 */
import { assertNever } from '@zczr/domain';
import { FACT_CATALOGUE } from './catalogue.js';
import type { CompareOp, Expr, FactInfo, FactName, Facts, FactValue, Operand, ResolvedParameters, Rule } from './types.js';

export type Tri = 0 | 1 | 2;
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;

export type Test = (facts: Facts, params: ResolvedParameters) => Tri;
/** A number, or NaN when it cannot be computed (missing fact or parameter, division by zero). */
export type NumberFn = (facts: Facts, params: ResolvedParameters) => number;

export type CompiledOperand =
  | { kind: 'literal'; value: FactValue }
  | { kind: 'param'; name: string; times: number }
  | { kind: 'fact'; name: FactName; factKind: FactInfo['kind']; times: number };

interface NodeBase {
  id: string | undefined;
  label: string;
  test: Test;
}
export interface LeafNode extends NodeBase {
  type: 'leaf';
  fact: FactName;
  factKind: FactInfo['kind'];
  op: CompareOp;
  operand: CompiledOperand;
}
export interface GroupNode extends NodeBase {
  type: 'all' | 'any';
  children: CompiledNode[];
}
export interface NotNode extends NodeBase {
  type: 'not';
  child: CompiledNode;
}
export type CompiledNode = LeafNode | GroupNode | NotNode;

/** Is `v` a usable value of a fact of this kind? (NaN is not a usable number.) */
export function hasKind(v: FactValue | undefined, kind: FactInfo['kind']): boolean {
  switch (kind) {
    case 'number':
      return typeof v === 'number' && v === v;
    case 'boolean':
      return typeof v === 'boolean';
    case 'string':
      return typeof v === 'string';
    case 'list':
      return Array.isArray(v);
    default:
      return assertNever(kind);
  }
}

function internal(what: string): never {
  throw new Error(`eligibility: ${what} (the rule should have been rejected by validateRule)`);
}

type OperandRef = Extract<Operand, { times?: number }>;

function isRef(value: Operand): value is OperandRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compileOperand(value: Operand): CompiledOperand {
  if (isRef(value)) {
    const times = typeof value.times === 'number' ? value.times : 1;
    if ('param' in value) return { kind: 'param', name: value.param, times };
    return { kind: 'fact', name: value.fact, factKind: FACT_CATALOGUE[value.fact].kind, times };
  }
  return { kind: 'literal', value: value as FactValue };
}

/** The right-hand side of a numeric comparison, NaN when unknown. */
function numberOperand(o: CompiledOperand): NumberFn {
  switch (o.kind) {
    case 'literal': {
      const c = o.value;
      if (typeof c !== 'number') return internal('numeric comparison with a non-number');
      return () => c;
    }
    case 'param': {
      const { name, times } = o;
      return (_f, p) => {
        const v = p[name];
        return typeof v === 'number' ? v * times : NaN;
      };
    }
    case 'fact': {
      const { name, times } = o;
      return (f) => {
        const v = f[name];
        return typeof v === 'number' ? v * times : NaN;
      };
    }
    default:
      return assertNever(o);
  }
}

const T: Tri = TRUE;
const F: Tri = FALSE;
const U: Tri = UNKNOWN;

function numericLeaf(fact: FactName, op: CompareOp, operand: CompiledOperand): Test {
  if (operand.kind === 'literal' && typeof operand.value === 'number') {
    const c = operand.value;
    switch (op) {
      case 'lt':
        return (f) => {
          const a = f[fact];
          return typeof a !== 'number' || a !== a ? U : a < c ? T : F;
        };
      case 'lte':
        return (f) => {
          const a = f[fact];
          return typeof a !== 'number' || a !== a ? U : a <= c ? T : F;
        };
      case 'gt':
        return (f) => {
          const a = f[fact];
          return typeof a !== 'number' || a !== a ? U : a > c ? T : F;
        };
      case 'gte':
        return (f) => {
          const a = f[fact];
          return typeof a !== 'number' || a !== a ? U : a >= c ? T : F;
        };
      case 'eq':
        return (f) => {
          const a = f[fact];
          return typeof a !== 'number' || a !== a ? U : a === c ? T : F;
        };
      case 'neq':
        return (f) => {
          const a = f[fact];
          return typeof a !== 'number' || a !== a ? U : a !== c ? T : F;
        };
      case 'in':
      case 'notIn':
      case 'includes':
      case 'excludes':
        return internal(`operator ${op} on a number`);
      default:
        return assertNever(op);
    }
  }
  const rhs = numberOperand(operand);
  switch (op) {
    case 'lt':
      return (f, p) => {
        const a = f[fact];
        if (typeof a !== 'number' || a !== a) return U;
        const b = rhs(f, p);
        return b !== b ? U : a < b ? T : F;
      };
    case 'lte':
      return (f, p) => {
        const a = f[fact];
        if (typeof a !== 'number' || a !== a) return U;
        const b = rhs(f, p);
        return b !== b ? U : a <= b ? T : F;
      };
    case 'gt':
      return (f, p) => {
        const a = f[fact];
        if (typeof a !== 'number' || a !== a) return U;
        const b = rhs(f, p);
        return b !== b ? U : a > b ? T : F;
      };
    case 'gte':
      return (f, p) => {
        const a = f[fact];
        if (typeof a !== 'number' || a !== a) return U;
        const b = rhs(f, p);
        return b !== b ? U : a >= b ? T : F;
      };
    case 'eq':
      return (f, p) => {
        const a = f[fact];
        if (typeof a !== 'number' || a !== a) return U;
        const b = rhs(f, p);
        return b !== b ? U : a === b ? T : F;
      };
    case 'neq':
      return (f, p) => {
        const a = f[fact];
        if (typeof a !== 'number' || a !== a) return U;
        const b = rhs(f, p);
        return b !== b ? U : a !== b ? T : F;
      };
    case 'in':
    case 'notIn':
    case 'includes':
    case 'excludes':
      return internal(`operator ${op} on a number`);
    default:
      return assertNever(op);
  }
}

/** eq/neq on booleans and strings, and in/notIn on a string. */
function scalarLeaf(fact: FactName, kind: 'boolean' | 'string', op: CompareOp, operand: CompiledOperand): Test {
  const yes: Tri = op === 'eq' || op === 'in' ? T : F;
  const no: Tri = yes === T ? F : T;
  if (op === 'in' || op === 'notIn') {
    if (operand.kind !== 'literal' || !Array.isArray(operand.value)) return internal('in/notIn without a list');
    const set = new Set<unknown>(operand.value);
    return (f) => {
      const a = f[fact];
      return typeof a !== kind ? U : set.has(a) ? yes : no;
    };
  }
  if (op !== 'eq' && op !== 'neq') return internal(`operator ${op} on a ${kind}`);
  if (operand.kind === 'literal') {
    const c = operand.value;
    return (f) => {
      const a = f[fact];
      return typeof a !== kind ? U : a === c ? yes : no;
    };
  }
  if (operand.kind === 'fact') {
    const other = operand.name;
    return (f) => {
      const a = f[fact];
      if (typeof a !== kind) return U;
      const b = f[other];
      return typeof b !== kind ? U : a === b ? yes : no;
    };
  }
  return internal(`parameter compared with a ${kind}`);
}

/** in/notIn (any element in the list / none) and includes/excludes on a list fact. */
function listLeaf(fact: FactName, op: CompareOp, operand: CompiledOperand): Test {
  if (op === 'in' || op === 'notIn') {
    if (operand.kind !== 'literal' || !Array.isArray(operand.value)) return internal('in/notIn without a list');
    const set = new Set<string>(operand.value as readonly string[]);
    const yes: Tri = op === 'in' ? T : F;
    const no: Tri = op === 'in' ? F : T;
    return (f) => {
      const a = f[fact];
      if (!Array.isArray(a)) return U;
      for (let i = 0; i < a.length; i++) if (set.has(a[i] as string)) return yes;
      return no;
    };
  }
  const yes: Tri = op === 'includes' ? T : F;
  const no: Tri = op === 'includes' ? F : T;
  if (op !== 'includes' && op !== 'excludes') return internal(`operator ${op} on a list`);
  if (operand.kind === 'literal' && typeof operand.value === 'string') {
    const c = operand.value;
    return (f) => {
      const a = f[fact];
      return !Array.isArray(a) ? U : (a as readonly string[]).includes(c) ? yes : no;
    };
  }
  if (operand.kind === 'fact') {
    const other = operand.name;
    return (f) => {
      const a = f[fact];
      if (!Array.isArray(a)) return U;
      const b = f[other];
      return typeof b !== 'string' ? U : (a as readonly string[]).includes(b) ? yes : no;
    };
  }
  return internal('includes/excludes without a string');
}

function allOf(tests: Test[]): Test {
  const n = tests.length;
  if (n === 1) return tests[0]!;
  if (n === 2) {
    const a = tests[0]!;
    const b = tests[1]!;
    return (f, p) => {
      const x = a(f, p);
      if (x === F) return F;
      const y = b(f, p);
      if (y === F) return F;
      return x === U || y === U ? U : T;
    };
  }
  return (f, p) => {
    let unknown = false;
    for (let i = 0; i < n; i++) {
      const r = tests[i]!(f, p);
      if (r === F) return F;
      if (r === U) unknown = true;
    }
    return unknown ? U : T;
  };
}

function anyOf(tests: Test[]): Test {
  const n = tests.length;
  if (n === 1) return tests[0]!;
  if (n === 2) {
    const a = tests[0]!;
    const b = tests[1]!;
    return (f, p) => {
      const x = a(f, p);
      if (x === T) return T;
      const y = b(f, p);
      if (y === T) return T;
      return x === U || y === U ? U : F;
    };
  }
  return (f, p) => {
    let unknown = false;
    for (let i = 0; i < n; i++) {
      const r = tests[i]!(f, p);
      if (r === T) return T;
      if (r === U) unknown = true;
    }
    return unknown ? U : F;
  };
}

function notOf(test: Test): Test {
  return (f, p) => {
    const r = test(f, p);
    return r === U ? U : r === T ? F : T;
  };
}

/** Compiles a rule that validateRule accepted. */
export function compileRule(rule: Rule): CompiledNode {
  const id = rule.id;
  const label = rule.label;
  if ('all' in rule) {
    const children = rule.all.map(compileRule);
    return { type: 'all', id, label, children, test: allOf(children.map((c) => c.test)) };
  }
  if ('any' in rule) {
    const children = rule.any.map(compileRule);
    return { type: 'any', id, label, children, test: anyOf(children.map((c) => c.test)) };
  }
  if ('not' in rule) {
    const child = compileRule(rule.not);
    return { type: 'not', id, label, child, test: notOf(child.test) };
  }
  const fact = rule.fact;
  const factKind = FACT_CATALOGUE[fact].kind;
  const operand = compileOperand(rule.value);
  let test: Test;
  switch (factKind) {
    case 'number':
      test = numericLeaf(fact, rule.op, operand);
      break;
    case 'boolean':
    case 'string':
      test = scalarLeaf(fact, factKind, rule.op, operand);
      break;
    case 'list':
      test = listLeaf(fact, rule.op, operand);
      break;
    default:
      return assertNever(factKind);
  }
  return { type: 'leaf', id, label, fact, factKind, op: rule.op, operand, test };
}

/**
 * Adds to `out` the facts that keep an unknown node unknown: a leaf's missing fact and operand
 * fact; for a group, those of its unknown children (when a group is unknown, no child of all is
 * false and no child of any is true, so every unknown child can still decide it).
 */
export function collectMissing(node: CompiledNode, f: Facts, p: ResolvedParameters, out: FactName[]): void {
  switch (node.type) {
    case 'leaf':
      if (!hasKind(f[node.fact], node.factKind)) out.push(node.fact);
      if (node.operand.kind === 'fact' && !hasKind(f[node.operand.name], node.operand.factKind)) out.push(node.operand.name);
      return;
    case 'all':
    case 'any':
      for (const c of node.children) if (c.test(f, p) === U) collectMissing(c, f, p, out);
      return;
    case 'not':
      collectMissing(node.child, f, p, out);
      return;
    default:
      assertNever(node);
  }
}

/** Compiles a benefit expression: NaN when a fact or parameter is missing or a divisor is zero. */
export function compileExpr(e: Expr): NumberFn {
  if (typeof e === 'number') return () => e;
  if ('param' in e) {
    const name = e.param;
    return (_f, p) => {
      const v = p[name];
      return typeof v === 'number' ? v : NaN;
    };
  }
  if ('fact' in e) {
    const name = e.fact;
    return (f) => {
      const v = f[name];
      return typeof v === 'number' ? v : NaN;
    };
  }
  const args = e.args.map(compileExpr);
  const first = args[0]!;
  switch (e.op) {
    case '+':
      return (f, p) => args.reduce((sum, a) => sum + a(f, p), 0);
    case '-':
      return args.length === 1 ? (f, p) => -first(f, p) : (f, p) => args.slice(1).reduce((acc, a) => acc - a(f, p), first(f, p));
    case '*':
      return (f, p) => args.reduce((acc, a) => acc * a(f, p), 1);
    case '/':
      return (f, p) =>
        args.slice(1).reduce(
          (acc, a) => {
            const d = a(f, p);
            return d === 0 ? NaN : acc / d;
          },
          first(f, p),
        );
    case 'min':
      return (f, p) => Math.min(...args.map((a) => a(f, p)));
    case 'max':
      return (f, p) => Math.max(...args.map((a) => a(f, p)));
    case 'round':
      return (f, p) => Math.round(first(f, p));
    default:
      return assertNever(e);
  }
}
