/** 教育资助 (教育): from kindergarten to university, for children of families in hardship. */
import type { PolicyDefinition } from '@zczr/eligibility';
import { adult, child, fails, household, qualifies, spouse, student, undecided, unable } from '../reference-builders.js';
import { all, any, belowDisposableIncome, DOC_ID, fact, hardshipFamily, mul, onDibao, onTekun, param, when } from './dsl.js';

const STUDENT_AID = '《学生资助资金管理办法》';
const BASIS = ['《社会救助暂行办法》', STUDENT_AID];
const DOC_HARDSHIP = '家庭经济困难学生认定申请表（低保、特困、低保边缘家庭凭民政部门信息免于提交证明）';
const DOC_SCHOOL = '学籍信息（由学校核实）';

export const eduPreschool: PolicyDefinition = {
  code: 'edu_preschool',
  name: '学前教育资助',
  group: 'education',
  department: '教育',
  legalBasis: BASIS,
  benefit: '在普惠性幼儿园就读的家庭经济困难儿童、孤儿和残疾儿童，减免保育教育费或发放资助金。',
  requiredDocuments: [DOC_ID, DOC_HARDSHIP, '幼儿园在园证明'],
  rule: all('家庭经济困难的在园幼儿', when('preschool', '有3周岁以上学龄前在园儿童', 'preschoolCount', 'gte', 1), hardshipFamily()),
  benefitFormula: {
    label: '学前教育资助标准 × 在园幼儿人数',
    expr: mul(param('preschool_grant'), fact('preschoolCount')),
    unit: '元/年',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保家庭4岁幼儿', household({ members: [adult(32), spouse(30), child(4)], perCapitaIncome: 600, benefits: ['dibao'] })),
    fails('收入较高的家庭', household({ members: [adult(32), spouse(30), child(4)], perCapitaIncome: 3000 })),
    fails('低保家庭孩子2岁，未到入园年龄', household({ members: [adult(32), spouse(30), child(2)], perCapitaIncome: 600, benefits: ['dibao'] })),
    undecided('家庭收入未申报', household({ members: [adult(32), spouse(30), child(4)], unknownIncome: true }), ['perCapitaIncome']),
  ],
};

export const eduBoardingSubsidy: PolicyDefinition = {
  code: 'edu_boarding_subsidy',
  name: '义务教育家庭经济困难寄宿生生活费补助',
  group: 'education',
  department: '教育',
  legalBasis: BASIS,
  benefit: '义务教育阶段家庭经济困难的寄宿生，按小学每生每年1000元、初中每生每年1250元的基础标准补助生活费（是否寄宿由学校核实）。',
  requiredDocuments: [DOC_HARDSHIP, DOC_SCHOOL, '寄宿证明（由学校核实）'],
  rule: all(
    '家庭经济困难的义务教育阶段学生',
    when('compulsory', '有义务教育阶段在校生（小学、初中）', 'compulsoryEducationStudentCount', 'gte', 1),
    hardshipFamily(),
  ),
  benefitFormula: {
    label: '寄宿生生活费补助标准（按小学标准估算）× 义务教育阶段学生人数',
    expr: mul(param('boarding_grant_primary'), fact('compulsoryEducationStudentCount')),
    unit: '元/年',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保边缘家庭10岁小学生', household({ members: [adult(38), spouse(36), child(10)], perCapitaIncome: 1100, benefits: ['margin'] })),
    qualifies('人均收入1500元家庭的初中生', household({ members: [adult(40), spouse(38), child(13)], perCapitaIncome: 1500 })),
    fails('低保边缘家庭，无在校生', household({ members: [adult(38), spouse(36)], perCapitaIncome: 1100, benefits: ['margin'] })),
    undecided(
      '低保家庭孩子就读学段未采集',
      household({ members: [adult(38), spouse(36), child(10, { education: null })], perCapitaIncome: 600, benefits: ['dibao'] }),
      ['compulsoryEducationStudentCount'],
    ),
  ],
};

export const eduSeniorHighGrant: PolicyDefinition = {
  code: 'edu_senior_high_grant',
  name: '普通高中国家助学金',
  group: 'education',
  department: '教育',
  legalBasis: BASIS,
  benefit: '普通高中家庭经济困难学生按平均资助标准发放国家助学金，学校根据困难程度分档资助。',
  requiredDocuments: [DOC_HARDSHIP, DOC_SCHOOL],
  rule: all('家庭经济困难的高中生', when('senior_high', '有高中阶段在校生', 'seniorHighStudentCount', 'gte', 1), hardshipFamily()),
  benefitFormula: {
    label: '普通高中国家助学金平均标准 × 高中在校生人数',
    expr: mul(param('senior_high_grant'), fact('seniorHighStudentCount')),
    unit: '元/年',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保家庭16岁高中生', household({ members: [adult(45), spouse(43), child(16)], perCapitaIncome: 600, benefits: ['dibao'] })),
    fails('收入较高的家庭', household({ members: [adult(45), spouse(43), child(16)], perCapitaIncome: 3000 })),
    undecided('家庭收入未申报', household({ members: [adult(45), spouse(43), child(16)], unknownIncome: true }), ['perCapitaIncome']),
  ],
};

export const eduSeniorHighFeeWaiver: PolicyDefinition = {
  code: 'edu_senior_high_fee_waiver',
  name: '普通高中免学杂费',
  group: 'education',
  department: '教育',
  legalBasis: BASIS,
  benefit: '特困、低保家庭学生和残疾学生就读普通高中，免除学费和杂费。',
  requiredDocuments: [DOC_SCHOOL, `残疾人证（残疾学生）`],
  rule: all(
    '特困、低保家庭或残疾学生的高中生',
    when('senior_high', '有高中阶段在校生', 'seniorHighStudentCount', 'gte', 1),
    any('特困、低保家庭或残疾学生家庭', onTekun(), onDibao(), when('disabled', '家中有持证残疾人（残疾学生）', 'disabledCount', 'gte', 1)),
  ),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保家庭高中生', household({ members: [adult(45), spouse(43), child(16)], perCapitaIncome: 600, benefits: ['dibao'] })),
    qualifies('听力残疾的高中生', household({ members: [adult(45), spouse(43), child(16, { disability: [2, 3] })], perCapitaIncome: 2500 })),
    fails('低保边缘家庭的高中生（享受国家助学金）', household({ members: [adult(45), spouse(43), child(16)], perCapitaIncome: 1100, benefits: ['margin'] })),
    undecided('非救助家庭，孩子残疾情况未采集', household({ members: [adult(45), spouse(43), child(16, { disability: undefined })], perCapitaIncome: 2500 }), [
      'disabledCount',
    ]),
  ],
};

export const eduVocational: PolicyDefinition = {
  code: 'edu_vocational',
  name: '中等职业教育免学费和国家助学金',
  group: 'education',
  department: '教育',
  legalBasis: BASIS,
  benefit: '中职学校全日制学生按规定免除学费；家庭经济困难学生另发国家助学金。',
  requiredDocuments: [DOC_HARDSHIP, DOC_SCHOOL],
  rule: all(
    '家庭经济困难的中职学生',
    when('vocational', '有高中阶段（中职）在校生（就读中职由学校核实）', 'seniorHighStudentCount', 'gte', 1),
    hardshipFamily(),
  ),
  benefitFormula: {
    label: '中职国家助学金平均标准 × 在校生人数',
    expr: mul(param('vocational_grant'), fact('seniorHighStudentCount')),
    unit: '元/年',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '低保边缘家庭的中职学生',
      household({ members: [adult(46), spouse(44), child(17, { education: 'vocational' })], perCapitaIncome: 1200, benefits: ['margin'] }),
    ),
    fails('低保边缘家庭，孩子已工作', household({ members: [adult(46), spouse(44), child(19)], perCapitaIncome: 1200, benefits: ['margin'] })),
    undecided('家庭收入未申报', household({ members: [adult(46), spouse(44), child(17, { education: 'vocational' })], unknownIncome: true }), [
      'perCapitaIncome',
    ]),
  ],
};

export const eduCollegeEntry: PolicyDefinition = {
  code: 'edu_college_entry',
  name: '大学新生入学资助',
  group: 'education',
  department: '教育',
  legalBasis: [STUDENT_AID, '中国教育发展基金会“新生入学资助项目”'],
  benefit: '家庭经济困难的大学新生，发放一次性入学路费和短期生活费（省内院校500元、省外院校1000元），入学后可通过“绿色通道”报到。',
  requiredDocuments: [DOC_HARDSHIP, '录取通知书'],
  rule: all('家庭经济困难的大学生', when('college', '有在读（或新录取）大学生', 'collegeStudentCount', 'gte', 1), hardshipFamily()),
  benefitFormula: {
    label: '入学资助标准（按省内院校估算）× 大学生人数',
    expr: mul(param('college_entry_grant'), fact('collegeStudentCount')),
    unit: '元',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保边缘家庭孩子考上大学', household({ members: [adult(48), spouse(46), student(18)], perCapitaIncome: 1200, benefits: ['margin'] })),
    fails('收入较高的家庭', household({ members: [adult(48), spouse(46), student(18)], perCapitaIncome: 3000 })),
    undecided(
      '低保家庭孩子就读学段未采集',
      household({ members: [adult(48), spouse(46), student(18, { education: null })], perCapitaIncome: 600, benefits: ['dibao'] }),
      ['collegeStudentCount'],
    ),
  ],
};

export const eduCollegeGrant: PolicyDefinition = {
  code: 'edu_college_grant',
  name: '高校国家助学金',
  group: 'education',
  department: '教育',
  legalBasis: BASIS,
  benefit: '全日制本专科家庭经济困难学生按平均资助标准发放国家助学金，由学校分档评定。',
  requiredDocuments: [DOC_HARDSHIP, DOC_SCHOOL],
  rule: all('家庭经济困难的在读大学生', when('college', '有在读大学生', 'collegeStudentCount', 'gte', 1), hardshipFamily()),
  benefitFormula: {
    label: '国家助学金平均标准 × 在读大学生人数',
    expr: mul(param('college_grant'), fact('collegeStudentCount')),
    unit: '元/年',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '低保家庭的大二学生',
      household({ members: [unable(50, { disability: [4, 2] }), spouse(48), student(20)], perCapitaIncome: 700, benefits: ['dibao'] }),
    ),
    fails('低保家庭，无大学生', household({ members: [adult(50), spouse(48), child(10)], perCapitaIncome: 700, benefits: ['dibao'] })),
    undecided('家庭收入未申报', household({ members: [adult(50), spouse(48), student(20)], unknownIncome: true }), ['perCapitaIncome']),
  ],
};

export const eduStudentLoan: PolicyDefinition = {
  code: 'edu_student_loan',
  name: '生源地信用助学贷款',
  group: 'education',
  department: '教育',
  legalBasis: [STUDENT_AID],
  benefit: '家庭经济困难的大学生在户籍所在县（区）申请信用助学贷款，用于学费和住宿费，在校期间免息，毕业后分期还款。',
  requiredDocuments: ['借款学生及共同借款人身份证、户口簿', '录取通知书或学籍证明', '家庭经济困难情况说明'],
  rule: all('家庭经济困难的大学生', when('college', '有在读（或新录取）大学生', 'collegeStudentCount', 'gte', 1), belowDisposableIncome()),
  benefitFormula: {
    label: '每人每年贷款额度上限 × 大学生人数',
    expr: mul(param('student_loan_cap'), fact('collegeStudentCount')),
    unit: '元/年',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('人均月收入2500元家庭的大学生', household({ members: [adult(48), spouse(46), student(19)], perCapitaIncome: 2500 })),
    qualifies('2024年秋季学期起贷款额度提高后仍可申请', household({ members: [adult(48), spouse(46), student(19)], perCapitaIncome: 2500 }), '2024-09-15'),
    fails('人均月收入5000元', household({ members: [adult(48), spouse(46), student(19)], perCapitaIncome: 5000 })),
    undecided('家庭收入未申报', household({ members: [adult(48), spouse(46), student(19)], unknownIncome: true }), ['perCapitaIncome']),
  ],
};

export const EDUCATION_POLICIES: PolicyDefinition[] = [
  eduPreschool,
  eduBoardingSubsidy,
  eduSeniorHighGrant,
  eduSeniorHighFeeWaiver,
  eduVocational,
  eduCollegeEntry,
  eduCollegeGrant,
  eduStudentLoan,
];
