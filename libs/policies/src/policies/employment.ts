/** 就业救助 (人社): public-welfare posts, zero-employment families, job assistance, training, insurance subsidies. */
import type { PolicyDefinition } from '@zczr/eligibility';
import { adult, child, fails, household, jobless, qualifies, single, spouse, undecided, unable, WENJIANG_VILLAGE } from '../reference-builders.js';
import { all, any, DOC_ID, fact, mul, onDibao, onMargin, p, param, when } from './dsl.js';

const BASIS = ['《社会救助暂行办法》', '《中华人民共和国就业促进法》', '《就业补助资金管理办法》'];
const DOC_UNEMPLOYED = '失业登记（就业创业证）';

const unemployed = () => when('unemployed', '有劳动年龄内的失业人员', 'unemployedWorkingAgeCount', 'gte', 1);
const capacity = () => when('capacity', '有劳动能力（含部分丧失）的成员', 'membersWithLabourCapacity', 'gte', 1);
const zeroEmployment = () => when('zero_employment', '零就业家庭（家中无人就业）', 'noEmployedMember', 'eq', true);
const disabledMember = () => when('disabled', '家中有持证残疾人', 'disabledCount', 'gte', 1);

export const employmentPublicWelfarePost: PolicyDefinition = {
  code: 'employment_public_welfare_post',
  name: '公益性岗位安置',
  group: 'employment',
  department: '人社',
  legalBasis: BASIS,
  benefit:
    '对大龄（“4050”）就业困难人员、零就业家庭成员和低保、低保边缘家庭中的失业人员，优先安置到保洁、保绿、治安巡逻、养老服务等公益性岗位，发放岗位补贴并缴纳社会保险。',
  requiredDocuments: [DOC_ID, DOC_UNEMPLOYED, '就业困难人员认定申请表'],
  rule: all(
    '大龄就业困难人员',
    any('属于就业困难人员家庭', onDibao(), onMargin(), zeroEmployment()),
    unemployed(),
    capacity(),
    when('age_min', '申请人年满40周岁（大龄就业困难人员）', 'eligiblePersonAge', 'gte', p('public_welfare_post_min_age')),
    when('age_max', '申请人未达到法定退休年龄', 'eligiblePersonAge', 'lt', p('public_welfare_post_max_age')),
  ),
  benefitFormula: {
    label: '公益性岗位补贴（不低于当地最低工资标准）',
    expr: param('public_welfare_post_wage'),
    unit: '元/月',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '48岁失业户主，妻子无劳动能力，低保家庭',
      household({ members: [jobless(48), unable(46, { relation: 'spouse', sex: 'female' })], perCapitaIncome: 500, benefits: ['dibao'] }),
    ),
    fails('30岁失业户主，未满40周岁', household({ members: [jobless(30), spouse(28)], perCapitaIncome: 800, benefits: ['dibao'] })),
    fails('48岁户主在职，家中无失业人员', household({ members: [adult(48), unable(46, { relation: 'spouse' })], perCapitaIncome: 800, benefits: ['dibao'] })),
    undecided(
      '48岁失业户主劳动能力未评估',
      household({ members: [jobless(48, { labourCapacity: null }), unable(46, { relation: 'spouse' })], perCapitaIncome: 500, benefits: ['dibao'] }),
      ['membersWithLabourCapacity'],
    ),
  ],
};

export const employmentZeroEmploymentFamily: PolicyDefinition = {
  code: 'employment_zero_employment_family',
  name: '零就业家庭就业援助',
  group: 'employment',
  department: '人社',
  legalBasis: BASIS,
  benefit: '劳动年龄内有劳动能力和就业意愿的家庭成员均处于失业状态的，认定为零就业家庭，30日内至少帮助一名成员实现就业（岗位推荐、公益性岗位托底）。',
  requiredDocuments: [DOC_ID, `${DOC_UNEMPLOYED}（全部劳动年龄成员）`],
  rule: all(
    '城镇零就业家庭',
    when('urban', '居住在城镇（居委会辖区）；《就业促进法》第五十二条针对城市零就业家庭', 'ruralCommunity', 'eq', false),
    zeroEmployment(),
    unemployed(),
    capacity(),
  ),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('夫妻均失业，孩子上小学', household({ members: [jobless(45), spouse(43, { employment: 'unemployed' }), child(12)], perCapitaIncome: 300 })),
    fails('丈夫失业、妻子在职', household({ members: [jobless(45), spouse(43), child(12)], perCapitaIncome: 900 })),
    fails('老两口均已退休', household({ members: [adult(66), spouse(64)], income: 3000, incomeType: 'pension' })),
    fails(
      '村委会（农村）夫妻均失业：零就业家庭援助面向城镇',
      household({ regionCode: WENJIANG_VILLAGE, members: [jobless(45), spouse(43, { employment: 'unemployed' }), child(12)], perCapitaIncome: 300 }),
    ),
    undecided('妻子就业状况未采集', household({ members: [jobless(45), spouse(43, { employment: null }), child(12)], perCapitaIncome: 300 }), [
      'unemployedWorkingAgeCount',
      'noEmployedMember',
    ]),
  ],
};

export const employmentAssistance: PolicyDefinition = {
  code: 'employment_assistance',
  name: '就业困难人员就业援助',
  group: 'employment',
  department: '人社',
  legalBasis: BASIS,
  benefit: '认定为就业困难人员，提供“一对一”职业指导、岗位推荐和创业服务，享受社会保险补贴、岗位补贴等就业扶持政策。',
  requiredDocuments: [DOC_ID, DOC_UNEMPLOYED, '就业困难人员认定申请表'],
  rule: all('属于就业困难人员', unemployed(), capacity(), any('属于就业困难人员范围', onDibao(), onMargin(), disabledMember(), zeroEmployment())),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保家庭的失业户主', household({ members: [jobless(42), spouse(40)], perCapitaIncome: 800, benefits: ['dibao'] })),
    qualifies('四级肢体残疾的失业者', household({ members: [jobless(35, { disability: [4, 4] }), spouse(33)], perCapitaIncome: 1800 })),
    fails('失业但家庭不困难', household({ members: [jobless(42), spouse(40)], perCapitaIncome: 2500 })),
    undecided('妻子残疾情况未采集', household({ members: [jobless(42), spouse(40, { disability: undefined })], perCapitaIncome: 2500 }), ['disabledCount']),
  ],
};

export const employmentTrainingSubsidy: PolicyDefinition = {
  code: 'employment_training_subsidy',
  name: '职业技能培训补贴',
  group: 'employment',
  department: '人社',
  legalBasis: BASIS,
  benefit: '登记失业人员参加职业技能培训并取得证书的，按规定给予培训补贴；低保、低保边缘家庭成员培训期间另给予生活费补贴。',
  requiredDocuments: [DOC_ID, DOC_UNEMPLOYED, '培训结业证书或职业技能等级证书'],
  rule: all('有劳动能力的失业人员', unemployed(), capacity()),
  benefitFormula: {
    label: '职业培训补贴标准 × 失业人数',
    expr: mul(param('vocational_training_subsidy'), fact('unemployedWorkingAgeCount')),
    unit: '元',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('35岁失业人员', single(jobless(35), { income: 0 })),
    fails('全家在职', household({ members: [adult(35), spouse(33)], perCapitaIncome: 2500 })),
    fails('失业但无劳动能力', single(jobless(50, { labourCapacity: 'none' }))),
    undecided('失业人员劳动能力未评估', single(jobless(35, { labourCapacity: null })), ['membersWithLabourCapacity']),
  ],
};

export const employmentFlexibleInsurance: PolicyDefinition = {
  code: 'employment_flexible_insurance',
  name: '就业困难人员灵活就业社会保险补贴',
  group: 'employment',
  department: '人社',
  legalBasis: [...BASIS, '《中华人民共和国社会保险法》'],
  benefit: '就业困难人员灵活就业后缴纳社会保险费的，按实际缴费的一定比例给予社会保险补贴，期限一般不超过3年。',
  requiredDocuments: [DOC_ID, '灵活就业登记', '社会保险缴费凭证'],
  rule: all(
    '就业困难人员已灵活就业',
    when('employed', '有成员就业（灵活就业形式由人社部门核实）', 'employedCount', 'gte', 1),
    any(
      '属于就业困难人员范围',
      onDibao(),
      onMargin(),
      all(
        '低收入家庭中的残疾人',
        disabledMember(),
        when('low_income', '家庭人均月收入不超过当地低保标准的2倍', 'perCapitaIncome', 'lte', p('low_income_line')),
      ),
    ),
  ),
  benefitFormula: {
    label: '灵活就业社会保险补贴标准',
    expr: param('flexible_insurance_subsidy'),
    unit: '元/月',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '低保边缘家庭户主开网约车',
      household({ members: [adult(44, { employment: 'flexible' }), spouse(42, { employment: 'unemployed' })], perCapitaIncome: 1200, benefits: ['margin'] }),
    ),
    fails('低保边缘家庭无人就业', household({ members: [jobless(44), spouse(42, { employment: 'unemployed' })], perCapitaIncome: 1000, benefits: ['margin'] })),
    qualifies(
      '人均月收入1500元，户主四级视力残疾、从事按摩',
      household({ members: [adult(44, { employment: 'flexible', disability: [1, 4] }), spouse(42)], perCapitaIncome: 1500 }),
    ),
    fails('残疾人家庭收入较高', household({ members: [adult(44, { employment: 'flexible', disability: [1, 4] }), spouse(42)], perCapitaIncome: 3000 })),
    undecided('户主残疾情况未采集', household({ members: [adult(44, { employment: 'flexible', disability: undefined }), spouse(42)], perCapitaIncome: 1500 }), [
      'disabledCount',
    ]),
  ],
};

export const EMPLOYMENT_POLICIES: PolicyDefinition[] = [
  employmentPublicWelfarePost,
  employmentZeroEmploymentFamily,
  employmentAssistance,
  employmentTrainingSubsidy,
  employmentFlexibleInsurance,
];
