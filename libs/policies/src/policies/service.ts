/**
 * 服务类救助 and charity: social work, psychological support, charity for serious illness, the 义仓,
 * children's care, job coaching and respite care ("物质+服务").
 */
import type { PolicyDefinition } from '@zczr/eligibility';
import { adult, child, fails, household, jobless, qualifies, single, spouse, undecided, unable } from '../reference-builders.js';
import { all, any, DOC_ID, DOC_MEDICAL, fact, hardshipFamily, inAssistance, min, mul, onDibao, onMargin, onTekun, p, param, round, sub, when } from './dsl.js';

const SOCIAL_WORK = '《关于加快推进社会救助领域社会工作发展的意见》';
const REFORM = '《关于改革完善社会救助制度的意见》';
const CHARITY_LAW = '《中华人民共和国慈善法》';

export const socialWorkCaseService: PolicyDefinition = {
  code: 'social_work_case_service',
  name: '社会救助社工个案服务',
  group: 'social_service',
  department: '慈善/社会组织',
  legalBasis: [REFORM, SOCIAL_WORK],
  benefit: '由镇（街）社工站为有特殊困难的救助家庭建立个案，提供需求评估、资源链接、照护支援、社会融入等专业服务（政府购买服务，免费）。',
  requiredDocuments: ['无需申请：由社工站根据平台推送建档，征得本人同意'],
  rule: all(
    '有特殊困难的救助家庭',
    inAssistance(),
    any(
      '存在重残、重病、监护缺失、突发变故或独居老人等特殊困难',
      when('severe', '家中有一、二级重度残疾人', 'severeDisabilityCount', 'gte', 1),
      when('serious', '家中有重病患者', 'seriousIllnessCount', 'gte', 1),
      when('no_parent', '有不与父母共同生活的未成年人', 'minorWithoutParentCount', 'gte', 1),
      when('recent_hardship', '近12个月遭遇突发困难', 'recentHardship', 'eq', true),
      when('total_loss', '有生活完全不能自理的成员（照护支援）', 'totalSelfCareLossCount', 'gte', 1),
      all('独居老人', when('alone', '独自居住', 'livingAlone', 'eq', true), when('elderly', '年满60周岁', 'elderlyCount', 'gte', 1)),
    ),
  ),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保家庭户主患重病', household({ members: [unable(50, { health: 'serious' }), spouse(48)], perCapitaIncome: 600, benefits: ['dibao'] })),
    qualifies('特困独居老人', single(adult(76), { benefits: ['tekun'] })),
    fails('低保家庭，成员健康、无突发困难', household({ members: [adult(45), spouse(44), child(12)], perCapitaIncome: 600, benefits: ['dibao'] })),
    undecided(
      '低保家庭户主健康状况未采集',
      household({ members: [adult(45, { health: null }), spouse(44), child(12)], perCapitaIncome: 600, benefits: ['dibao'] }),
      ['seriousIllnessCount'],
    ),
  ],
};

export const psychologicalSupport: PolicyDefinition = {
  code: 'psychological_support',
  name: '困难群众心理疏导与危机干预',
  group: 'social_service',
  department: '慈善/社会组织',
  legalBasis: [REFORM, SOCIAL_WORK],
  benefit: '遭遇亲人离世、突发重病、意外事故等重大变故的困难家庭，由专业社工和心理咨询师提供心理疏导、哀伤辅导和危机干预服务。',
  requiredDocuments: ['无需材料：本人或家属同意即可'],
  rule: all(
    '遭遇重大变故或长期病痛的困难家庭',
    hardshipFamily(),
    any(
      '遭遇重大变故或长期病痛',
      when('trauma', '近12个月遭遇主要劳动力死亡、突发重病、意外事故、火灾或自然灾害', 'hardshipTypes', 'in', [
        'earner_death',
        'serious_illness',
        'accident',
        'fire',
        'disaster',
      ]),
      when('serious', '家中有重病患者', 'seriousIllnessCount', 'gte', 1),
    ),
  ),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '低保家庭两个月前丈夫去世',
      household({ members: [spouse(42, { relation: 'head' }), child(13)], perCapitaIncome: 600, hardships: [['earner_death', 2]], benefits: ['dibao'] }),
    ),
    fails('低保家庭，无变故、无重病', household({ members: [adult(45), spouse(43)], perCapitaIncome: 600, benefits: ['dibao'] })),
    undecided('遭遇火灾，家庭收入未申报', household({ members: [adult(45), spouse(43)], unknownIncome: true, hardships: [['fire', 2]] }), ['perCapitaIncome']),
  ],
};

export const charitySeriousIllness: PolicyDefinition = {
  code: 'charity_serious_illness',
  name: '大病慈善救助',
  group: 'social_service',
  department: '慈善/社会组织',
  legalBasis: [CHARITY_LAW, '《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》'],
  benefit: '经基本医保、大病保险、医疗救助后自付费用仍然较高的低收入重病患者家庭，由慈善会按比例给予慈善救助（“政府救助+慈善帮扶”衔接）。',
  requiredDocuments: [DOC_ID, DOC_MEDICAL, '医保结算单'],
  rule: all(
    '自付医疗费用高的低收入重病患者家庭',
    when('serious', '家中有重病患者', 'seriousIllnessCount', 'gte', 1),
    when('high_cost', '近12个月医疗自付费用超过慈善救助起点', 'medicalSelfPaid12m', 'gte', p('charity_illness_threshold')),
    when('low_income', '家庭人均月收入不超过当地低保标准的2倍', 'perCapitaIncome', 'lte', p('low_income_line')),
  ),
  benefitFormula: {
    label: '（自付医疗费用 − 救助起点）× 慈善救助比例，不超过年度限额',
    expr: round(min(mul(sub(fact('medicalSelfPaid12m'), param('charity_illness_threshold')), param('charity_illness_ratio')), param('charity_illness_cap'))),
    unit: '元',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '肝癌患者家庭自付5万元，人均月收入1500元',
      household({ members: [unable(52, { health: 'serious' }), spouse(50)], perCapitaIncome: 1500, medical: 50000 }),
    ),
    fails('自付1万元，未到救助起点', household({ members: [unable(52, { health: 'serious' }), spouse(50)], perCapitaIncome: 1500, medical: 10000 })),
    undecided('家庭收入未申报', household({ members: [unable(52, { health: 'serious' }), spouse(50)], unknownIncome: true, medical: 50000 }), [
      'perCapitaIncome',
    ]),
  ],
};

export const charityGranary: PolicyDefinition = {
  code: 'charity_granary',
  name: '“义仓”慈善物资帮扶',
  group: 'social_service',
  department: '慈善/社会组织',
  legalBasis: [CHARITY_LAW],
  benefit: '社区“义仓”定期向困难家庭和遭遇突发困难的低收入家庭发放米、面、油等生活物资（“慈善+社区+志愿者”）。',
  requiredDocuments: ['无需材料：由社区根据名册发放'],
  rule: any(
    '困难家庭或遭遇突发困难的低收入家庭',
    onTekun(),
    onDibao(),
    onMargin(),
    all(
      '近期遭遇突发困难的低收入家庭',
      when('recent_hardship', '近12个月遭遇突发困难', 'recentHardship', 'eq', true),
      when('low_income', '家庭人均月收入不超过当地低保标准的2倍', 'perCapitaIncome', 'lte', p('low_income_line')),
    ),
  ),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保边缘家庭', household({ members: [adult(45), spouse(43)], perCapitaIncome: 1100, benefits: ['margin'] })),
    qualifies('上月遭遇自然灾害的低收入家庭', household({ members: [adult(45), spouse(43)], perCapitaIncome: 1500, hardships: [['disaster', 1]] })),
    fails('无突发困难、不是救助对象', household({ members: [adult(45), spouse(43)], perCapitaIncome: 1500 })),
    undecided('遭遇火灾，家庭收入未申报', household({ members: [adult(45), spouse(43)], unknownIncome: true, hardships: [['fire', 2]] }), ['perCapitaIncome']),
  ],
};

export const childGrowthCare: PolicyDefinition = {
  code: 'child_growth_care',
  name: '“成长益+1”特殊家庭儿童关爱服务',
  group: 'social_service',
  department: '慈善/社会组织',
  legalBasis: [CHARITY_LAW, SOCIAL_WORK],
  benefit: '为困难家庭、监护缺失家庭和重度残疾人家庭的儿童提供课业辅导、兴趣课堂、成长陪伴和亲子活动等公益服务。',
  requiredDocuments: ['监护人同意书'],
  rule: all(
    '特殊家庭中的儿童',
    when('minor', '家中有未成年人', 'minorCount', 'gte', 1),
    any(
      '困难、监护缺失或重残家庭',
      onTekun(),
      onDibao(),
      onMargin(),
      when('no_parent', '有不与父母共同生活的未成年人', 'minorWithoutParentCount', 'gte', 1),
      when('severe', '家中有一、二级重度残疾人', 'severeDisabilityCount', 'gte', 1),
    ),
  ),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保边缘家庭的11岁孩子', household({ members: [adult(40), spouse(38), child(11)], perCapitaIncome: 1100, benefits: ['margin'] })),
    fails('父母健康、收入正常的家庭', household({ members: [adult(40), spouse(38), child(11)], perCapitaIncome: 2500 })),
    undecided('父亲残疾情况未采集', household({ members: [adult(40, { disability: undefined }), spouse(38), child(11)], perCapitaIncome: 2500 }), [
      'severeDisabilityCount',
    ]),
  ],
};

export const employmentSupportService: PolicyDefinition = {
  code: 'employment_support_service',
  name: '“幸福扬帆”困难群众就业帮扶服务',
  group: 'social_service',
  department: '慈善/社会组织',
  legalBasis: [REFORM, SOCIAL_WORK],
  benefit: '社工机构为困难家庭中有劳动能力的失业人员提供就业意愿激发、技能培训对接、岗位推荐和稳岗跟踪服务。',
  requiredDocuments: ['本人同意书'],
  rule: all(
    '困难家庭中有劳动能力的失业人员',
    when('unemployed', '有劳动年龄内的失业人员', 'unemployedWorkingAgeCount', 'gte', 1),
    when('capacity', '有劳动能力（含部分丧失）的成员', 'membersWithLabourCapacity', 'gte', 1),
    hardshipFamily(),
  ),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保边缘家庭的失业户主', household({ members: [jobless(40), spouse(38)], perCapitaIncome: 1100, benefits: ['margin'] })),
    fails('失业但家庭收入较高', household({ members: [jobless(40), spouse(38)], perCapitaIncome: 3000 })),
    undecided('家庭收入未申报', household({ members: [jobless(40), spouse(38)], unknownIncome: true }), ['perCapitaIncome']),
  ],
};

export const respiteCareService: PolicyDefinition = {
  code: 'respite_care_service',
  name: '失能人员家庭照护者“喘息”服务',
  group: 'social_service',
  department: '民政',
  legalBasis: [REFORM],
  benefit: '家中有生活完全不能自理成员的困难家庭，每年提供若干天短期托养或上门照护，让家庭照护者得到休息，并提供照护技能培训。',
  requiredDocuments: [DOC_ID, '生活自理能力评估表'],
  rule: all('困难家庭中有完全失能成员', when('total_loss', '有生活完全不能自理的成员', 'totalSelfCareLossCount', 'gte', 1), hardshipFamily()),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保家庭照顾卧床老人', household({ members: [adult(82, { selfCare: 5 }), child(55)], perCapitaIncome: 800, benefits: ['dibao'] })),
    fails('低保家庭，无失能成员', household({ members: [adult(82), child(55)], perCapitaIncome: 800, benefits: ['dibao'] })),
    undecided('家庭收入未申报', household({ members: [adult(82, { selfCare: 5 }), child(55)], unknownIncome: true }), ['perCapitaIncome']),
  ],
};

export const SERVICE_POLICIES: PolicyDefinition[] = [
  socialWorkCaseService,
  psychologicalSupport,
  charitySeriousIllness,
  charityGranary,
  childGrowthCare,
  employmentSupportService,
  respiteCareService,
];
