import {
  checkReferences,
  compilePolicy,
  deriveFacts,
  DEPARTMENTS,
  FACT_NAMES,
  POLICY_GROUPS,
  resolveParameters,
  validatePolicy,
  type Expr,
  type PolicyDefinition,
  type ReferenceCheck,
  type Rule,
} from '@zczr/eligibility';
import { PARAMETERS, POLICIES, policyByCode } from './index.js';

const PARAM_NAMES: ReadonlySet<string> = new Set(PARAMETERS.map((p) => p.name));

function* ruleNodes(rule: Rule): Generator<Rule> {
  yield rule;
  if ('all' in rule) for (const r of rule.all) yield* ruleNodes(r);
  else if ('any' in rule) for (const r of rule.any) yield* ruleNodes(r);
  else if ('not' in rule) yield* ruleNodes(rule.not);
}

function* exprParams(expr: Expr): Generator<string> {
  if (typeof expr === 'number') return;
  if ('param' in expr) yield expr.param;
  else if ('op' in expr) for (const a of expr.args) yield* exprParams(a);
}

/** Every parameter a policy names, in its rule, formula and top-ups. */
function paramsOf(policy: PolicyDefinition): string[] {
  const names: string[] = [];
  const fromRule = (rule: Rule): void => {
    for (const node of ruleNodes(rule)) {
      if ('fact' in node && typeof node.value === 'object' && node.value !== null && !Array.isArray(node.value) && 'param' in node.value)
        names.push(node.value.param);
    }
  };
  fromRule(policy.rule);
  const f = policy.benefitFormula;
  if (f) {
    names.push(...exprParams(f.expr));
    for (const t of f.topUps ?? []) {
      fromRule(t.when);
      names.push(...exprParams(t.expr));
    }
  }
  return names;
}

const byCode = (p: PolicyDefinition): string => p.code;

describe('the policy library', () => {
  it('has at least 60 policies with unique snake_case codes', () => {
    expect(POLICIES.length).toBeGreaterThanOrEqual(60);
    const codes = POLICIES.map(byCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it('covers every group and every department', () => {
    expect(new Set(POLICIES.map((p) => p.group))).toEqual(new Set(POLICY_GROUPS));
    expect(new Set(POLICIES.map((p) => p.department))).toEqual(new Set(DEPARTMENTS));
  });

  it('finds policies by code', () => {
    expect(policyByCode('dibao')?.name).toBe('城乡最低生活保障');
    expect(policyByCode('tekun_care_total')?.group).toBe('tekun');
    expect(policyByCode('no_such_policy')).toBeUndefined();
  });

  it('keeps benefit codes unambiguous for the matcher (onDibao / onTekun / onMargin read codes)', () => {
    // deriveFacts: "dibao" or "dibao_…" is 低保, "tekun…" is 特困, a code containing "margin" is 低保边缘.
    for (const p of POLICIES) {
      if (p.code === 'dibao' || p.code.startsWith('dibao_')) expect([p.code, p.group]).toEqual([p.code, 'dibao']);
      if (p.code.startsWith('tekun')) expect([p.code, p.group]).toEqual([p.code, 'tekun']);
      if (p.code.includes('margin')) expect([p.code, p.group]).toEqual([p.code, 'margin']);
    }
  });
});

describe.each(POLICIES.map((p) => [p.code, p] as const))('policy %s', (_code, policy) => {
  it('is complete: name, legal basis, benefit, documents, dates', () => {
    expect(policy.name.length).toBeGreaterThan(0);
    expect(policy.legalBasis.length).toBeGreaterThan(0);
    for (const basis of policy.legalBasis) expect(basis.length).toBeGreaterThan(2);
    expect(policy.benefit.length).toBeGreaterThan(10);
    expect(policy.requiredDocuments.length).toBeGreaterThan(0);
    expect(policy.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    if (policy.exitGraceMonths !== undefined) expect(policy.exitGraceMonths).toBeGreaterThan(0);
  });

  it('labels every condition and gives every leaf an id', () => {
    for (const node of ruleNodes(policy.rule)) {
      expect(node.label.trim()).not.toBe('');
      if ('fact' in node) expect(node.id).toBeTruthy();
    }
  });

  it('validates against the known parameters and compiles', () => {
    expect(validatePolicy(policy, PARAM_NAMES)).toEqual([]);
    expect(() => compilePolicy(policy, { knownParams: PARAM_NAMES })).not.toThrow();
  });

  it('names only parameters that exist in PARAMETERS', () => {
    const unknown = paramsOf(policy).filter((name) => !PARAM_NAMES.has(name));
    expect(unknown).toEqual([]);
  });

  it('has reference households that qualify, do not, and are undecided', () => {
    const expected = new Set(policy.references.map((r) => r.expected));
    expect(policy.references.length).toBeGreaterThanOrEqual(3);
    expect(expected).toEqual(new Set(['eligible', 'ineligible', 'unknown']));
    for (const r of policy.references) {
      if (r.expected === 'unknown') {
        expect(r.expectedMissing?.length).toBeGreaterThan(0);
        for (const f of r.expectedMissing ?? []) expect(FACT_NAMES).toContain(f);
      }
    }
    expect(new Set(policy.references.map((r) => r.label)).size).toBe(policy.references.length);
  });

  let checks: ReferenceCheck[] | undefined;
  const checksFor = (): ReferenceCheck[] => (checks ??= checkReferences(policy, PARAMETERS));

  it.each(policy.references.map((r, i) => [r.label, i] as const))('reference household “%s” gives its expected outcome', (_label, i) => {
    const c = checksFor()[i]!;
    // Compared as one object so a failure shows the label, both outcomes, both missing lists and the summary.
    const seen = { label: c.label, outcome: c.actual, missing: [...c.missing].sort(), summary: c.summary };
    const want = { label: c.label, outcome: c.expected, missing: [...(c.expectedMissing ?? [])].sort(), summary: c.summary };
    expect(seen).toEqual(want);
    expect(c.ok).toBe(true);
  });

  if (policy.benefitFormula) {
    it('estimates a finite, non-negative benefit for every qualifying reference household', () => {
      const compiled = compilePolicy(policy, { knownParams: PARAM_NAMES });
      for (const ref of policy.references.filter((r) => r.expected === 'eligible')) {
        const asOf = ref.asOf ?? policy.effectiveFrom;
        const params = resolveParameters(PARAMETERS, ref.household.regionCode, asOf);
        const result = compiled.explain(deriveFacts(ref.household, { asOf, params }), params, asOf);
        expect({ label: ref.label, finite: Number.isFinite(result.benefit?.amount) }).toEqual({ label: ref.label, finite: true });
        expect(result.benefit!.amount).toBeGreaterThanOrEqual(0);
      }
    });
  }
});

describe('benefit estimates of the core policies', () => {
  const explainFirst = (code: string): number | undefined => {
    const policy = policyByCode(code)!;
    const ref = policy.references[0]!;
    const asOf = ref.asOf ?? policy.effectiveFrom;
    const params = resolveParameters(PARAMETERS, ref.household.regionCode, asOf);
    const result = compilePolicy(policy).explain(deriveFacts(ref.household, { asOf, params }), params, asOf);
    return result.benefit?.amount;
  };

  it('低保: (870 − 600) × 3 plus the 20% top-up for one severely disabled and 10% for one minor', () => {
    expect(explainFirst('dibao')).toBe((870 - 600) * 3 + 174 + 87);
  });

  it('特困: 870 × 1.3 for one person', () => {
    expect(explainFirst('tekun')).toBe(Math.round(870 * 1.3));
  });

  it('急难型临时救助: 870 × 3 months × 3 people', () => {
    expect(explainFirst('temporary_emergency')).toBe(870 * 3 * 3);
  });
});
