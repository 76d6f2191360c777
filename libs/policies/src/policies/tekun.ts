/** 特困人员救助供养: basic support (分散供养 and 集中供养) and the three care levels. */
import type { PolicyDefinition, Rule } from '@zczr/eligibility';
import { adult, fails, grandchild, household, qualifies, single, supporter, undecided, unable } from '../reference-builders.js';
import { all, any, DOC_APPLICATION, DOC_BANK, DOC_CONSENT, DOC_DISABILITY, DOC_ID, DOC_INCOME, fact, mul, onTekun, p, param, round, when } from './dsl.js';

const BASIS = ['《社会救助暂行办法》', '《特困人员认定办法》', '《国务院关于进一步健全特困人员救助供养制度的意见》'];
const CARE_BASIS = [...BASIS, '《关于改革完善社会救助制度的意见》'];
const DOCS = [DOC_APPLICATION, DOC_ID, DOC_CONSENT, DOC_INCOME, `${DOC_DISABILITY}（残疾人）`, '法定赡养、抚养、扶养义务人情况说明', DOC_BANK];
const CARE_DOCS = ['生活自理能力评估表（吃饭、穿衣、上下床、如厕、室内行走、洗澡6项）'];

/** The three conditions of 《特困人员认定办法》 that the household data can show. */
function tekunConditions(): Rule[] {
  return [
    any(
      '申请对象为老年人、重度残疾人或未成年人',
      when('elderly', '申请对象年满60周岁', 'eligiblePersonAge', 'gte', 60),
      when('disabled', '申请对象为特困认定范围内的残疾人（一至三级智力、精神，一、二级肢体，一级视力残疾等）', 'eligiblePersonDisabled', 'eq', true),
      when('minor', '申请对象未满18周岁', 'eligiblePersonAge', 'lt', 18),
    ),
    when('no_labour', '申请对象本人无劳动能力（第七条：60周岁以上、未满16周岁、重度残疾或经评估无劳动能力）', 'eligiblePersonUnableToWork', 'eq', true),
    when('no_income', '无生活来源：申请对象本人月收入低于当地低保标准（第八条）', 'eligiblePersonIncome', 'lt', p('dibao_standard')),
    when('assets', '财产符合当地特困人员财产状况规定', 'perCapitaFinancialAssets', 'lte', p('dibao_deposit_limit')),
    any(
      '无法定赡养、抚养、扶养义务人，或其法定义务人无履行义务能力（第九条）',
      when('no_supporter', '无法定赡养、抚养、扶养义务人', 'supporterCount', 'eq', 0),
      when(
        'supporter_unable',
        '法定义务人无履行义务能力（特困、60周岁以上低保对象、70周岁以上或重度残疾且收入低、服刑等，或本人月收入低于履行能力收入线）',
        'supporterMaxIncome',
        'lt',
        p('supporter_ability_income_line'),
      ),
    ),
  ];
}

const SUPPORT_FORMULA = {
  label: '基本生活标准：当地低保标准 × 1.3 × 供养人数',
  expr: round(mul(param('dibao_standard'), param('tekun_support_multiplier'), fact('householdSize'))),
  unit: '元/月' as const,
};

export const tekun: PolicyDefinition = {
  code: 'tekun',
  name: '特困人员救助供养（分散供养）',
  group: 'tekun',
  department: '民政',
  legalBasis: BASIS,
  benefit:
    '按不低于当地低保标准1.3倍的基本生活标准按月发放供养金，另按生活自理能力发放照料护理补贴；疾病治疗、住房、教育等给予保障；由村（社区）或亲友照料，在家分散供养。',
  requiredDocuments: DOCS,
  rule: all('符合特困人员认定条件', ...tekunConditions()),
  benefitFormula: SUPPORT_FORMULA,
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('72岁独居老人，无收入、无劳动能力', single(adult(72), { deposits: 5000 })),
    qualifies('35岁二级智力残疾人，独居无收入', single(unable(35, { disability: [5, 2] }))),
    qualifies('15岁孤儿独自生活（由亲属照看）', single(adult(15))),
    fails('45岁有劳动能力的失业者', single(adult(45, { employment: 'unemployed' }))),
    fails('70岁老人有养老金1500元', single(adult(70), { income: 1500, incomeType: 'pension' })),
    fails('三级肢体残疾不属于特困认定范围', single(unable(40, { disability: [4, 3] }))),
    undecided('老人收入未申报', single(adult(68), { unknownIncome: true }), ['eligiblePersonIncome']),
    undecided('17岁未成年人劳动能力未评估', single(adult(17, { labourCapacity: null })), ['eligiblePersonUnableToWork']),
    // 《特困人员认定办法》第九条: a supporter able to support rules 特困 out (issue 12).
    fails('72岁老人无收入，但在外地工作的儿子月收入9200元，有赡养能力', single(adult(72), { supporters: [supporter('child', 45, 9200)] })),
    qualifies(
      '72岁老人无收入，唯一的儿子本人为60岁以上低保对象（无履行义务能力）',
      single(adult(72), { supporters: [supporter('child', 62, 800, { conditions: ['dibao'] })] }),
    ),
    qualifies(
      '72岁老人无收入，女儿无劳动能力、月收入500元（低于履行能力收入线）',
      single(adult(72), { supporters: [supporter('child', 48, 500, { conditions: ['no_labour_capacity'] })] }),
    ),
    undecided('72岁老人无收入，法定义务人情况未登记', single(adult(72), { unknownSupporters: true }), ['supporterCount', 'supporterMaxIncome']),
    undecided('72岁老人无收入，儿子收入未核实', single(adult(72), { supporters: [supporter('child', 45, null)] }), ['supporterMaxIncome']),
    // Person-level: the grandmother's own pension counts, not the household's per-capita income.
    fails(
      '奶奶本人养老金1104元（低保标准1.2倍），与孙子同住',
      household({ members: [adult(70, { sex: 'female' }), grandchild(10)], incomes: [{ type: 'pension', monthlyAmount: 1104, memberIndex: 0 }] }),
    ),
  ],
};

export const tekunCentralized: PolicyDefinition = {
  code: 'tekun_centralized',
  name: '特困人员救助供养（集中供养）',
  group: 'tekun',
  department: '民政',
  legalBasis: BASIS,
  benefit:
    '生活不能自理的特困人员优先安排到供养服务机构（敬老院、社会福利院）集中供养，提供日常生活照料、送医治疗和护理服务；基本生活费和照料护理费拨付至机构。',
  requiredDocuments: [...DOCS, ...CARE_DOCS],
  rule: all(
    '符合特困人员认定条件且需要集中照料',
    ...tekunConditions(),
    any(
      '生活不能自理，需要集中照料',
      when('total_loss', '生活完全不能自理', 'totalSelfCareLossCount', 'gte', 1),
      when('partial_loss', '生活部分不能自理', 'partialSelfCareLossCount', 'gte', 1),
    ),
  ),
  benefitFormula: SUPPORT_FORMULA,
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('80岁独居老人生活完全不能自理', single(adult(80, { selfCare: 5 }))),
    qualifies('62岁独居老人部分不能自理', single(adult(62, { selfCare: 2 }))),
    fails('80岁老人生活能够自理（可选择分散供养）', single(adult(80))),
    undecided('生活自理能力未评估', single(adult(80, { selfCare: null })), ['totalSelfCareLossCount', 'partialSelfCareLossCount']),
  ],
};

export const tekunCareSelfCare: PolicyDefinition = {
  code: 'tekun_care_self_care',
  name: '特困人员照料护理补贴（全自理）',
  group: 'tekun',
  department: '民政',
  legalBasis: CARE_BASIS,
  benefit: '生活能够自理的特困人员，按全自理照料护理标准按月发放照料护理补贴，用于日常探访、代购代办等服务。',
  requiredDocuments: CARE_DOCS,
  rule: all(
    '特困人员生活能够自理',
    onTekun(),
    when('no_total_loss', '无生活完全不能自理的成员', 'totalSelfCareLossCount', 'eq', 0),
    when('no_partial_loss', '无生活部分不能自理的成员', 'partialSelfCareLossCount', 'eq', 0),
  ),
  benefitFormula: {
    label: '全自理照料护理标准 × 供养人数',
    expr: mul(param('tekun_care_self_care'), fact('householdSize')),
    unit: '元/月',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('特困老人生活能够自理', single(adult(70), { benefits: ['tekun'] })),
    fails('特困老人部分不能自理（属半护理）', single(adult(70, { selfCare: 2 }), { benefits: ['tekun'] })),
    fails('非特困人员', single(adult(70))),
    undecided('特困老人自理能力未评估', single(adult(70, { selfCare: null }), { benefits: ['tekun'] }), ['totalSelfCareLossCount', 'partialSelfCareLossCount']),
  ],
};

export const tekunCarePartial: PolicyDefinition = {
  code: 'tekun_care_partial',
  name: '特困人员照料护理补贴（半护理）',
  group: 'tekun',
  department: '民政',
  legalBasis: CARE_BASIS,
  benefit: '生活部分不能自理（6项日常活动中1至3项不能完成）的特困人员，按半护理照料护理标准按月发放照料护理补贴。',
  requiredDocuments: CARE_DOCS,
  rule: all(
    '特困人员生活部分不能自理',
    onTekun(),
    when('partial_loss', '有生活部分不能自理的成员（1至3项不能完成）', 'partialSelfCareLossCount', 'gte', 1),
    when('no_total_loss', '无生活完全不能自理的成员', 'totalSelfCareLossCount', 'eq', 0),
  ),
  benefitFormula: {
    label: '半护理照料护理标准 × 部分不能自理人数',
    expr: mul(param('tekun_care_partial'), fact('partialSelfCareLossCount')),
    unit: '元/月',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('特困老人洗澡、室内行走需要帮助', single(adult(78, { selfCare: 2 }), { benefits: ['tekun'] })),
    fails('特困老人生活能够自理', single(adult(78), { benefits: ['tekun'] })),
    fails('特困老人生活完全不能自理（属全护理）', single(adult(78, { selfCare: 5 }), { benefits: ['tekun_centralized'] })),
    undecided('特困老人自理能力未评估', single(adult(78, { selfCare: null }), { benefits: ['tekun'] }), ['totalSelfCareLossCount', 'partialSelfCareLossCount']),
  ],
};

export const tekunCareTotal: PolicyDefinition = {
  code: 'tekun_care_total',
  name: '特困人员照料护理补贴（全护理）',
  group: 'tekun',
  department: '民政',
  legalBasis: CARE_BASIS,
  benefit: '生活完全不能自理（6项日常活动中4项及以上不能完成）的特困人员，按全护理照料护理标准按月发放照料护理补贴，优先集中供养。',
  requiredDocuments: CARE_DOCS,
  rule: all('特困人员生活完全不能自理', onTekun(), when('total_loss', '有生活完全不能自理的成员（4项及以上不能完成）', 'totalSelfCareLossCount', 'gte', 1)),
  benefitFormula: {
    label: '全护理照料护理标准 × 完全不能自理人数',
    expr: mul(param('tekun_care_total'), fact('totalSelfCareLossCount')),
    unit: '元/月',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('集中供养的特困老人卧床不起', single(adult(85, { selfCare: 6 }), { benefits: ['tekun_centralized'] })),
    fails('特困老人部分不能自理', single(adult(85, { selfCare: 2 }), { benefits: ['tekun'] })),
    fails('生活完全不能自理但不是特困人员', single(adult(85, { selfCare: 6 }), { benefits: ['dibao'] })),
    undecided('特困老人自理能力未评估', single(adult(85, { selfCare: null }), { benefits: ['tekun'] }), ['totalSelfCareLossCount']),
  ],
};

export const TEKUN_POLICIES: PolicyDefinition[] = [tekun, tekunCentralized, tekunCareSelfCare, tekunCarePartial, tekunCareTotal];
