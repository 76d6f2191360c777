/** 支出型困难: rigid-expenditure hardship families and families impoverished by illness. */
import type { PolicyDefinition } from '@zczr/eligibility';
import { adult, child, fails, household, qualifies, spouse, undecided, unable } from '../reference-builders.js';
import {
  all,
  belowDisposableIncome,
  DOC_APPLICATION,
  DOC_CONSENT,
  DOC_ID,
  DOC_INCOME,
  DOC_MEDICAL,
  notOnDibao,
  notOnMargin,
  notOnTekun,
  p,
  rigidBurden,
  when,
} from './dsl.js';

const BASIS = ['《社会救助暂行办法》', '《关于改革完善社会救助制度的意见》', '《关于加强低收入人口动态监测做好分层分类社会救助工作的意见》'];

export const rigidExpense: PolicyDefinition = {
  code: 'rigid_expense',
  name: '刚性支出困难家庭认定',
  group: 'rigid_expense',
  department: '民政',
  legalBasis: BASIS,
  benefit: '认定为刚性支出困难家庭（有效期12个月），可按规定申请医疗救助、教育资助、临时救助等，并纳入低收入人口动态监测。',
  requiredDocuments: [DOC_APPLICATION, DOC_ID, DOC_CONSENT, DOC_INCOME, `${DOC_MEDICAL}、学费及康复费用票据`],
  rule: all(
    '符合刚性支出困难家庭条件',
    all('未纳入低保、特困和低保边缘', notOnDibao(), notOnTekun(), notOnMargin()),
    belowDisposableIncome(),
    rigidBurden(),
    when('deposits', '家庭人均存款等金融资产不超过规定限额', 'perCapitaFinancialAssets', 'lte', p('margin_deposit_limit')),
  ),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '人均月收入2000元，一年自付医疗费5万元',
      household({ members: [adult(45, { health: 'serious' }), spouse(43), child(16)], perCapitaIncome: 2000, medical: 50000 }),
    ),
    qualifies(
      '人均月收入1500元，两个大学生学费和父亲康复费共4万元',
      household({
        members: [adult(50), spouse(48, { disability: [4, 3] }), child(20, { employment: 'student' }), child(19, { employment: 'student' })],
        perCapitaIncome: 1500,
        education: 30000,
        rehabilitation: 10000,
      }),
    ),
    fails('一年自付医疗费1万元，负担不重', household({ members: [adult(45), spouse(43), child(16)], perCapitaIncome: 2000, medical: 10000 })),
    fails('人均月收入5000元，高于上年度人均可支配收入', household({ members: [adult(45), spouse(43), child(16)], perCapitaIncome: 5000, medical: 50000 })),
    fails('已享受低保', household({ members: [adult(45), spouse(43), child(16)], perCapitaIncome: 600, medical: 50000, benefits: ['dibao'] })),
    undecided('家庭收入未申报', household({ members: [adult(45), spouse(43), child(16)], unknownIncome: true, medical: 50000 }), [
      'perCapitaIncome',
      'rigidExpenseShare',
      'perCapitaIncomeAfterRigid',
    ]),
  ],
};

export const rigidExpenseIllness: PolicyDefinition = {
  code: 'rigid_expense_illness',
  name: '因病致贫重病患者认定',
  group: 'rigid_expense',
  department: '民政',
  legalBasis: [...BASIS, '《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》'],
  benefit: '不符合低保、特困、低保边缘条件，但因高额医疗费用导致家庭基本生活出现严重困难的重病患者，认定为因病致贫重病患者，享受医疗救助和临时救助。',
  requiredDocuments: [DOC_APPLICATION, DOC_ID, DOC_CONSENT, DOC_INCOME, DOC_MEDICAL],
  rule: all(
    '因高额医疗费用致贫的重病患者家庭',
    all('未纳入低保、特困和低保边缘', notOnDibao(), notOnTekun(), notOnMargin()),
    when('serious', '家中有重病患者', 'seriousIllnessCount', 'gte', 1),
    when('high_cost', '近12个月医疗自付费用达到高额医疗费用标准', 'medicalSelfPaid12m', 'gte', p('medical_catastrophic_threshold')),
    belowDisposableIncome(),
  ),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '妻子患乳腺癌，一年自付医疗费6万元',
      household({ members: [adult(48), spouse(46, { health: 'serious' }), child(17)], perCapitaIncome: 2000, medical: 60000 }),
    ),
    fails(
      '自付医疗费2万元，未达高额标准',
      household({ members: [adult(48), spouse(46, { health: 'serious' }), child(17)], perCapitaIncome: 2000, medical: 20000 }),
    ),
    fails('高额费用但无重病患者（意外伤害已康复）', household({ members: [adult(48), spouse(46), child(17)], perCapitaIncome: 2000, medical: 60000 })),
    undecided('家庭成员健康状况未采集', household({ members: [unable(48, { health: null }), spouse(46)], perCapitaIncome: 2000, medical: 60000 }), [
      'seriousIllnessCount',
    ]),
  ],
};

export const RIGID_POLICIES: PolicyDefinition[] = [rigidExpense, rigidExpenseIllness];
