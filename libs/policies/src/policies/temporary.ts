/** 临时救助: 急难型 (sudden events), 支出型 (spending shocks) and loss of the only job. */
import type { PolicyDefinition } from '@zczr/eligibility';
import { adult, child, fails, household, jobless, qualifies, spouse, undecided } from '../reference-builders.js';
import { all, belowDisposableIncome, DOC_APPLICATION, DOC_CONSENT, DOC_ID, DOC_MEDICAL, fact, mul, p, param, rigidBurden, round, when } from './dsl.js';

const BASIS = ['《社会救助暂行办法》', '《国务院关于全面建立临时救助制度的通知》', '《关于进一步加强和改进临时救助工作的意见》'];
const SUDDEN = ['fire', 'accident', 'serious_illness', 'earner_death', 'disaster'];

export const temporaryEmergency: PolicyDefinition = {
  code: 'temporary_emergency',
  name: '临时救助（急难型）',
  group: 'temporary',
  department: '民政',
  legalBasis: BASIS,
  benefit:
    '因火灾、交通事故等意外、突发重大疾病、主要劳动力死亡或自然灾害导致基本生活陷入困境的，由乡镇（街道）先行救助，一次性发放临时救助金，必要时提供实物和转介服务。',
  requiredDocuments: [DOC_APPLICATION, DOC_ID, '事故、火灾、死亡或诊断等相关证明（急难情形可事后补齐）'],
  rule: all(
    '遭遇突发事件导致生活困难',
    when('sudden_event', '近12个月遭遇火灾、意外事故、突发重病、主要劳动力死亡或自然灾害', 'hardshipTypes', 'in', SUDDEN),
    when('recent', '事件发生在申请时限内（3个月）', 'monthsSinceHardship', 'lte', p('temporary_window_months')),
    belowDisposableIncome(),
  ),
  benefitFormula: {
    label: '当地低保标准 × 规定月数 × 共同生活人数（一次性）',
    expr: round(mul(param('dibao_standard'), param('temporary_emergency_months'), fact('householdSize'))),
    unit: '元/次',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('上月家中失火', household({ members: [adult(45), spouse(43), child(12)], perCapitaIncome: 2000, hardships: [['fire', 1, 30000]] })),
    qualifies(
      '两个月前丈夫因车祸去世',
      household({ members: [spouse(40, { relation: 'head' }), child(10)], perCapitaIncome: 1500, hardships: [['earner_death', 2]] }),
    ),
    fails('没有突发事件', household({ members: [adult(45), spouse(43), child(12)], perCapitaIncome: 2000 })),
    fails('失火发生在8个月前，超过申请时限', household({ members: [adult(45), spouse(43), child(12)], perCapitaIncome: 2000, hardships: [['fire', 8]] })),
    fails('仅失业，不属于急难情形', household({ members: [jobless(45), spouse(43), child(12)], perCapitaIncome: 2000, hardships: [['job_loss', 1]] })),
    undecided('上月失火，家庭收入未申报', household({ members: [adult(45), spouse(43), child(12)], unknownIncome: true, hardships: [['fire', 1]] }), [
      'perCapitaIncome',
    ]),
  ],
};

export const temporaryExpenditure: PolicyDefinition = {
  code: 'temporary_expenditure',
  name: '临时救助（支出型）',
  group: 'temporary',
  department: '民政',
  legalBasis: BASIS,
  benefit: '因医疗、教育、康复等必需支出突然增加，超出家庭承受能力、基本生活出现严重困难的，给予临时救助，一般不超过6个月低保标准，特殊情况可提高。',
  requiredDocuments: [DOC_APPLICATION, DOC_ID, DOC_CONSENT, `${DOC_MEDICAL}、学费或康复费用票据`],
  rule: all(
    '刚性支出超出家庭承受能力',
    rigidBurden(),
    belowDisposableIncome(),
    when('deposits', '家庭人均存款等金融资产不超过规定限额', 'perCapitaFinancialAssets', 'lte', p('margin_deposit_limit')),
  ),
  benefitFormula: {
    label: '当地低保标准 × 规定月数 × 共同生活人数（一次性）',
    expr: round(mul(param('dibao_standard'), param('temporary_expenditure_months'), fact('householdSize'))),
    unit: '元/次',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '人均月收入1500元，一年自付医疗费4万元',
      household({ members: [adult(50, { health: 'serious' }), spouse(48), child(15)], perCapitaIncome: 1500, medical: 40000 }),
    ),
    fails('自付医疗费5000元，负担不重', household({ members: [adult(50), spouse(48), child(15)], perCapitaIncome: 1500, medical: 5000 })),
    undecided(
      '家庭财产未申报',
      household({ members: [adult(50, { health: 'serious' }), spouse(48), child(15)], perCapitaIncome: 1500, medical: 40000, unknownAssets: true }),
      ['perCapitaFinancialAssets'],
    ),
  ],
};

export const temporaryJobLoss: PolicyDefinition = {
  code: 'temporary_job_loss',
  name: '临时救助（失业致困）',
  group: 'temporary',
  department: '民政',
  legalBasis: BASIS,
  benefit: '家庭唯一就业成员失业、家庭暂时无收入来源的，按月给予临时救助（最长3个月），同时转介人社部门就业援助。',
  requiredDocuments: [DOC_APPLICATION, DOC_ID, '解除劳动合同证明或失业登记证明'],
  rule: all(
    '家庭主要劳动力失业导致生活困难',
    when('job_loss', '近期家庭成员失业', 'hardshipTypes', 'includes', 'job_loss'),
    when('recent', '失业发生在3个月以内', 'monthsSinceHardship', 'lte', p('temporary_window_months')),
    when('no_employed', '家中目前无人就业', 'noEmployedMember', 'eq', true),
    when('income', '家庭人均月收入低于低保标准的1.5倍', 'perCapitaIncome', 'lt', p('margin_income_line')),
  ),
  benefitFormula: {
    label: '当地低保标准 × 共同生活人数（按月，最长3个月）',
    expr: round(mul(param('dibao_standard'), fact('householdSize'))),
    unit: '元/月',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '丈夫上月失业，妻子无业',
      household({ members: [jobless(40), spouse(38, { employment: 'unemployed' }), child(10)], perCapitaIncome: 300, hardships: [['job_loss', 1]] }),
    ),
    fails('丈夫失业但妻子在职', household({ members: [jobless(40), spouse(38), child(10)], perCapitaIncome: 1000, hardships: [['job_loss', 1]] })),
    undecided(
      '妻子就业状况未采集',
      household({ members: [jobless(40), spouse(38, { employment: null }), child(10)], perCapitaIncome: 300, hardships: [['job_loss', 1]] }),
      ['noEmployedMember'],
    ),
  ],
};

export const TEMPORARY_POLICIES: PolicyDefinition[] = [temporaryEmergency, temporaryExpenditure, temporaryJobLoss];
