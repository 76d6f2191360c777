/** 住房救助 (住建): public rental housing, rent subsidies and repair of dangerous rural homes. */
import type { PolicyDefinition } from '@zczr/eligibility';
import { adult, fails, household, JINJIANG_COMMUNITY, qualifies, WENJIANG_VILLAGE, spouse, undecided, unable, child } from '../reference-builders.js';
import { all, any, DOC_CONSENT, DOC_ID, DOC_INCOME, fact, inAssistance, mul, onDibao, onMargin, onTekun, p, param, when } from './dsl.js';

const BASIS = ['《社会救助暂行办法》', '《公共租赁住房管理办法》'];
/** 公共租赁住房 serves 城镇 households (《公共租赁住房管理办法》第三条、第七条): residents' committees only. */
const urban = () => when('urban', '居住在城镇（居委会辖区）', 'ruralCommunity', 'eq', false);
const DOC_HOUSING = '住房情况声明（不动产登记信息由住建部门核查）';

export const housingPublicRental: PolicyDefinition = {
  code: 'housing_public_rental',
  name: '公共租赁住房实物配租',
  group: 'housing',
  department: '住建',
  legalBasis: BASIS,
  benefit: '城镇住房、收入困难家庭可申请公共租赁住房，按低于市场租金的标准承租；低保、特困家庭租金减免。',
  requiredDocuments: [DOC_ID, DOC_CONSENT, DOC_INCOME, DOC_HOUSING],
  rule: all(
    '收入和住房符合公租房准入条件',
    urban(),
    when('income', '家庭人均月收入不高于当地公租房准入收入线', 'perCapitaIncome', 'lte', p('public_rental_income_limit')),
    any(
      '住房困难',
      when('no_home', '在本地无自有住房', 'homeCount', 'eq', 0),
      when('small_home', '人均住房建筑面积低于规定标准', 'homeAreaPerCapita', 'lt', p('public_rental_area_limit')),
    ),
  ),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('人均月收入2000元的无房家庭', household({ members: [adult(35), spouse(33)], perCapitaIncome: 2000, homes: [] })),
    qualifies('三口之家住25平方米老房', household({ members: [adult(35), spouse(33), child(6)], perCapitaIncome: 2000, homes: [25] })),
    fails('有一套80平方米住房', household({ members: [adult(35), spouse(33)], perCapitaIncome: 2000, homes: [80] })),
    fails('温江区：人均月收入2500元，高于区收入线2400元', household({ members: [adult(35), spouse(33)], perCapitaIncome: 2500, homes: [] })),
    qualifies(
      '锦江区：人均月收入2500元，未超过市收入线2600元',
      household({ members: [adult(35), spouse(33)], perCapitaIncome: 2500, homes: [], regionCode: JINJIANG_COMMUNITY }),
    ),
    undecided('住房情况未申报', household({ members: [adult(35), spouse(33)], perCapitaIncome: 2000, unknownAssets: true }), [
      'homeCount',
      'homeAreaPerCapita',
    ]),
    fails(
      '村委会（农村）的无房家庭：公租房面向城镇',
      household({ regionCode: WENJIANG_VILLAGE, members: [adult(35), spouse(33)], perCapitaIncome: 2000, homes: [] }),
    ),
  ],
};

export const housingRentSubsidy: PolicyDefinition = {
  code: 'housing_rent_subsidy',
  name: '公租房租赁补贴（低保、特困、低保边缘家庭）',
  group: 'housing',
  department: '住建',
  legalBasis: BASIS,
  benefit: '无自有住房、在市场租房居住的特困、低保、低保边缘家庭，按保障面积和补贴标准按月发放租赁补贴。',
  requiredDocuments: [DOC_ID, DOC_HOUSING, '房屋租赁合同'],
  rule: all('无房的救助对象家庭', urban(), inAssistance(), when('no_home', '无自有住房（租房居住）', 'homeCount', 'eq', 0)),
  benefitFormula: {
    label: '租赁补贴标准 × 人均保障面积 × 共同生活人数',
    expr: mul(param('rent_subsidy_per_m2'), param('rent_subsidy_area_per_capita'), fact('householdSize')),
    unit: '元/月',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('租房居住的低保家庭', household({ members: [adult(45), spouse(43), child(12)], perCapitaIncome: 600, homes: [], benefits: ['dibao'] })),
    fails('有自有住房的低保家庭', household({ members: [adult(45), spouse(43), child(12)], perCapitaIncome: 600, benefits: ['dibao'] })),
    fails(
      '村委会（农村）租房的低保家庭：公租房租赁补贴面向城镇',
      household({ regionCode: WENJIANG_VILLAGE, members: [adult(45), spouse(43), child(12)], perCapitaIncome: 600, homes: [], benefits: ['dibao'] }),
    ),
    fails('无房但不是救助对象', household({ members: [adult(45), spouse(43)], perCapitaIncome: 2000, homes: [] })),
    undecided('低保家庭住房情况未申报', household({ members: [adult(45), spouse(43)], perCapitaIncome: 600, unknownAssets: true, benefits: ['dibao'] }), [
      'homeCount',
    ]),
  ],
};

export const housingRuralRepair: PolicyDefinition = {
  code: 'housing_rural_repair',
  name: '农村低收入群体危房改造',
  group: 'housing',
  department: '住建',
  legalBasis: ['《社会救助暂行办法》', '《关于做好农村低收入群体等重点对象住房安全保障工作的实施意见》'],
  benefit: '农村特困、低保、低保边缘家庭和低收入重度残疾人家庭，自有住房经鉴定为C级、D级危房的，给予改造补助（加固或拆除重建）。',
  requiredDocuments: [DOC_ID, '房屋安全性鉴定（由住建部门组织）', '改造申请及方案'],
  rule: all(
    '农村低收入重点对象的自有住房',
    when('rural', '住房位于农村（村委会辖区）', 'ruralCommunity', 'eq', true),
    any(
      '属于农村低收入重点对象',
      onTekun(),
      onDibao(),
      onMargin(),
      all(
        '低收入家庭中的重度残疾人家庭',
        when('severe', '家中有一、二级残疾人', 'severeDisabilityCount', 'gte', 1),
        when('low_income', '家庭人均月收入不超过当地低保标准的2倍', 'perCapitaIncome', 'lte', p('low_income_line')),
      ),
    ),
    when('own_home', '有自有住房（危房等级须经住建部门鉴定为C级或D级）', 'homeCount', 'gte', 1),
  ),
  benefitFormula: {
    label: '危房改造户均补助',
    expr: param('rural_repair_grant'),
    unit: '元',
  },
  effectiveFrom: '2024-01-01',
  references: [
    fails(
      '居委会（城镇社区）的低保家庭：农村危房改造只适用于农村',
      household({ members: [adult(66), spouse(64)], perCapitaIncome: 600, homes: [90], benefits: ['dibao'] }),
    ),
    qualifies(
      '有自有老房的低保家庭',
      household({ regionCode: WENJIANG_VILLAGE, members: [adult(66), spouse(64)], perCapitaIncome: 600, homes: [90], benefits: ['dibao'] }),
    ),
    qualifies(
      '人均月收入1500元的重度残疾人家庭',
      household({ regionCode: WENJIANG_VILLAGE, members: [unable(50, { disability: [4, 1] }), spouse(48)], perCapitaIncome: 1500, homes: [90] }),
    ),
    fails(
      '无自有住房的低保家庭',
      household({ regionCode: WENJIANG_VILLAGE, members: [adult(66), spouse(64)], perCapitaIncome: 600, homes: [], benefits: ['dibao'] }),
    ),
    undecided(
      '人均月收入1500元，户主残疾情况未采集',
      household({ regionCode: WENJIANG_VILLAGE, members: [adult(50, { disability: undefined }), spouse(48)], perCapitaIncome: 1500, homes: [90] }),
      ['severeDisabilityCount'],
    ),
  ],
};

export const HOUSING_POLICIES: PolicyDefinition[] = [housingPublicRental, housingRentSubsidy, housingRuralRepair];
