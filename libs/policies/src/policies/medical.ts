/** 医疗救助 (医保): premium subsidies, outpatient, inpatient and catastrophic-illness assistance. */
import type { PolicyDefinition } from '@zczr/eligibility';
import { adult, fails, household, qualifies, single, spouse, undecided, unable } from '../reference-builders.js';
import {
  all,
  any,
  belowDisposableIncome,
  DOC_ID,
  DOC_MEDICAL,
  fact,
  inAssistance,
  inBasicAssistance,
  min,
  mul,
  onDibao,
  onMargin,
  onTekun,
  p,
  param,
  round,
  sub,
  when,
} from './dsl.js';

const BASIS = ['《社会救助暂行办法》', '《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》'];
const SETTLEMENT = '定点医疗机构“一站式”结算，无需另行提交材料';

const premium = (share: Parameters<typeof param>[0]) => mul(param('medical_premium_individual'), fact('householdSize'), param(share));

export const medicalPremiumSubsidy: PolicyDefinition = {
  code: 'medical_premium_subsidy',
  name: '困难群众参加城乡居民医保资助',
  group: 'medical',
  department: '医保',
  legalBasis: BASIS,
  benefit: '特困人员个人缴费全额资助，低保对象按比例资助，低保边缘家庭成员和因病致贫重病患者按规定比例资助，确保应保尽保。',
  requiredDocuments: [DOC_ID, '救助对象身份由民政部门推送，无需另行提交'],
  rule: any(
    '属于医疗救助资助参保对象',
    onTekun(),
    onDibao(),
    onMargin(),
    all(
      '因病致贫重病患者',
      when('serious', '家中有重病患者', 'seriousIllnessCount', 'gte', 1),
      when('high_cost', '近12个月医疗自付费用达到高额医疗费用标准', 'medicalSelfPaid12m', 'gte', p('medical_catastrophic_threshold')),
      belowDisposableIncome(),
    ),
  ),
  benefitFormula: {
    label: '个人缴费标准 × 参保人数 × 资助比例（低保边缘、因病致贫重病患者）',
    expr: round(mul(param('medical_premium_individual'), fact('householdSize'), param('medical_premium_subsidy_share_margin'))),
    unit: '元/年',
    topUps: [
      {
        label: '低保对象提高资助比例',
        when: when('on_dibao', '正在享受低保', 'onDibao', 'eq', true),
        expr: round(sub(premium('medical_premium_subsidy_share_dibao'), premium('medical_premium_subsidy_share_margin'))),
      },
      {
        label: '特困人员全额资助',
        when: when('on_tekun', '为特困供养人员', 'onTekun', 'eq', true),
        expr: round(sub(mul(param('medical_premium_individual'), fact('householdSize')), premium('medical_premium_subsidy_share_margin'))),
      },
    ],
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('特困供养老人', single(adult(70), { benefits: ['tekun'] })),
    qualifies('低保家庭', household({ members: [adult(45), spouse(43)], perCapitaIncome: 600, benefits: ['dibao'] })),
    fails('收入正常的健康家庭', household({ members: [adult(45), spouse(43)], perCapitaIncome: 3000 })),
    undecided(
      '高额医疗费用家庭，户主健康状况未采集',
      household({ members: [unable(50, { health: null }), spouse(48)], perCapitaIncome: 2000, medical: 60000 }),
      ['seriousIllnessCount'],
    ),
  ],
};

export const medicalOutpatient: PolicyDefinition = {
  code: 'medical_outpatient',
  name: '门诊慢特病医疗救助',
  group: 'medical',
  department: '医保',
  legalBasis: BASIS,
  benefit: '特困、低保、低保边缘家庭中患慢性病、需长期门诊治疗的成员，门诊慢特病政策范围内自付费用按比例救助，设年度限额。',
  requiredDocuments: [DOC_ID, '门诊慢特病认定资料', SETTLEMENT],
  rule: all(
    '救助对象中有需长期门诊治疗的患者',
    inAssistance(),
    any(
      '家中有慢性病或重病患者',
      when('chronic', '家中有慢性病患者', 'chronicIllnessCount', 'gte', 1),
      when('serious', '家中有重病患者', 'seriousIllnessCount', 'gte', 1),
    ),
  ),
  benefitFormula: {
    label: '近12个月自付医疗费用 × 门诊救助比例，不超过年度限额',
    expr: round(min(mul(fact('medicalSelfPaid12m'), param('medical_outpatient_ratio')), param('medical_outpatient_cap'))),
    unit: '元/年',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '低保户主患糖尿病',
      household({ members: [adult(55, { health: 'chronic' }), spouse(53)], perCapitaIncome: 600, medical: 4000, benefits: ['dibao'] }),
    ),
    fails('低保家庭成员均健康', household({ members: [adult(55), spouse(53)], perCapitaIncome: 600, benefits: ['dibao'] })),
    fails('患慢性病但不是救助对象', household({ members: [adult(55, { health: 'chronic' }), spouse(53)], perCapitaIncome: 3000 })),
    undecided('低保家庭，健康状况未采集', household({ members: [adult(55, { health: null }), spouse(53)], perCapitaIncome: 600, benefits: ['dibao'] }), [
      'seriousIllnessCount',
      'chronicIllnessCount',
    ]),
  ],
};

export const medicalInpatient: PolicyDefinition = {
  code: 'medical_inpatient',
  name: '住院医疗救助（特困、低保对象）',
  group: 'medical',
  department: '医保',
  legalBasis: BASIS,
  benefit: '特困人员、低保对象住院治疗，经基本医保、大病保险报销后政策范围内自付费用不设起付线，按比例救助（特困人员可全额救助），设年度救助限额。',
  requiredDocuments: [DOC_ID, SETTLEMENT],
  rule: all(
    '特困、低保对象有住院自付费用',
    inBasicAssistance(),
    when('self_paid', '近12个月有医疗自付费用', 'medicalSelfPaid12m', 'gt', 0),
    any(
      '家中有患病成员',
      when('serious', '家中有重病患者', 'seriousIllnessCount', 'gte', 1),
      when('chronic', '家中有慢性病患者', 'chronicIllnessCount', 'gte', 1),
    ),
  ),
  benefitFormula: {
    label: '近12个月自付医疗费用 × 救助比例，不超过年度限额',
    expr: round(min(mul(fact('medicalSelfPaid12m'), param('medical_inpatient_ratio_dibao')), param('medical_assistance_cap'))),
    unit: '元/年',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '低保户主脑出血住院，自付3万元',
      household({ members: [unable(58, { health: 'serious' }), spouse(56)], perCapitaIncome: 500, medical: 30000, benefits: ['dibao'] }),
    ),
    qualifies('特困老人慢性病住院', single(adult(75, { health: 'chronic' }), { medical: 8000, benefits: ['tekun'] })),
    fails('低保家庭近一年无医疗自付费用', household({ members: [adult(58, { health: 'chronic' }), spouse(56)], perCapitaIncome: 500, benefits: ['dibao'] })),
    fails(
      '低保边缘家庭（适用另一档救助）',
      household({ members: [adult(58, { health: 'serious' }), spouse(56)], perCapitaIncome: 1100, medical: 30000, benefits: ['margin'] }),
    ),
    undecided(
      '低保家庭有医疗费用，健康状况未采集',
      household({ members: [adult(58, { health: null }), spouse(56)], perCapitaIncome: 500, medical: 30000, benefits: ['dibao'] }),
      ['seriousIllnessCount', 'chronicIllnessCount'],
    ),
  ],
};

export const medicalInpatientLowIncome: PolicyDefinition = {
  code: 'medical_inpatient_low_income',
  name: '住院医疗救助（低保边缘、刚性支出困难家庭）',
  group: 'medical',
  department: '医保',
  legalBasis: BASIS,
  benefit: '低保边缘家庭成员和刚性支出困难家庭成员，政策范围内自付费用超过起付标准的部分按比例救助，设年度救助限额。',
  requiredDocuments: [DOC_ID, DOC_MEDICAL],
  rule: all(
    '低收入家庭自付医疗费用超过起付标准',
    any(
      '低保边缘家庭或刚性支出困难家庭',
      onMargin(),
      all(
        '刚性支出困难家庭',
        belowDisposableIncome(),
        when('rigid_share', '近12个月刚性支出占家庭收入的比例达到规定比例', 'rigidExpenseShare', 'gte', p('rigid_expense_share')),
      ),
    ),
    when('over_deductible', '近12个月医疗自付费用超过起付标准', 'medicalSelfPaid12m', 'gt', p('medical_inpatient_deductible_margin')),
  ),
  benefitFormula: {
    label: '（自付医疗费用 − 起付标准）× 救助比例，不超过年度限额',
    expr: round(
      min(
        mul(sub(fact('medicalSelfPaid12m'), param('medical_inpatient_deductible_margin')), param('medical_inpatient_ratio_margin')),
        param('medical_assistance_cap'),
      ),
    ),
    unit: '元/年',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '低保边缘家庭自付医疗费2万元',
      household({ members: [adult(50, { health: 'serious' }), spouse(48)], perCapitaIncome: 1100, medical: 20000, benefits: ['margin'] }),
    ),
    qualifies('刚性支出困难家庭自付医疗费5万元', household({ members: [adult(50, { health: 'serious' }), spouse(48)], perCapitaIncome: 2500, medical: 50000 })),
    fails(
      '低保边缘家庭自付医疗费3000元，未过起付线',
      household({ members: [adult(50), spouse(48)], perCapitaIncome: 1100, medical: 3000, benefits: ['margin'] }),
    ),
    fails('收入较高的家庭', single(adult(50), { income: 6000, medical: 30000 })),
    undecided('家庭收入未申报', household({ members: [adult(50), spouse(48)], unknownIncome: true, medical: 30000 }), ['perCapitaIncome', 'rigidExpenseShare']),
  ],
};

export const medicalCatastrophic: PolicyDefinition = {
  code: 'medical_catastrophic',
  name: '重特大疾病医疗救助（倾斜救助）',
  group: 'medical',
  department: '医保',
  legalBasis: BASIS,
  benefit: '经基本医保、大病保险和常规医疗救助后个人负担仍然较重的救助对象和因病致贫重病患者，对高额自付费用给予倾斜救助。',
  requiredDocuments: [DOC_ID, DOC_MEDICAL],
  rule: all(
    '高额医疗费用的困难家庭',
    when('high_cost', '近12个月医疗自付费用达到高额医疗费用标准', 'medicalSelfPaid12m', 'gte', p('medical_catastrophic_threshold')),
    any(
      '救助对象或因病致贫重病患者',
      onTekun(),
      onDibao(),
      onMargin(),
      all('因病致贫重病患者', when('serious', '家中有重病患者', 'seriousIllnessCount', 'gte', 1), belowDisposableIncome()),
    ),
  ),
  benefitFormula: {
    label: '近12个月自付医疗费用 × 倾斜救助比例，不超过年度限额',
    expr: round(min(mul(fact('medicalSelfPaid12m'), param('medical_catastrophic_ratio')), param('medical_assistance_cap'))),
    unit: '元/年',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '低保家庭白血病治疗自付8万元',
      household({
        members: [adult(40), spouse(38), unable(12, { relation: 'child', health: 'serious' })],
        perCapitaIncome: 600,
        medical: 80000,
        benefits: ['dibao'],
      }),
    ),
    qualifies('非救助对象，肺癌自付6万元致贫', household({ members: [unable(56, { health: 'serious' }), spouse(54)], perCapitaIncome: 2500, medical: 60000 })),
    fails('低保家庭自付2万元，未达高额标准', household({ members: [adult(40), spouse(38)], perCapitaIncome: 600, medical: 20000, benefits: ['dibao'] })),
    fails('高收入家庭自付6万元', household({ members: [unable(56, { health: 'serious' }), spouse(54)], perCapitaIncome: 6000, medical: 60000 })),
    undecided('自付6万元，健康状况未采集', household({ members: [unable(56, { health: null }), spouse(54)], perCapitaIncome: 2500, medical: 60000 }), [
      'seriousIllnessCount',
    ]),
  ],
};

export const MEDICAL_POLICIES: PolicyDefinition[] = [
  medicalPremiumSubsidy,
  medicalOutpatient,
  medicalInpatient,
  medicalInpatientLowIncome,
  medicalCatastrophic,
];
