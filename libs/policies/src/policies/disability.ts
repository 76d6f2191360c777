/** 残疾人 (残联): the two subsidies, rehabilitation, assistive devices, accessibility, day care. */
import type { PolicyDefinition } from '@zczr/eligibility';
import { adult, child, fails, household, qualifies, single, spouse, undecided, unable } from '../reference-builders.js';
import { all, any, DOC_DISABILITY, DOC_ID, fact, hardshipFamily, inAssistance, mul, notOnTekun, onDibao, onMargin, onTekun, param, when } from './dsl.js';

const TWO_SUBSIDIES = '《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》';
const BASIS = ['《中华人民共和国残疾人保障法》', TWO_SUBSIDIES];

const disabled = () => when('disabled', '家中有持证残疾人', 'disabledCount', 'gte', 1);
const severe = () => when('severe', '家中有一、二级重度残疾人', 'severeDisabilityCount', 'gte', 1);

export const disabilityLivingSubsidy: PolicyDefinition = {
  code: 'disability_living_subsidy',
  name: '困难残疾人生活补贴',
  group: 'disability',
  department: '残联',
  legalBasis: BASIS,
  benefit: '低保、低保边缘家庭中的持证残疾人，按月发放生活补贴，补助因残疾产生的额外生活支出（特困供养人员不重复享受）。',
  requiredDocuments: [DOC_ID, DOC_DISABILITY, '申请审批表（村（社区）代办）'],
  rule: all('低保、低保边缘家庭中的残疾人', disabled(), any('低保或低保边缘家庭', onDibao(), onMargin()), notOnTekun()),
  benefitFormula: {
    label: '困难残疾人生活补贴标准 × 残疾人数',
    expr: mul(param('disability_living_subsidy'), fact('disabledCount')),
    unit: '元/月',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保家庭中的三级肢体残疾人', household({ members: [adult(45, { disability: [4, 3] }), spouse(43)], perCapitaIncome: 600, benefits: ['dibao'] })),
    fails('残疾人家庭不是低保、低保边缘家庭', household({ members: [adult(45, { disability: [4, 3] }), spouse(43)], perCapitaIncome: 2500 })),
    fails('特困供养的残疾人（不重复享受）', single(unable(45, { disability: [5, 2] }), { benefits: ['tekun'] })),
    undecided(
      '低保家庭，残疾情况未采集',
      household({ members: [adult(45, { disability: undefined }), spouse(43)], perCapitaIncome: 600, benefits: ['dibao'] }),
      ['disabledCount'],
    ),
  ],
};

export const severeDisabilityCareSubsidy: PolicyDefinition = {
  code: 'severe_disability_care_subsidy',
  name: '重度残疾人护理补贴',
  group: 'disability',
  department: '残联',
  legalBasis: BASIS,
  benefit: '残疾等级为一、二级的重度残疾人（不论家庭收入），按月发放护理补贴，补助长期照护支出。',
  requiredDocuments: [DOC_ID, DOC_DISABILITY],
  rule: severe(),
  benefitFormula: {
    label: '重度残疾人护理补贴标准 × 重度残疾人数',
    expr: mul(param('severe_disability_care_subsidy'), fact('severeDisabilityCount')),
    unit: '元/月',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '一级精神残疾人（不论收入）',
      household({ members: [adult(50), spouse(48), unable(24, { relation: 'child', disability: [6, 1] })], perCapitaIncome: 5000 }),
    ),
    fails('三级肢体残疾人', household({ members: [adult(50, { disability: [4, 3] }), spouse(48)], perCapitaIncome: 2000 })),
    undecided('残疾情况未采集', household({ members: [adult(50, { disability: undefined }), spouse(48)], perCapitaIncome: 2000 }), ['severeDisabilityCount']),
  ],
};

export const disabilityRehab: PolicyDefinition = {
  code: 'disability_rehab',
  name: '困难残疾人基本康复服务救助',
  group: 'disability',
  department: '残联',
  legalBasis: ['《中华人民共和国残疾人保障法》', '《国务院关于建立残疾儿童康复救助制度的意见》'],
  benefit: '家庭经济困难的残疾人（含残疾儿童）在定点机构接受康复训练、康复治疗的，在年度限额内按规定救助康复费用。',
  requiredDocuments: [DOC_ID, DOC_DISABILITY, '康复需求评估表'],
  rule: all('家庭经济困难的残疾人', disabled(), hardshipFamily()),
  benefitFormula: {
    label: '康复救助年度限额 × 残疾人数',
    expr: mul(param('disability_rehab_grant'), fact('disabledCount')),
    unit: '元/年',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '低保边缘家庭的二级智力残疾儿童',
      household({ members: [adult(36), spouse(34), unable(7, { relation: 'child', disability: [5, 2] })], perCapitaIncome: 1100, benefits: ['margin'] }),
    ),
    fails('收入较高的残疾人家庭', household({ members: [adult(36, { disability: [4, 2] }), spouse(34)], perCapitaIncome: 3000 })),
    undecided('残疾人家庭收入未申报', household({ members: [adult(36, { disability: [4, 2] }), spouse(34)], unknownIncome: true }), ['perCapitaIncome']),
  ],
};

export const disabilityAssistiveDevices: PolicyDefinition = {
  code: 'disability_assistive_devices',
  name: '残疾人辅助器具适配补贴',
  group: 'disability',
  department: '残联',
  legalBasis: ['《中华人民共和国残疾人保障法》'],
  benefit: '困难残疾人和重度残疾人免费适配轮椅、助听器、助行器、盲杖等基本型辅助器具，或按标准给予补贴。',
  requiredDocuments: [DOC_ID, DOC_DISABILITY, '辅具适配评估'],
  rule: all('需要辅助器具的困难或重度残疾人', disabled(), any('困难残疾人或重度残疾人', onTekun(), onDibao(), onMargin(), severe())),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '低保家庭三级听力残疾人（助听器）',
      household({ members: [adult(60, { disability: [2, 3] }), spouse(58)], perCapitaIncome: 700, benefits: ['dibao'] }),
    ),
    qualifies('二级肢体残疾人（轮椅）', household({ members: [unable(40, { disability: [4, 2] }), spouse(38)], perCapitaIncome: 2500 })),
    fails('四级肢体残疾，非救助家庭', household({ members: [adult(40, { disability: [4, 4] }), spouse(38)], perCapitaIncome: 2500 })),
    undecided(
      '低保家庭，残疾情况未采集',
      household({ members: [adult(60, { disability: undefined }), spouse(58)], perCapitaIncome: 700, benefits: ['dibao'] }),
      ['disabledCount'],
    ),
  ],
};

export const disabilityHomeAccessibility: PolicyDefinition = {
  code: 'disability_home_accessibility',
  name: '困难重度残疾人家庭无障碍改造',
  group: 'disability',
  department: '残联',
  legalBasis: ['《中华人民共和国残疾人保障法》', '《中华人民共和国无障碍环境建设法》'],
  benefit: '特困、低保、低保边缘家庭中的重度残疾人，对住房进行坡道、扶手、卫生间等无障碍改造，按户给予补助。',
  requiredDocuments: [DOC_ID, DOC_DISABILITY, '住房产权或长期使用证明', '改造需求评估'],
  rule: all('困难家庭中的重度残疾人，有可改造的住房', severe(), when('own_home', '有自有住房', 'homeCount', 'gte', 1), inAssistance()),
  benefitFormula: {
    label: '无障碍改造户均补助',
    expr: param('home_accessibility_grant'),
    unit: '元',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保家庭一级肢体残疾人', household({ members: [unable(55, { disability: [4, 1] }), spouse(53)], perCapitaIncome: 600, benefits: ['dibao'] })),
    fails(
      '租房居住（无自有住房）',
      household({ members: [unable(55, { disability: [4, 1] }), spouse(53)], perCapitaIncome: 600, homes: [], benefits: ['dibao'] }),
    ),
    fails('重度残疾人家庭不是救助对象', household({ members: [unable(55, { disability: [4, 1] }), spouse(53)], perCapitaIncome: 3000 })),
    undecided(
      '住房情况未申报',
      household({ members: [unable(55, { disability: [4, 1] }), spouse(53)], perCapitaIncome: 600, unknownAssets: true, benefits: ['dibao'] }),
      ['homeCount'],
    ),
  ],
};

export const disabilityDayCare: PolicyDefinition = {
  code: 'disability_day_care',
  name: '智力、精神和重度残疾人托养服务补贴',
  group: 'disability',
  department: '残联',
  legalBasis: ['《中华人民共和国残疾人保障法》'],
  benefit: '困难家庭中的智力、精神和重度残疾人，可到“阳光家园”等托养机构接受日间照料或寄宿托养，按规定给予托养服务补贴，减轻家庭照护负担。',
  requiredDocuments: [DOC_ID, DOC_DISABILITY, '托养服务申请表'],
  rule: all(
    '困难家庭中的智力、精神或重度残疾人',
    any('智力、精神或重度残疾', when('intellectual_mental', '家中有一至三级智力、精神残疾人', 'intellectualMentalGrade1to3Count', 'gte', 1), severe()),
    inAssistance(),
  ),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '低保家庭三级智力残疾的儿子',
      household({
        members: [adult(58), spouse(56), adult(30, { relation: 'child', employment: 'unable', labourCapacity: 'partial', disability: [5, 3] })],
        perCapitaIncome: 700,
        benefits: ['dibao'],
      }),
    ),
    fails('低保家庭三级肢体残疾', household({ members: [adult(58, { disability: [4, 3] }), spouse(56)], perCapitaIncome: 700, benefits: ['dibao'] })),
    undecided(
      '低保家庭，残疾情况未采集',
      household({ members: [adult(58), spouse(56), child(30, { disability: undefined })], perCapitaIncome: 700, benefits: ['dibao'] }),
      ['severeDisabilityCount', 'intellectualMentalGrade1to3Count'],
    ),
  ],
};

export const DISABILITY_POLICIES: PolicyDefinition[] = [
  disabilityLivingSubsidy,
  severeDisabilityCareSubsidy,
  disabilityRehab,
  disabilityAssistiveDevices,
  disabilityHomeAccessibility,
  disabilityDayCare,
];
