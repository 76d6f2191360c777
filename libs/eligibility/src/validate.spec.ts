import { compilePolicy } from './policy.js';
import { DIBAO_POLICY, DIBAO_RULE, policy } from './test-fixtures.js';
import type { PolicyDefinition, Rule } from './types.js';
import { RuleError, validatePolicy, validateRule, type RuleIssueCode } from './validate.js';

/** Rules as they may arrive from storage: not necessarily well typed. */
const bad = (x: unknown): Rule => x as Rule;

function codes(rule: Rule, known?: Set<string>): Array<[string, RuleIssueCode]> {
  return validateRule(rule, known).map((i) => [i.path, i.code]);
}

describe('validateRule', () => {
  it('accepts a well-formed rule', () => {
    expect(validateRule(DIBAO_RULE)).toEqual([]);
    expect(validateRule(DIBAO_RULE, new Set(['dibao_standard']))).toEqual([]);
  });

  it.each<[string, unknown, Array<[string, RuleIssueCode]>]>([
    ['an unknown fact', { label: 'x', fact: 'income', op: 'lt', value: 1 }, [['rule', 'unknown_fact']]],
    ['an unknown operator', { label: 'x', fact: 'perCapitaIncome', op: 'below', value: 1 }, [['rule', 'unknown_op']]],
    ['includes on a number fact', { label: 'x', fact: 'perCapitaIncome', op: 'includes', value: 'dibao' }, [['rule', 'type_mismatch']]],
    ['lt on a boolean fact', { label: 'x', fact: 'onDibao', op: 'lt', value: 1 }, [['rule', 'type_mismatch']]],
    ['a number compared with a string', { label: 'x', fact: 'householdSize', op: 'eq', value: '3' }, [['rule', 'type_mismatch']]],
    ['a boolean compared with a parameter', { label: 'x', fact: 'onDibao', op: 'eq', value: { param: 'p' } }, [['rule', 'type_mismatch']]],
    ['in with a single value', { label: 'x', fact: 'benefitCodes', op: 'in', value: 'dibao' }, [['rule', 'type_mismatch']]],
    ['includes on a list with a number', { label: 'x', fact: 'benefitCodes', op: 'includes', value: 3 }, [['rule', 'type_mismatch']]],
    ['a number compared with a list fact', { label: 'x', fact: 'householdSize', op: 'lt', value: { fact: 'benefitCodes' } }, [['rule', 'type_mismatch']]],
    [
      'times on a string comparison',
      { label: 'x', fact: 'benefitCodes', op: 'includes', value: { fact: 'benefitCodes', times: 2 } },
      [['rule', 'type_mismatch']],
    ],
    ['a non-finite number', { label: 'x', fact: 'householdSize', op: 'lt', value: Infinity }, [['rule.value', 'invalid_operand']]],
    ['a missing value', { label: 'x', fact: 'householdSize', op: 'lt' }, [['rule.value', 'invalid_operand']]],
    ['an empty all', { label: 'x', all: [] }, [['rule', 'empty_group']]],
    ['an empty any', { label: 'x', any: [] }, [['rule', 'empty_group']]],
    ['a missing label', { fact: 'householdSize', op: 'gte', value: 1 }, [['rule', 'missing_label']]],
    ['a blank nested label', { label: 'x', not: { label: ' ', fact: 'onDibao', op: 'eq', value: true } }, [['rule.not', 'missing_label']]],
    ['a node with two kinds', { label: 'x', all: [], any: [] }, [['rule', 'invalid_node']]],
    ['a node with no kind', { label: 'x' }, [['rule', 'invalid_node']]],
    ['null', null, [['rule', 'invalid_node']]],
    ['all that is not a list', { label: 'x', all: { label: 'y' } }, [['rule', 'invalid_node']]],
    ['an unknown operand fact', { label: 'x', fact: 'householdSize', op: 'lt', value: { fact: 'nope' } }, [['rule.value', 'unknown_fact']]],
    [
      'duplicate ids',
      {
        label: 'x',
        all: [
          { id: 'a', label: 'y', fact: 'onDibao', op: 'eq', value: true },
          { id: 'a', label: 'z', fact: 'onTekun', op: 'eq', value: true },
        ],
      },
      [['rule.all[1]', 'duplicate_id']],
    ],
  ])('reports %s', (_name, rule, expected) => {
    expect(codes(bad(rule))).toEqual(expected);
  });

  it('reports unknown parameters only when the known ones are given', () => {
    const rule: Rule = { label: 'x', fact: 'perCapitaIncome', op: 'lt', value: { param: 'dibao_standrad' } };
    expect(validateRule(rule)).toEqual([]);
    expect(codes(rule, new Set(['dibao_standard']))).toEqual([['rule.value', 'unknown_param']]);
  });

  it('finds every issue in a nested rule, with paths', () => {
    const rule = bad({
      label: '根',
      all: [
        { label: 'a', fact: 'perCapitaIncome', op: 'lt', value: 1 },
        {
          any: [
            { label: 'b', fact: 'x', op: 'lt', value: 1 },
            { label: 'c', all: [] },
          ],
        },
      ],
    });
    expect(codes(rule)).toEqual([
      ['rule.all[1]', 'missing_label'],
      ['rule.all[1].any[0]', 'unknown_fact'],
      ['rule.all[1].any[1]', 'empty_group'],
    ]);
    expect(validateRule(rule)[1]!.message).toBe('rule.all[1].any[0]：未知的事实「x」');
  });
});

describe('validatePolicy and compilePolicy', () => {
  it('compiles a valid policy', () => {
    expect(validatePolicy(DIBAO_POLICY, new Set(['dibao_standard']))).toEqual([]);
    const compiled = compilePolicy(DIBAO_POLICY, { version: 3 });
    expect(compiled).toMatchObject({ code: 'dibao', version: 3, definition: DIBAO_POLICY });
  });

  it('throws a RuleError listing every issue', () => {
    const broken = policy(bad({ label: 'x', all: [{ label: '', fact: 'income', op: 'lt', value: 1 }] }), { code: 'broken' });
    let error: unknown;
    try {
      compilePolicy(broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleError);
    const ruleError = error as RuleError;
    expect(ruleError.policyCode).toBe('broken');
    expect(ruleError.issues.map((i) => i.code)).toEqual(['missing_label', 'unknown_fact']);
    expect(ruleError.message).toContain('政策 broken 规则有 2 处错误');
  });

  it('refuses unknown parameters at compile time when the known ones are given', () => {
    expect(() => compilePolicy(DIBAO_POLICY, { knownParams: new Set(['other']) })).toThrow(RuleError);
  });

  it('checks the benefit formula and its top-ups', () => {
    const p: PolicyDefinition = {
      ...DIBAO_POLICY,
      benefitFormula: {
        label: 'x',
        unit: '元/月',
        expr: bad({ op: '%', args: [1] }) as unknown as number,
        topUps: [
          { label: '', when: bad({ label: 'y', fact: 'onDibao', op: 'lt', value: 1 }), expr: { fact: 'onDibao' } },
          { label: 'z', when: { label: 'y', fact: 'onDibao', op: 'eq', value: true }, expr: { op: 'round', args: [1, 2] as unknown as [number] } },
          { label: 'w', when: { label: 'y', fact: 'onDibao', op: 'eq', value: true }, expr: { op: '/', args: [1] } },
        ],
      },
    };
    expect(validatePolicy(p).map((i) => [i.path, i.code])).toEqual([
      ['benefitFormula.expr', 'invalid_expr'],
      ['benefitFormula.topUps[0]', 'missing_label'],
      ['benefitFormula.topUps[0].when', 'type_mismatch'],
      ['benefitFormula.topUps[0].expr', 'type_mismatch'],
      ['benefitFormula.topUps[1].expr', 'invalid_expr'],
      ['benefitFormula.topUps[2].expr', 'invalid_expr'],
    ]);
    expect(() => compilePolicy(p)).toThrow(RuleError);
  });
});
