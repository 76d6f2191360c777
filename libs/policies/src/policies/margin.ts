/** 低保边缘家庭 and the low-income monitoring circle (收入在低保标准2倍以内). */
import type { PolicyDefinition } from '@zczr/eligibility';
import { adult, child, fails, household, qualifies, spouse, undecided } from '../reference-builders.js';
import { all, DOC_APPLICATION, DOC_CONSENT, DOC_ID, DOC_INCOME, marginAssets, notOnDibao, notOnTekun, p, when } from './dsl.js';

const BASIS = ['《社会救助暂行办法》', '《关于改革完善社会救助制度的意见》', '《关于加强低收入人口动态监测做好分层分类社会救助工作的意见》'];

export const margin: PolicyDefinition = {
  code: 'margin',
  name: '低保边缘家庭认定',
  group: 'margin',
  department: '民政',
  legalBasis: BASIS,
  benefit: '认定为低保边缘家庭，不发放现金，可按规定享受医疗救助、教育资助、住房保障、就业帮扶和临时救助等专项救助，纳入动态监测。',
  requiredDocuments: [DOC_APPLICATION, DOC_ID, DOC_CONSENT, DOC_INCOME],
  rule: all(
    '符合低保边缘家庭条件',
    notOnDibao(),
    notOnTekun(),
    when('above_dibao', '家庭人均月收入不低于当地低保标准', 'perCapitaIncome', 'gte', p('dibao_standard')),
    when('margin_line', '家庭人均月收入不超过低保标准的1.5倍', 'perCapitaIncome', 'lte', p('margin_income_line')),
    when('minimum_wage', '家庭人均月收入不超过当地最低工资标准', 'perCapitaIncome', 'lte', p('minimum_wage')),
    marginAssets(),
  ),
  effectiveFrom: '2024-01-01',
  exitGraceMonths: 6,
  references: [
    qualifies('三口之家人均月收入1100元', household({ members: [adult(42), spouse(40), child(12)], perCapitaIncome: 1100, deposits: 30000 })),
    fails('人均月收入800元：应申请低保', household({ members: [adult(42), spouse(40), child(12)], perCapitaIncome: 800 })),
    fails('人均月收入1500元，超过1.5倍低保标准', household({ members: [adult(42), spouse(40), child(12)], perCapitaIncome: 1500 })),
    fails('已享受低保', household({ members: [adult(42), spouse(40), child(12)], perCapitaIncome: 1100, benefits: ['dibao'] })),
    undecided('家庭收入未申报', household({ members: [adult(42), spouse(40), child(12)], unknownIncome: true }), ['perCapitaIncome']),
  ],
};

export const lowIncomeMonitoring: PolicyDefinition = {
  code: 'low_income_monitoring',
  name: '低收入人口动态监测（收入在低保标准2倍以内）',
  group: 'margin',
  department: '民政',
  legalBasis: BASIS,
  benefit: '纳入低收入人口动态监测信息平台，定期走访和数据比对，出现大病、失业、意外等风险时及时预警并给予相应救助帮扶。',
  requiredDocuments: [DOC_ID, DOC_CONSENT],
  rule: all(
    '家庭收入和财产在低收入人口范围内',
    when('low_income', '家庭人均月收入不超过当地低保标准的2倍', 'perCapitaIncome', 'lte', p('low_income_line')),
    when('deposits', '家庭人均存款等金融资产不超过低保边缘家庭限额', 'perCapitaFinancialAssets', 'lte', p('margin_deposit_limit')),
  ),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('人均月收入1600元', household({ members: [adult(45), spouse(43), child(15)], perCapitaIncome: 1600 })),
    qualifies('低保家庭同时纳入监测', household({ members: [adult(45), spouse(43)], perCapitaIncome: 500, benefits: ['dibao'] })),
    fails('人均月收入2000元', household({ members: [adult(45), spouse(43), child(15)], perCapitaIncome: 2000 })),
    fails('人均存款5万元', household({ members: [adult(45), spouse(43)], perCapitaIncome: 1600, deposits: 100000 })),
    undecided('家庭收入未申报', household({ members: [adult(45), spouse(43)], unknownIncome: true }), ['perCapitaIncome']),
  ],
};

export const MARGIN_POLICIES: PolicyDefinition[] = [margin, lowIncomeMonitoring];
