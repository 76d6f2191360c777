import { summariseOutcome } from './explain.js';
import { deriveFacts } from './facts.js';
import { checkReferences, evaluateHousehold } from './household.js';
import { createParameterResolver } from './parameters.js';
import { compilePolicy } from './policy.js';
import { CHENGDU_OTHER_COMMUNITY, DIBAO_POLICY, household, member, PARAMETERS, policy } from './test-fixtures.js';
import type { EligibilityResult, HouseholdSnapshot, PolicyDefinition, Rule } from './types.js';

const AS_OF = '2025-06-01';
const LABELS = { parameterLabels: { dibao_standard: '当地低保标准' } };
const DIBAO = compilePolicy(DIBAO_POLICY, { version: 2 });

/** A Chengdu (not Wenjiang) family of three: the standard there is 870. */
function family(monthlyIncome: number, over: Partial<HouseholdSnapshot> = {}): HouseholdSnapshot {
  return household({
    regionCode: CHENGDU_OTHER_COMMUNITY,
    members: [member(), member({ relation: 'spouse', sex: 'female' }), member({ relation: 'child', age: 10, employment: 'student', education: 'primary' })],
    incomes: [{ type: 'wage', monthlyAmount: monthlyIncome }],
    assets: [
      { type: 'deposit', value: 3000 },
      { type: 'home', area: 60 },
    ],
    ...over,
  });
}

function run(p: PolicyDefinition | ReturnType<typeof compilePolicy>, h: HouseholdSnapshot, asOf = AS_OF): EligibilityResult {
  const compiled = 'evaluate' in p ? p : compilePolicy(p);
  return evaluateHousehold([compiled], h, { asOf, parameters: PARAMETERS })[0]!;
}

describe('explanations', () => {
  it('shows each condition with the actual and the resolved required value', () => {
    const r = run(DIBAO, family(1560));
    expect(r).toMatchObject({ policyCode: 'dibao', policyVersion: 2, outcome: 'eligible', missingFacts: [] });
    expect(r.explanation).toEqual({
      id: 'dibao',
      label: '符合城乡低保条件',
      outcome: 'true',
      combinator: 'all',
      children: [
        {
          id: 'income',
          label: '家庭人均月收入低于当地低保标准',
          outcome: 'true',
          fact: 'perCapitaIncome',
          actual: 520,
          op: 'lt',
          param: 'dibao_standard',
          required: 870,
        },
        {
          id: 'deposits',
          label: '人均金融资产不超过24个月低保标准',
          outcome: 'true',
          fact: 'perCapitaFinancialAssets',
          actual: 1000,
          op: 'lte',
          param: 'dibao_standard',
          times: 24,
          required: 20880,
        },
        { id: 'homes', label: '住房不超过1套', outcome: 'true', fact: 'homeCount', actual: 1, op: 'lte', required: 1 },
        { id: 'vehicles', label: '无机动车（残疾人代步车除外）', outcome: 'true', fact: 'vehicleCount', actual: 0, op: 'eq', required: 0 },
      ],
    });
  });

  it('summarises an eligible result in one sentence, with the parameter labels', () => {
    expect(run(DIBAO, family(1560)).summary).toBe(
      '符合条件：家庭人均月收入 520 元，低于当地低保标准 870 元；家庭人均金融资产 1000 元，低于当地低保标准的 24 倍 20880 元',
    );
  });

  it('summarises an ineligible result by the conditions that fail', () => {
    expect(run(DIBAO, family(2715)).summary).toBe('不符合：家庭人均月收入 905 元，高于当地低保标准 870 元');
    const car = run(
      DIBAO,
      family(2715, {
        assets: [
          { type: 'deposit', value: 3000 },
          { type: 'vehicle', value: 50000 },
        ],
      }),
    );
    expect(car.summary).toBe(
      '不符合：家庭人均月收入 905 元，高于当地低保标准 870 元；未满足“无机动车（残疾人代步车除外）”（机动车数量（不含残疾人代步车） 1 辆）',
    );
  });

  it('shows a missing fact as null and summarises what to verify', () => {
    const tekun: Rule = {
      label: '特困人员',
      all: [
        {
          label: '老年、残疾或未成年',
          any: [
            { label: '年满60周岁', fact: 'eligiblePersonAge', op: 'gte', value: 60 },
            { label: '特困认定范围内的残疾人', fact: 'eligiblePersonDisabled', op: 'eq', value: true },
          ],
        },
        { label: '无劳动能力', fact: 'allWithoutLabourCapacity', op: 'eq', value: true },
        { label: '收入低于低保标准', fact: 'perCapitaIncome', op: 'lt', value: { param: 'dibao_standard' } },
      ],
    };
    const r = run(policy(tekun), household({ members: [member({ age: 70, labourCapacity: null })], incomes: [] }));
    expect(r.outcome).toBe('unknown');
    expect(r.missingFacts).toEqual(['perCapitaIncome', 'allWithoutLabourCapacity']);
    expect(r.summary).toBe('尚缺信息：需要核实 家庭收入、家庭成员劳动能力');
    expect(r.explanation.children![1]).toMatchObject({ outcome: 'unknown', actual: null, required: true });
    // Born 70 years before the fixtures' date (2026-11-01): 68 on this asOf.
    expect(r.explanation.children![0]!.children![0]).toMatchObject({ outcome: 'true', actual: 68 });
    expect(r.explanation.children![0]!.outcome).toBe('true');
  });

  it('counts what to verify when there are many', () => {
    const r = summariseOutcome({
      outcome: 'unknown',
      missingFacts: ['perCapitaIncome', 'financialAssets', 'allWithoutLabourCapacity', 'disabledCount'],
      explanation: { label: 'x', outcome: 'unknown' },
    });
    expect(r).toBe('尚缺信息：需要核实 家庭收入、家庭财产 等 4 项');
  });

  it('says which parameter is not configured when that is all that is missing', () => {
    const r = run(DIBAO, family(1000, { regionCode: '110105001001' }), '2020-06-01');
    expect(r.outcome).toBe('unknown');
    expect(r.missingFacts).toEqual([]);
    expect(r.summary).toBe('尚缺信息：当地未配置参数「当地低保标准」');
    expect(r.explanation.children![0]).toMatchObject({ missingParam: true, param: 'dibao_standard' });
    expect(r.explanation.children![0]!.required).toBeUndefined();
  });

  it('resolves a fact operand to its value', () => {
    const rule: Rule = { label: '刚性支出后收入低于收入', fact: 'perCapitaIncomeAfterRigid', op: 'lt', value: { fact: 'perCapitaIncome', times: 0.5 } };
    const r = run(policy(rule), family(3000, { expenses: [{ type: 'medical_self_paid', amount12m: 24000 }] }));
    expect(r.explanation).toMatchObject({ actual: 333.3333333333333, required: 500, operandFact: 'perCapitaIncome', times: 0.5, outcome: 'true' });
    expect(r.summary).toBe('符合条件：扣除刚性支出后的家庭人均月收入 333.33 元，低于家庭人均月收入的 0.5 倍 500 元');
  });

  it('is ineligible outside the policy dates, and says so', () => {
    const r = run(policy(DIBAO_POLICY.rule, { effectiveFrom: '2026-01-01', effectiveTo: '2028-01-01' }), family(1000));
    expect(r.outcome).toBe('ineligible');
    expect(r.summary).toBe('不符合：该政策在 2025-06-01 不在有效期内（2026-01-01 起施行，2028-01-01 起停止执行）');
    expect(r.explanation.outcome).toBe('true');
  });
});

describe('benefit estimates', () => {
  it('computes the formula: (standard − per-capita income) × members', () => {
    expect(run(DIBAO, family(1560)).benefit).toEqual({ amount: 1050, unit: '元/月', label: '（低保标准 − 家庭人均收入）× 共同生活人数', topUps: [] });
  });

  it('adds the top-ups whose condition holds', () => {
    const h = family(1560, {
      members: [
        member({ disability: { category: 4, grade: 1 } }),
        member({ relation: 'parent', age: 75 }),
        member({ relation: 'child', age: 10, employment: 'student', education: 'primary' }),
      ],
    });
    expect(run(DIBAO, h).benefit).toEqual({
      amount: 1050 + 174 + 87,
      unit: '元/月',
      label: '（低保标准 − 家庭人均收入）× 共同生活人数',
      topUps: [
        { label: '重度残疾人按标准的20%增发', amount: 174 },
        { label: '老年人按标准的10%增发', amount: 87 },
      ],
    });
  });

  it('gives no estimate to an ineligible household', () => {
    expect(run(DIBAO, family(2715)).benefit).toBeUndefined();
  });

  it('gives an unknown result an estimate marked 预计 when it can be computed, none otherwise', () => {
    const noAssets = run(DIBAO, family(1560, { assets: [] }));
    expect(noAssets.outcome).toBe('unknown');
    expect(noAssets.benefit).toEqual({ amount: 1050, unit: '元/月', label: '预计：（低保标准 − 家庭人均收入）× 共同生活人数', topUps: [], provisional: true });
    const noIncome = run(DIBAO, family(1560, { incomes: [] }));
    expect(noIncome.outcome).toBe('unknown');
    expect(noIncome.benefit).toBeUndefined();
  });

  it('never gives a negative amount, and none on a division by zero', () => {
    const always: Rule = { label: '户籍在本地', fact: 'householdSize', op: 'gte', value: 0 };
    const negative = policy(always, { benefitFormula: { label: 'x', unit: '元', expr: { op: '-', args: [100, { fact: 'perCapitaIncome' }] } } });
    expect(run(negative, family(3000)).benefit?.amount).toBe(0);
    const divide = policy(always, { benefitFormula: { label: 'x', unit: '元', expr: { op: '/', args: [1000, { fact: 'collegeStudentCount' }] } } });
    expect(run(divide, family(3000)).benefit).toBeUndefined();
    const minMax = policy(always, {
      benefitFormula: { label: 'x', unit: '元/年', expr: { op: 'min', args: [{ op: 'max', args: [{ fact: 'medicalSelfPaid12m' }, 500] }, 2000] } },
    });
    expect(run(minMax, family(3000, { expenses: [{ type: 'medical_self_paid', amount12m: 12000 }] })).benefit?.amount).toBe(2000);
    expect(run(minMax, family(3000)).benefit?.amount).toBe(500);
  });
});

describe('near misses', () => {
  it('reports the one failing condition with its gap', () => {
    const r = run(DIBAO, family(2715));
    expect(r.nearMiss).toEqual({
      id: 'income',
      label: '家庭人均月收入低于当地低保标准',
      fact: 'perCapitaIncome',
      actual: 905,
      required: 870,
      gap: 35,
      text: '家庭人均月收入比标准高 35 元',
    });
  });

  it('reports a shortfall below a minimum, and an exact tie with a strict bound', () => {
    const elderly = policy({
      label: '老年人补贴',
      all: [
        { label: '有老人', fact: 'elderlyCount', op: 'gte', value: 1 },
        { label: '收入低', fact: 'perCapitaIncome', op: 'lt', value: 5000 },
      ],
    });
    expect(run(elderly, family(1000)).nearMiss).toBeUndefined(); // a count is categorical: no old person is not "almost"
    expect(run(DIBAO, family(2610)).nearMiss).toMatchObject({ gap: 0, text: '家庭人均月收入恰好等于标准 870 元，需低于标准' });
  });

  it('reports nothing when two conditions fail', () => {
    const r = run(
      DIBAO,
      family(2715, {
        assets: [
          { type: 'deposit', value: 3000 },
          { type: 'vehicle', value: 50000 },
        ],
      }),
    );
    expect(r.outcome).toBe('ineligible');
    expect(r.nearMiss).toBeUndefined();
  });

  it('reports nothing when either of two alternatives would do', () => {
    const rule: Rule = {
      label: 'x',
      all: [
        { label: '收入低', fact: 'perCapitaIncome', op: 'lt', value: 5000 },
        {
          label: '老人或残疾',
          any: [
            { label: '有老人', fact: 'elderlyCount', op: 'gte', value: 1 },
            { label: '有残疾人', fact: 'disabledCount', op: 'gte', value: 1 },
          ],
        },
      ],
    };
    expect(run(policy(rule), family(1000)).nearMiss).toBeUndefined();
  });

  it('ignores a false alternative when the other holds', () => {
    const rule: Rule = {
      label: 'x',
      all: [
        { label: '收入低于标准', fact: 'perCapitaIncome', op: 'lt', value: { param: 'dibao_standard' } },
        {
          label: '有学生或老人',
          any: [
            { label: '有学生', fact: 'studentCount', op: 'gte', value: 1 },
            { label: '有老人', fact: 'elderlyCount', op: 'gte', value: 1 },
          ],
        },
      ],
    };
    expect(run(policy(rule), family(2715)).nearMiss).toMatchObject({ fact: 'perCapitaIncome', gap: 35 });
  });

  it('reports a condition that holds under a not', () => {
    const rule: Rule = {
      label: 'x',
      all: [
        { label: '收入低于标准', fact: 'perCapitaIncome', op: 'lt', value: { param: 'dibao_standard' } },
        { label: '未享受低保', not: { label: '正在享受低保', fact: 'onDibao', op: 'eq', value: true } },
      ],
    };
    const r = run(policy(rule), family(1000, { benefits: [{ policyCode: 'dibao', since: '2024-01-01' }] }));
    expect(r.summary).toBe('不符合：是否正在享受低保：是');
    expect(r.nearMiss).toBeUndefined(); // categorical: never a near miss
    const numeric: Rule = { label: 'x', not: { label: '收入高于两倍标准', fact: 'perCapitaIncome', op: 'gt', value: { param: 'dibao_standard', times: 2 } } };
    expect(run(policy(numeric), family(5400)).nearMiss).toMatchObject({ gap: 60, text: '家庭人均月收入比标准高 60 元' });
  });

  it('reports nothing for eligible or unknown results', () => {
    expect(run(DIBAO, family(1000)).nearMiss).toBeUndefined();
    expect(run(DIBAO, family(2715, { assets: [] })).nearMiss).toBeUndefined();
  });
});

describe('evaluateHousehold', () => {
  it('matches a household against several policies at once, with a resolver or a table', () => {
    const other = compilePolicy(policy({ label: '有学生', fact: 'studentCount', op: 'gte', value: 1 }, { code: 'edu' }));
    const h = family(1560);
    const viaTable = evaluateHousehold([DIBAO, other], h, { asOf: AS_OF, parameters: PARAMETERS });
    const viaResolver = evaluateHousehold([DIBAO, other], h, { asOf: AS_OF, parameters: createParameterResolver(PARAMETERS) });
    expect(viaTable).toEqual(viaResolver);
    expect(viaTable.map((r) => [r.policyCode, r.outcome])).toEqual([
      ['dibao', 'eligible'],
      ['edu', 'eligible'],
    ]);
  });

  it('uses the region and date of the household for parameters', () => {
    expect(run(DIBAO, family(2640, { regionCode: '510115001001' })).outcome).toBe('eligible');
    expect(run(DIBAO, family(2640)).outcome).toBe('ineligible');
    expect(run(DIBAO, family(2500), '2022-01-01').outcome).toBe('ineligible');
    expect(run(DIBAO, family(2500), '2022-07-01').outcome).toBe('eligible');
  });

  it('names parameters by the labels of the table they were resolved from, unasked', () => {
    const params = createParameterResolver(PARAMETERS)(CHENGDU_OTHER_COMMUNITY, AS_OF);
    const f = deriveFacts(family(2715), { asOf: AS_OF, params });
    expect(DIBAO.explain(f, params).summary).toBe('不符合：家庭人均月收入 905 元，高于当地低保标准 870 元');
    expect(DIBAO.explain(f, { ...params }).summary).toBe('不符合：家庭人均月收入 905 元，高于标准 870 元');
  });

  it('explains from the same facts as deriveFacts', () => {
    const params = createParameterResolver(PARAMETERS)(CHENGDU_OTHER_COMMUNITY, AS_OF);
    const f = deriveFacts(family(1560), { asOf: AS_OF, params });
    expect(DIBAO.explain(f, params, AS_OF, LABELS)).toEqual(run(DIBAO, family(1560)));
  });
});

describe('checkReferences', () => {
  const withRefs: PolicyDefinition = {
    ...DIBAO_POLICY,
    effectiveFrom: '2022-07-01',
    references: [
      { label: '低收入三口之家', household: family(1560), expected: 'eligible', asOf: AS_OF },
      { label: '收入略高', household: family(2715), expected: 'ineligible', asOf: AS_OF },
      {
        label: '未申报财产',
        household: family(1560, { assets: [] }),
        expected: 'unknown',
        expectedMissing: ['homeCount', 'vehicleCount', 'perCapitaFinancialAssets'],
        asOf: AS_OF,
      },
      { label: '期望写错', household: family(1560), expected: 'ineligible', asOf: AS_OF },
      { label: '缺失项写错', household: family(1560, { assets: [] }), expected: 'unknown', expectedMissing: ['homeCount'], asOf: AS_OF },
      { label: '默认按生效日评估', household: family(2500), expected: 'eligible' },
    ],
  };

  it('runs every reference household and says which pass', () => {
    const checks = checkReferences(withRefs, PARAMETERS);
    expect(checks.map((c) => [c.label, c.actual, c.ok])).toEqual([
      ['低收入三口之家', 'eligible', true],
      ['收入略高', 'ineligible', true],
      ['未申报财产', 'unknown', true],
      ['期望写错', 'eligible', false],
      ['缺失项写错', 'unknown', false],
      ['默认按生效日评估', 'eligible', true],
    ]);
    expect(checks[2]!.missing).toEqual(['perCapitaFinancialAssets', 'homeCount', 'vehicleCount']);
    expect(checks[5]!.asOf).toBe('2022-07-01');
    expect(checks[3]!.summary).toMatch(/^符合条件/);
  });

  it('refuses a policy naming a parameter that is not in the table', () => {
    expect(() =>
      checkReferences(
        withRefs,
        PARAMETERS.filter((p) => p.name !== 'dibao_standard'),
      ),
    ).toThrow('未定义的参数');
  });
});
