/** Other help linked to assistance status: legal aid, utility reductions, funerals, holiday relief, pension premiums. */
import type { PolicyDefinition } from '@zczr/eligibility';
import { adult, fails, household, qualifies, single, spouse, undecided, unable } from '../reference-builders.js';
import { all, any, DOC_ID, fact, hardshipFamily, mul, onDibao, onMargin, onTekun, p, param, when } from './dsl.js';

const ASSISTANCE = '《社会救助暂行办法》';

const lowIncome = () => when('low_income', '家庭人均月收入不超过当地低保标准的2倍', 'perCapitaIncome', 'lte', p('low_income_line'));
const severe = () => when('severe', '家中有一、二级重度残疾人', 'severeDisabilityCount', 'gte', 1);

export const legalAid: PolicyDefinition = {
  code: 'legal_aid',
  name: '困难群众法律援助',
  group: 'other',
  department: '民政',
  legalBasis: ['《中华人民共和国法律援助法》', ASSISTANCE],
  benefit:
    '特困、低保、低保边缘等困难群众申请法律援助免予核查经济困难状况，由法律援助中心指派律师提供法律咨询、代理和刑事辩护；民政部门出具救助对象证明并转介。',
  requiredDocuments: [DOC_ID, '法律援助申请表', '与案件有关的材料'],
  rule: hardshipFamily(),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保家庭', household({ members: [adult(45), spouse(43)], perCapitaIncome: 600, benefits: ['dibao'] })),
    qualifies('人均月收入1500元的家庭', household({ members: [adult(45), spouse(43)], perCapitaIncome: 1500 })),
    fails('人均月收入3000元', household({ members: [adult(45), spouse(43)], perCapitaIncome: 3000 })),
    undecided('家庭收入未申报', household({ members: [adult(45), spouse(43)], unknownIncome: true }), ['perCapitaIncome']),
  ],
};

export const utilityReduction: PolicyDefinition = {
  code: 'utility_reduction',
  name: '困难家庭水电气费减免',
  group: 'other',
  department: '民政',
  legalBasis: [ASSISTANCE],
  benefit: '特困、低保家庭和低保边缘家庭中的重度残疾人家庭，按月减免一定数量的水、电、天然气费用（由供水、供电、供气企业直接减免）。',
  requiredDocuments: [DOC_ID, '水、电、气户号'],
  rule: any('特困、低保家庭或低保边缘重残家庭', onTekun(), onDibao(), all('低保边缘家庭中的重度残疾人家庭', onMargin(), severe())),
  benefitFormula: { label: '每户每月减免额', expr: param('utility_reduction'), unit: '元/月' },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('特困供养老人', single(adult(74), { benefits: ['tekun'] })),
    qualifies(
      '低保边缘家庭中有二级视力残疾人',
      household({ members: [unable(50, { disability: [1, 2] }), spouse(48)], perCapitaIncome: 1100, benefits: ['margin'] }),
    ),
    fails('低保边缘家庭，无重度残疾人', household({ members: [adult(50), spouse(48)], perCapitaIncome: 1100, benefits: ['margin'] })),
    undecided(
      '低保边缘家庭，残疾情况未采集',
      household({ members: [adult(50, { disability: undefined }), spouse(48)], perCapitaIncome: 1100, benefits: ['margin'] }),
      ['severeDisabilityCount'],
    ),
  ],
};

export const funeralAssistance: PolicyDefinition = {
  code: 'funeral_assistance',
  name: '惠民殡葬基本服务费用减免',
  group: 'other',
  department: '民政',
  legalBasis: ['《殡葬管理条例》', ASSISTANCE],
  benefit: '困难家庭成员去世的，免除遗体接运、暂存、火化、骨灰寄存等基本殡葬服务费用。',
  requiredDocuments: ['死亡证明', '经办人身份证'],
  rule: all('困难家庭有成员去世', when('death', '近12个月家中主要劳动力去世', 'hardshipTypes', 'includes', 'earner_death'), hardshipFamily()),
  benefitFormula: { label: '基本殡葬服务费用减免额', expr: param('funeral_fee_waiver'), unit: '元' },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '低保家庭户主去世',
      household({ members: [spouse(56, { relation: 'head' })], perCapitaIncome: 600, hardships: [['earner_death', 1]], benefits: ['dibao'] }),
    ),
    fails('低保家庭无人去世', household({ members: [adult(56), spouse(54)], perCapitaIncome: 600, benefits: ['dibao'] })),
    undecided(
      '主要劳动力去世，家庭收入未申报',
      household({ members: [spouse(56, { relation: 'head' })], unknownIncome: true, hardships: [['earner_death', 1]] }),
      ['perCapitaIncome'],
    ),
  ],
};

export const holidayRelief: PolicyDefinition = {
  code: 'holiday_relief',
  name: '困难群众春节慰问',
  group: 'other',
  department: '民政',
  legalBasis: [ASSISTANCE],
  benefit: '春节前对特困、低保、低保边缘家庭和低收入重度残疾人家庭发放一次性慰问金。',
  requiredDocuments: ['无需申请：按名册发放'],
  rule: any('困难家庭或低收入重残家庭', onTekun(), onDibao(), onMargin(), all('低收入家庭中的重度残疾人家庭', severe(), lowIncome())),
  benefitFormula: { label: '每户慰问金', expr: param('holiday_relief'), unit: '元/次' },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保家庭', household({ members: [adult(60), spouse(58)], perCapitaIncome: 600, benefits: ['dibao'] })),
    qualifies('人均月收入1500元的重度残疾人家庭', household({ members: [unable(45, { disability: [6, 2] }), spouse(43)], perCapitaIncome: 1500 })),
    fails('人均月收入3000元的重度残疾人家庭', household({ members: [unable(45, { disability: [6, 2] }), spouse(43)], perCapitaIncome: 3000 })),
    undecided('人均月收入1500元，残疾情况未采集', household({ members: [adult(45, { disability: undefined }), spouse(43)], perCapitaIncome: 1500 }), [
      'severeDisabilityCount',
    ]),
  ],
};

export const residentPensionSubsidy: PolicyDefinition = {
  code: 'resident_pension_subsidy',
  name: '困难群体城乡居民养老保险费代缴',
  group: 'other',
  department: '人社',
  legalBasis: ['《国务院关于建立统一的城乡居民基本养老保险制度的意见》', '《中华人民共和国社会保险法》'],
  benefit: '为参加城乡居民养老保险的特困人员、低保对象和重度残疾人等缴费困难群体，由政府代缴部分或全部最低档次养老保险费。',
  requiredDocuments: [DOC_ID, '城乡居民养老保险参保登记'],
  rule: all(
    '缴费困难群体中有劳动年龄参保人员',
    any('属于缴费困难群体', onTekun(), onDibao(), severe()),
    when('working_age', '有18至59周岁的参保人员', 'workingAgeCount', 'gte', 1),
  ),
  benefitFormula: {
    label: '代缴标准 × 劳动年龄人数',
    expr: mul(param('resident_pension_subsidy'), fact('workingAgeCount')),
    unit: '元/年',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保家庭夫妻45岁、44岁', household({ members: [adult(45), spouse(44)], perCapitaIncome: 600, benefits: ['dibao'] })),
    fails('低保独居老人（已到领取年龄）', single(adult(70), { benefits: ['dibao'] })),
    fails('非救助家庭、无重度残疾人', household({ members: [adult(45), spouse(44)], perCapitaIncome: 2500 })),
    undecided('非救助家庭，残疾情况未采集', household({ members: [adult(45, { disability: undefined }), spouse(44)], perCapitaIncome: 2500 }), [
      'severeDisabilityCount',
    ]),
  ],
};

export const OTHER_POLICIES: PolicyDefinition[] = [legalAid, utilityReduction, funeralAssistance, holidayRelief, residentPensionSubsidy];
