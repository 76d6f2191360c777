/** 老年人 (民政): longevity allowances by age band, care subsidies, home care, visits and meals. */
import type { PolicyDefinition } from '@zczr/eligibility';
import { adult, child, fails, household, qualifies, single, spouse, unable, undecided } from '../reference-builders.js';
import { add, all, any, DOC_ID, fact, mul, onDibao, onMargin, onTekun, p, param, when } from './dsl.js';

const ELDERLY_LAW = '《中华人民共和国老年人权益保障法》';
const SUBSIDIES = '《关于建立健全经济困难的高龄、失能等老年人补贴制度的通知》';
const VISITS = '《关于开展特殊困难老年人探访关爱服务的指导意见》';

const UNKNOWN_BIRTH = { birthDate: '' };

function longevity(
  code: string,
  name: string,
  band: string,
  from: string,
  below: string | undefined,
  amount: string,
  ages: [number, number, number],
): PolicyDefinition {
  const [inBand, younger, older] = ages;
  const rule =
    below === undefined
      ? when('age_from', '家中有年满100周岁的老年人', 'oldestAge', 'gte', p(from))
      : all(
          '家中有该年龄段的高龄老人',
          when('age_from', '家中最年长者达到本档起始年龄', 'oldestAge', 'gte', p(from)),
          when('age_below', '且未达到下一档年龄', 'oldestAge', 'lt', p(below)),
        );
  return {
    code,
    name,
    group: 'elderly',
    department: '民政',
    legalBasis: [ELDERLY_LAW, SUBSIDIES],
    benefit: `${band}的本地户籍老年人，不论家庭收入，每人按月发放高龄津贴；满足年龄后自动纳入，无需重复申请。`,
    requiredDocuments: [DOC_ID, '本人社会保障卡或银行账户信息'],
    rule,
    benefitFormula: { label: '本档高龄津贴标准（每人）', expr: param(amount), unit: '元/月' },
    effectiveFrom: '2024-01-01',
    references: [
      qualifies(`${inBand}岁老人`, single(adult(inBand))),
      fails(`${younger}岁老人（未到本档）`, single(adult(younger))),
      ...(older > 0 ? [fails(`${older}岁老人（属上一档）`, single(adult(older)))] : []),
      undecided('出生日期未采集', single(adult(inBand, UNKNOWN_BIRTH)), ['oldestAge']),
    ],
  };
}

export const longevityAllowance80 = longevity(
  'longevity_allowance_80',
  '高龄津贴（80至89周岁）',
  '80至89周岁',
  'longevity_age_80',
  'longevity_age_90',
  'longevity_allowance_80',
  [85, 79, 92],
);
export const longevityAllowance90 = longevity(
  'longevity_allowance_90',
  '高龄津贴（90至99周岁）',
  '90至99周岁',
  'longevity_age_90',
  'longevity_age_100',
  'longevity_allowance_90',
  [93, 88, 101],
);
export const longevityAllowance100 = longevity(
  'longevity_allowance_100',
  '百岁老人长寿补贴',
  '100周岁及以上',
  'longevity_age_100',
  undefined,
  'longevity_allowance_100',
  [101, 99, 0],
);

export const elderlyCareSubsidy: PolicyDefinition = {
  code: 'elderly_care_subsidy',
  name: '经济困难失能老年人护理补贴',
  group: 'elderly',
  department: '民政',
  legalBasis: [ELDERLY_LAW, SUBSIDIES],
  benefit: '低保、低保边缘家庭中经评估失能、半失能的老年人，按月发放护理补贴，可用于购买居家或机构照护服务。',
  requiredDocuments: [DOC_ID, '老年人能力评估报告'],
  rule: all(
    '经济困难的失能老年人',
    when('elderly_care_loss', '有60周岁以上生活不能自理（失能、半失能）的老年人（本人）', 'elderlySelfCareLossCount', 'gte', 1),
    any('低保或低保边缘家庭', onDibao(), onMargin()),
  ),
  benefitFormula: {
    label: '护理补贴标准 × 失能、半失能人数',
    expr: mul(param('elderly_care_subsidy'), add(fact('totalSelfCareLossCount'), fact('partialSelfCareLossCount'))),
    unit: '元/月',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保家庭78岁失能老人', household({ members: [adult(78, { selfCare: 4 }), spouse(75)], perCapitaIncome: 700, benefits: ['dibao'] })),
    fails('低保家庭老人生活能够自理', household({ members: [adult(78), spouse(75)], perCapitaIncome: 700, benefits: ['dibao'] })),
    fails('失能老人家庭不是低保、低保边缘家庭', household({ members: [adult(78, { selfCare: 4 }), spouse(75)], perCapitaIncome: 2500 })),
    undecided('低保家庭，老人自理能力未评估', household({ members: [adult(78, { selfCare: null }), spouse(75)], perCapitaIncome: 700, benefits: ['dibao'] }), [
      'elderlySelfCareLossCount',
    ]),
    fails(
      '低保家庭：老人能自理，失能的是40岁的儿子（补贴对象是失能老人本人）',
      household({ members: [adult(66), spouse(64), unable(40, { relation: 'child', selfCare: 4 })], perCapitaIncome: 700, benefits: ['dibao'] }),
    ),
  ],
};

export const homeCareServiceSubsidy: PolicyDefinition = {
  code: 'home_care_service_subsidy',
  name: '居家养老服务补贴',
  group: 'elderly',
  department: '民政',
  legalBasis: [ELDERLY_LAW, SUBSIDIES],
  benefit: '低保、低保边缘家庭的老年人和80周岁以上独居老人，按月发放居家养老服务券，用于助餐、助洁、助浴、助医等上门服务。',
  requiredDocuments: [DOC_ID, '居家养老服务需求评估'],
  rule: all(
    '经济困难或高龄独居的老年人',
    when('elderly', '家中有60周岁以上老年人', 'elderlyCount', 'gte', 1),
    any(
      '经济困难或高龄独居',
      onDibao(),
      onMargin(),
      all('80周岁以上独居老人', when('alone', '独自居住', 'livingAlone', 'eq', true), when('age80', '年满80周岁', 'oldestAge', 'gte', p('longevity_age_80'))),
    ),
  ),
  benefitFormula: {
    label: '居家养老服务补贴标准 × 老年人数',
    expr: mul(param('home_care_service_subsidy'), fact('elderlyCount')),
    unit: '元/月',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保边缘家庭的老两口', household({ members: [adult(70), spouse(68)], perCapitaIncome: 1100, benefits: ['margin'] })),
    qualifies('82岁独居老人', single(adult(82), { income: 2500, incomeType: 'pension' })),
    fails('70岁老人与子女同住，收入正常', household({ members: [adult(70), child(42)], perCapitaIncome: 2500 })),
    undecided('独居老人出生日期未采集', single(adult(82, UNKNOWN_BIRTH), { income: 2500, incomeType: 'pension' }), ['elderlyCount', 'oldestAge']),
  ],
};

export const elderlyVisitCare: PolicyDefinition = {
  code: 'elderly_visit_care',
  name: '特殊困难老年人探访关爱',
  group: 'elderly',
  department: '民政',
  legalBasis: [ELDERLY_LAW, VISITS],
  benefit: '经济困难或80周岁以上的独居、空巢、失能、重残老年人纳入探访关爱名册，由村（社区）、社工和志愿者定期上门或电话探访，发现问题及时转介。',
  requiredDocuments: ['无需申请：由村（社区）摸排建档'],
  rule: all(
    '有特殊困难的老年人',
    when('elderly', '家中有60周岁以上老年人', 'elderlyCount', 'gte', 1),
    any(
      '独居、空巢、失能或重残',
      when('alone', '独自居住', 'livingAlone', 'eq', true),
      when('empty_nest', '家庭成员均为老年人（空巢）', 'elderlyCount', 'eq', { fact: 'householdSize' }),
      when('total_loss', '有生活完全不能自理的成员', 'totalSelfCareLossCount', 'gte', 1),
      when('severe', '有一、二级重度残疾人', 'severeDisabilityCount', 'gte', 1),
    ),
    any('经济困难或高龄', onTekun(), onDibao(), onMargin(), when('age80', '家中有80周岁以上高龄老人', 'oldestAge', 'gte', p('longevity_age_80'))),
  ),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('82岁独居老人', single(adult(82), { income: 2500, incomeType: 'pension' })),
    qualifies('低保家庭的空巢老两口', household({ members: [adult(72), spouse(70)], perCapitaIncome: 700, benefits: ['dibao'] })),
    fails('68岁老人与在职儿子同住', household({ members: [adult(68), child(40)], perCapitaIncome: 2500, benefits: ['dibao'] })),
    fails('70岁独居老人，有养老金、非高龄', single(adult(70), { income: 3000, incomeType: 'pension' })),
    undecided(
      '低保家庭，与儿子同住的老人自理能力未评估',
      household({ members: [adult(68, { selfCare: null }), child(40)], perCapitaIncome: 700, benefits: ['dibao'] }),
      ['totalSelfCareLossCount'],
    ),
  ],
};

export const elderlyMealAssistance: PolicyDefinition = {
  code: 'elderly_meal_assistance',
  name: '老年助餐服务补贴',
  group: 'elderly',
  department: '民政',
  legalBasis: [ELDERLY_LAW],
  benefit: '特困、低保、低保边缘家庭老年人和80周岁以上高龄老人，在社区长者食堂就餐按餐次给予补贴，行动不便的可送餐上门。',
  requiredDocuments: [DOC_ID],
  rule: all(
    '经济困难或高龄的老年人',
    when('elderly', '家中有60周岁以上老年人', 'elderlyCount', 'gte', 1),
    any('经济困难或高龄', onTekun(), onDibao(), onMargin(), when('age80', '家中有80周岁以上高龄老人', 'oldestAge', 'gte', p('longevity_age_80'))),
  ),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保家庭65岁老人', household({ members: [adult(65), spouse(63)], perCapitaIncome: 700, benefits: ['dibao'] })),
    fails('70岁老人与子女同住，收入正常', household({ members: [adult(70), child(42)], perCapitaIncome: 2500 })),
    undecided('老人出生日期未采集', household({ members: [adult(70, UNKNOWN_BIRTH), child(42)], perCapitaIncome: 2500 }), ['elderlyCount', 'oldestAge']),
  ],
};

export const ELDERLY_POLICIES: PolicyDefinition[] = [
  longevityAllowance80,
  longevityAllowance90,
  longevityAllowance100,
  elderlyCareSubsidy,
  homeCareServiceSubsidy,
  elderlyVisitCare,
  elderlyMealAssistance,
];
