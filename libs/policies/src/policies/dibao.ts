/** 最低生活保障: the urban-rural unified 低保, 单人户保, 分类施保 and the employment 渐退. */
import type { PolicyDefinition } from '@zczr/eligibility';
import { adult, child, fails, household, qualifies, single, spouse, supporter, undecided, unable } from '../reference-builders.js';
import {
  all,
  any,
  dibaoAssets,
  DOC_APPLICATION,
  DOC_BANK,
  DOC_CONSENT,
  DOC_DISABILITY,
  DOC_ID,
  DOC_INCOME,
  DOC_MEDICAL,
  fact,
  marginAssets,
  mul,
  onDibao,
  p,
  param,
  round,
  sub,
  add,
  when,
} from './dsl.js';

const BASIS = ['《社会救助暂行办法》', '《最低生活保障审核确认办法》', '《关于改革完善社会救助制度的意见》'];

const topUp = (share: string, count: 'severeDisabilityCount' | 'seriousIllnessCount' | 'elderlyCount' | 'minorCount') =>
  mul(param('dibao_standard'), param(share), fact(count));

export const dibao: PolicyDefinition = {
  code: 'dibao',
  name: '城乡最低生活保障',
  group: 'dibao',
  department: '民政',
  legalBasis: BASIS,
  benefit:
    '按家庭人均收入低于当地低保标准的差额，按月发放低保金；家中有重度残疾人、重病患者、老年人、未成年人的按标准增发（分类施保）；同时可享受医疗、教育、住房、就业等专项救助。',
  requiredDocuments: [DOC_APPLICATION, DOC_ID, DOC_CONSENT, DOC_INCOME, `${DOC_DISABILITY}、${DOC_MEDICAL}（如有）`, DOC_BANK],
  rule: all('符合城乡低保条件', when('income', '家庭人均月收入低于当地低保标准', 'perCapitaIncome', 'lt', p('dibao_standard')), dibaoAssets()),
  benefitFormula: {
    label: '（低保标准 − 家庭人均月收入）× 共同生活人数',
    expr: round(mul(sub(param('dibao_standard'), fact('perCapitaIncome')), fact('householdSize'))),
    unit: '元/月',
    topUps: [
      {
        label: '重度残疾人按低保标准的一定比例增发',
        when: when('severe', '家中有一、二级残疾人', 'severeDisabilityCount', 'gte', 1),
        expr: round(topUp('dibao_topup_share_severe_disability', 'severeDisabilityCount')),
      },
      {
        label: '重病患者按低保标准的一定比例增发',
        when: when('serious', '家中有重病患者', 'seriousIllnessCount', 'gte', 1),
        expr: round(topUp('dibao_topup_share_serious_illness', 'seriousIllnessCount')),
      },
      {
        label: '老年人按低保标准的一定比例增发',
        when: when('elderly', '家中有60周岁以上老年人', 'elderlyCount', 'gte', 1),
        expr: round(topUp('dibao_topup_share_elderly', 'elderlyCount')),
      },
      {
        label: '未成年人按低保标准的一定比例增发',
        when: when('minor', '家中有未成年人', 'minorCount', 'gte', 1),
        expr: round(topUp('dibao_topup_share_minor', 'minorCount')),
      },
    ],
  },
  effectiveFrom: '2024-01-01',
  exitGraceMonths: 6,
  references: [
    qualifies(
      '三口之家人均月收入600元，户主二级肢体残疾',
      household({ members: [unable(48, { disability: [4, 2] }), spouse(45), child(14)], perCapitaIncome: 600, deposits: 10000 }),
    ),
    qualifies(
      '奖学金、计划生育奖励扶助不计入收入：计算收入人均500元',
      household({
        members: [adult(50), spouse(48), child(19, { employment: 'student' })],
        incomes: [
          { type: 'wage', monthlyAmount: 1500 },
          { type: 'scholarship', monthlyAmount: 1000 },
          { type: 'family_planning_award', monthlyAmount: 200 },
        ],
      }),
    ),
    qualifies(
      '残疾人功能性代步车不影响低保',
      household({ members: [unable(55, { disability: [4, 1] }), spouse(53)], perCapitaIncome: 500, vehicles: 1, disabilityVehicle: true }),
    ),
    fails('人均月收入1200元，高于低保标准', household({ members: [adult(40), spouse(38), child(10)], perCapitaIncome: 1200 })),
    fails('收入符合，但家中有一辆小汽车', household({ members: [adult(40), spouse(38), child(10)], perCapitaIncome: 500, vehicles: 1 })),
    fails('收入符合，但人均存款3万元超过限额', household({ members: [adult(40), spouse(38), child(10)], perCapitaIncome: 500, deposits: 90000 })),
    fails('人均月收入900元：2024年7月提标前高于标准870元', household({ members: [adult(62), spouse(60)], perCapitaIncome: 900 })),
    qualifies('人均月收入900元：2024年7月提标至920元后符合', household({ members: [adult(62), spouse(60)], perCapitaIncome: 900 }), '2024-08-01'),
    undecided('家庭收入未申报', household({ members: [adult(40), spouse(38), child(10)], unknownIncome: true }), ['perCapitaIncome']),
    undecided('家庭财产未申报', household({ members: [adult(40), spouse(38), child(10)], perCapitaIncome: 500, unknownAssets: true }), [
      'perCapitaFinancialAssets',
      'homeCount',
      'vehicleCount',
      'hasBusinessRegistration',
    ]),
    fails('独居老人人均月收入950元（养老金）', single(adult(70), { income: 950, incomeType: 'pension' })),
    // 赡养费 is income (《最低生活保障审核确认办法》): support owed by a well-off supporter counts (issue 12).
    fails(
      '独居老人养老金600元，外地儿子月收入9200元：按收入计入赡养费2238元',
      single(adult(70), { income: 600, incomeType: 'pension', supporters: [supporter('child', 45, 9200)] }),
    ),
    qualifies(
      '独居老人养老金600元，外地儿子月收入1500元（低于履行能力收入线，不计赡养费）',
      single(adult(70), { income: 600, incomeType: 'pension', supporters: [supporter('child', 45, 1500)] }),
    ),
    undecided(
      '独居老人养老金600元，外地儿子收入未核实',
      single(adult(70), { income: 600, incomeType: 'pension', supporters: [supporter('child', 45, null)] }),
      ['perCapitaIncome'],
    ),
  ],
};

export const dibaoSinglePerson: PolicyDefinition = {
  code: 'dibao_single_person',
  name: '低保单人户施保（重残、重病人员）',
  group: 'dibao',
  department: '民政',
  legalBasis: BASIS,
  benefit: '家庭整体收入略高于低保标准（低保边缘家庭）时，其中的成年重度残疾人、重病患者可单独纳入低保，按单人户发放低保金。',
  requiredDocuments: [DOC_APPLICATION, DOC_ID, DOC_CONSENT, DOC_INCOME, `${DOC_DISABILITY}或${DOC_MEDICAL}`, DOC_BANK],
  rule: all(
    '符合单人户施保条件',
    any(
      '家中有重度残疾人或重病患者',
      when('severe', '家中有一、二级残疾人', 'severeDisabilityCount', 'gte', 1),
      when('serious', '家中有重病患者', 'seriousIllnessCount', 'gte', 1),
    ),
    when('above_dibao', '家庭人均月收入不低于低保标准（整户不符合低保）', 'perCapitaIncome', 'gte', p('dibao_standard')),
    when('margin_line', '家庭人均月收入不超过低保标准的1.5倍（低保边缘家庭）', 'perCapitaIncome', 'lte', p('margin_income_line')),
    marginAssets(),
  ),
  benefitFormula: {
    label: '按单人户计发：当地低保标准（本人无收入时）',
    expr: param('dibao_standard'),
    unit: '元/月',
  },
  effectiveFrom: '2024-01-01',
  exitGraceMonths: 6,
  references: [
    qualifies(
      '户主尿毒症透析，家庭人均月收入1100元',
      household({ members: [unable(52, { health: 'serious' }), spouse(50), child(24)], perCapitaIncome: 1100, deposits: 20000 }),
    ),
    qualifies(
      '女儿一级智力残疾，家庭人均月收入1200元',
      household({ members: [adult(50), spouse(48), unable(22, { relation: 'child', disability: [5, 1] })], perCapitaIncome: 1200 }),
    ),
    fails('家庭人均月收入1100元，但无重残、重病成员', household({ members: [adult(52), spouse(50), child(24)], perCapitaIncome: 1100 })),
    fails('家庭人均月收入700元：应整户申请低保', household({ members: [unable(52, { health: 'serious' }), spouse(50)], perCapitaIncome: 700 })),
    fails('家庭人均月收入1600元，超过低保边缘标准', household({ members: [unable(52, { health: 'serious' }), spouse(50)], perCapitaIncome: 1600 })),
    undecided('户主健康状况未采集', household({ members: [adult(52, { health: null }), spouse(50), child(24)], perCapitaIncome: 1100 }), [
      'seriousIllnessCount',
    ]),
  ],
};

export const dibaoClassifiedTopUp: PolicyDefinition = {
  code: 'dibao_classified_topup',
  name: '低保分类施保增发',
  group: 'dibao',
  department: '民政',
  legalBasis: BASIS,
  benefit: '低保家庭中的重度残疾人、重病患者、60周岁以上老年人和未成年人，在低保金之外按当地低保标准的一定比例按月增发。',
  requiredDocuments: [DOC_ID, `${DOC_DISABILITY}或${DOC_MEDICAL}（重残、重病人员）`],
  rule: all(
    '低保家庭中有重点保障对象',
    onDibao(),
    any(
      '家中有重度残疾人、重病患者、老年人或未成年人',
      when('severe', '家中有一、二级残疾人', 'severeDisabilityCount', 'gte', 1),
      when('serious', '家中有重病患者', 'seriousIllnessCount', 'gte', 1),
      when('elderly', '家中有60周岁以上老年人', 'elderlyCount', 'gte', 1),
      when('minor', '家中有未成年人', 'minorCount', 'gte', 1),
    ),
  ),
  benefitFormula: {
    label: '低保标准 ×（重残人数×重残比例 + 重病人数×重病比例 + 老年人数×老年比例 + 未成年人数×未成年比例）',
    expr: round(
      add(
        topUp('dibao_topup_share_severe_disability', 'severeDisabilityCount'),
        topUp('dibao_topup_share_serious_illness', 'seriousIllnessCount'),
        topUp('dibao_topup_share_elderly', 'elderlyCount'),
        topUp('dibao_topup_share_minor', 'minorCount'),
      ),
    ),
    unit: '元/月',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保户中有75岁老人', single(adult(75), { benefits: ['dibao'] })),
    qualifies('低保户中有一级视力残疾人和一名小学生', household({ members: [unable(40, { disability: [1, 1] }), child(9)], benefits: ['dibao'] })),
    fails('低保户，成员均为健康的劳动年龄人', household({ members: [adult(45), spouse(44)], perCapitaIncome: 600, benefits: ['dibao'] })),
    fails('有重度残疾人但未享受低保', household({ members: [unable(45, { disability: [4, 1] }), spouse(44)], perCapitaIncome: 600 })),
    undecided('低保户，户主残疾情况未采集', household({ members: [adult(45, { disability: undefined }), spouse(44)], benefits: ['dibao'] }), [
      'severeDisabilityCount',
    ]),
  ],
};

export const dibaoEmploymentGrace: PolicyDefinition = {
  code: 'dibao_employment_grace',
  name: '低保家庭就业渐退',
  group: 'dibao',
  department: '民政',
  legalBasis: BASIS,
  benefit: '低保家庭因成员就业使人均收入超过低保标准、但不超过1.5倍的，给予6至12个月渐退期，渐退期内继续享受低保待遇（“扶上马、送一程”）。',
  requiredDocuments: [DOC_ID, '新就业成员劳动合同或工资证明'],
  rule: all(
    '低保家庭因就业收入超过标准',
    onDibao(),
    when('employed', '家中有成员就业', 'employedCount', 'gte', 1),
    when('above_dibao', '家庭人均月收入已达到或超过低保标准', 'perCapitaIncome', 'gte', p('dibao_standard')),
    when('margin_line', '家庭人均月收入不超过低保标准的1.5倍', 'perCapitaIncome', 'lte', p('margin_income_line')),
  ),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '低保户儿子参加工作，人均月收入升至1000元',
      household({
        members: [unable(50, { health: 'chronic' }), spouse(48, { employment: 'unemployed' }), child(23)],
        perCapitaIncome: 1000,
        benefits: [['dibao', 24]],
      }),
    ),
    fails('低保户人均月收入升至1500元', household({ members: [adult(50), spouse(48)], perCapitaIncome: 1500, benefits: ['dibao'] })),
    fails('未享受低保', household({ members: [adult(50), spouse(48)], perCapitaIncome: 1000 })),
    undecided(
      '低保户，儿子就业状况未采集',
      household({
        members: [unable(50), spouse(48, { employment: 'unemployed' }), child(23, { employment: null })],
        perCapitaIncome: 1000,
        benefits: ['dibao'],
      }),
      ['employedCount'],
    ),
  ],
};

export const DIBAO_POLICIES: PolicyDefinition[] = [dibao, dibaoSinglePerson, dibaoClassifiedTopUp, dibaoEmploymentGrace];
