/**
 * Every threshold and amount the policies use, as data: a value per region (code prefix: '' national,
 * '51' Sichuan, '5101' Chengdu, '510115' Wenjiang) from an effective date. The most specific region
 * with a value valid on the date wins, so Wenjiang overrides Chengdu only where it sets its own value.
 *
 * Figures are demo values in the right order of magnitude for Chengdu/Wenjiang, not published ones:
 * each `source` says where the real figure is set. Replace them from the local documents before use.
 */
import type { ParameterDefinition, ParameterValue } from '@zczr/eligibility';

export const NATIONAL = '';
export const SICHUAN = '51';
export const CHENGDU = '5101';
export const WENJIANG = '510115';

const DEMO = '演示数据';

function param(name: string, label: string, unit: string, values: ParameterValue[]): ParameterDefinition {
  return { name, label, unit, values };
}

function val(region: string, effectiveFrom: string, value: number, source: string, effectiveTo?: string): ParameterValue {
  return effectiveTo === undefined ? { region, effectiveFrom, value, source } : { region, effectiveFrom, effectiveTo, value, source };
}

// ---- base parameters -------------------------------------------------------------------------

const BASE: ParameterDefinition[] = [
  // 低保
  param('dibao_standard', '城乡低保标准', '元/人/月', [
    val(CHENGDU, '2022-07-01', 870, `成都市城乡统一低保标准（${DEMO}，以市民政局、市财政局公布为准）`, '2024-07-01'),
    val(CHENGDU, '2024-07-01', 920, `成都市城乡统一低保标准 2024 年调整（${DEMO}）`),
  ]),
  param('deposit_limit_months', '低保家庭人均金融资产上限（月数）', '个月', [
    val(CHENGDU, '2022-07-01', 24, `人均存款、有价证券等金融资产不超过当地月低保标准的倍数（${DEMO}）`),
  ]),
  param('dibao_topup_share_severe_disability', '分类施保：重度残疾人增发比例', '倍低保标准', [
    val(CHENGDU, '2022-07-01', 0.2, `低保家庭中一、二级残疾人按低保标准一定比例增发（${DEMO}）`),
  ]),
  param('dibao_topup_share_serious_illness', '分类施保：重病患者增发比例', '倍低保标准', [
    val(CHENGDU, '2022-07-01', 0.2, `低保家庭中重病患者按低保标准一定比例增发（${DEMO}）`),
  ]),
  param('dibao_topup_share_elderly', '分类施保：老年人增发比例', '倍低保标准', [
    val(CHENGDU, '2022-07-01', 0.1, `低保家庭中 60 周岁以上老年人按低保标准一定比例增发（${DEMO}）`),
  ]),
  param('dibao_topup_share_minor', '分类施保：未成年人增发比例', '倍低保标准', [
    val(CHENGDU, '2022-07-01', 0.1, `低保家庭中未成年人按低保标准一定比例增发（${DEMO}）`),
  ]),
  param('employment_cost_deduction_months', '就业成本扣减期限', '个月', [
    val(NATIONAL, '2021-07-01', 6, '《最低生活保障审核确认办法》：就业产生的必要成本可扣减（期限由各地确定）'),
    val(CHENGDU, '2022-07-01', 12, `新就业人员工资收入扣减期限（${DEMO}）`),
  ]),
  param('employment_cost_deduction_share', '就业成本扣减比例', '比例', [
    val(NATIONAL, '2021-07-01', 0.2, '就业成本扣减比例（各地确定；全国通行做法约 20%–30%）'),
    val(CHENGDU, '2022-07-01', 0.3, `新就业人员工资收入扣减比例（${DEMO}）`),
  ]),

  // 特困
  param('tekun_support_multiplier', '特困人员基本生活标准（倍低保标准）', '倍', [
    val(NATIONAL, '2016-10-01', 1.3, '基本生活标准一般不低于当地低保标准的 1.3 倍（各省通行口径）'),
  ]),
  param('tekun_care_self_care', '特困人员照料护理标准：全自理', '元/人/月', [
    val(CHENGDU, '2022-07-01', 210, `全自理特困人员照料护理标准（${DEMO}，约为当地最低工资的 10%）`),
  ]),
  param('tekun_care_partial', '特困人员照料护理标准：半护理', '元/人/月', [
    val(CHENGDU, '2022-07-01', 630, `半护理（部分丧失生活自理能力）照料护理标准（${DEMO}，约 30%）`),
  ]),
  param('tekun_care_total', '特困人员照料护理标准：全护理', '元/人/月', [
    val(CHENGDU, '2022-07-01', 1260, `全护理（完全丧失生活自理能力）照料护理标准（${DEMO}，约 60%）`),
  ]),

  param('supporter_ability_multiplier', '法定义务人履行能力收入线（倍低保标准）', '倍', [
    val(
      CHENGDU,
      '2022-07-01',
      2,
      `法定赡养、抚养、扶养义务人本人月收入低于当地低保标准的该倍数时，视为无履行义务能力（《特困人员认定办法》第九条第六项由省级规定的其他情形；${DEMO}）`,
    ),
  ]),
  param('support_payment_share', '赡养费计算比例', '比例', [
    val(
      CHENGDU,
      '2022-07-01',
      0.3,
      `法定义务人月收入超过履行能力收入线部分按该比例计为应付赡养（抚养、扶养）费，计入申请家庭收入（《最低生活保障审核确认办法》转移净收入含赡养费；计算方法由各地确定，${DEMO}）`,
    ),
  ]),

  // 低保边缘、低收入
  param('margin_multiplier', '低保边缘家庭收入上限（倍低保标准）', '倍', [
    val(NATIONAL, '2021-07-01', 1.5, '一般为当地低保标准的 1.5 倍（《关于加强低收入人口动态监测做好分层分类社会救助工作的意见》）'),
    val(CHENGDU, '2022-07-01', 1.5, `成都市低保边缘家庭认定标准（${DEMO}）`),
  ]),
  param('margin_deposit_limit_months', '低保边缘家庭人均金融资产上限（月数）', '个月', [
    val(CHENGDU, '2022-07-01', 36, `低保边缘家庭人均金融资产不超过当地月低保标准的倍数（${DEMO}）`),
  ]),
  param('low_income_multiplier', '低收入人口动态监测收入上限（倍低保标准）', '倍', [
    val(NATIONAL, '2021-07-01', 2, '收入在低保标准 2 倍以内的家庭纳入动态监测（各地通行口径）'),
  ]),
  param('minimum_wage', '当地月最低工资标准', '元/月', [
    val(SICHUAN, '2022-04-01', 1870, `四川省月最低工资标准第三档（${DEMO}）`),
    val(CHENGDU, '2022-04-01', 2100, `成都市适用的月最低工资标准第一档（${DEMO}）`),
  ]),

  // 刚性支出
  param('rigid_expense_share', '刚性支出占家庭收入比例下限', '比例', [
    val(CHENGDU, '2022-07-01', 0.6, `近 12 个月医疗、教育、康复刚性支出占家庭总收入的比例（${DEMO}）`),
  ]),
  param('disposable_income_last_year', '上年度居民人均可支配收入', '元/人/年', [
    val(CHENGDU, '2023-03-01', 47000, `成都市上年度全体居民人均可支配收入（${DEMO}，以统计公报为准）`, '2024-03-01'),
    val(CHENGDU, '2024-03-01', 49500, `成都市上年度全体居民人均可支配收入（${DEMO}）`),
    val(WENJIANG, '2024-03-01', 48000, `温江区上年度全体居民人均可支配收入（${DEMO}，区统计公报）`),
  ]),

  // 临时救助
  param('temporary_window_months', '急难情形申请时限', '个月', [val(CHENGDU, '2022-07-01', 3, `急难型临时救助：突发事件发生后 3 个月内（${DEMO}）`)]),
  param('temporary_emergency_months', '急难型临时救助额度（月数）', '个月', [
    val(CHENGDU, '2022-07-01', 3, `一次性救助，一般按月低保标准的倍数计算（${DEMO}）`),
  ]),
  param('temporary_expenditure_months', '支出型临时救助额度（月数）', '个月', [
    val(CHENGDU, '2022-07-01', 6, `支出型临时救助一般不超过 6 个月低保标准（特殊情况可至 12 个月）（${DEMO}）`),
  ]),

  // 医疗救助
  param('medical_premium_individual', '城乡居民医保个人缴费标准', '元/人/年', [
    val(NATIONAL, '2023-01-01', 380, '国家医保局等：城乡居民医保个人缴费标准（2023 年度）', '2024-01-01'),
    val(NATIONAL, '2024-01-01', 400, '国家医保局等：城乡居民医保个人缴费标准（2024 年度）'),
  ]),
  param('medical_premium_subsidy_share_dibao', '低保对象参保资助比例', '比例', [val(CHENGDU, '2022-01-01', 0.7, `低保对象个人缴费部分按比例资助（${DEMO}）`)]),
  param('medical_premium_subsidy_share_margin', '低保边缘等对象参保资助比例', '比例', [
    val(CHENGDU, '2022-01-01', 0.5, `低保边缘家庭成员、刚性支出困难家庭重病患者按比例资助（${DEMO}）`),
  ]),
  param('medical_outpatient_cap', '门诊救助年度限额', '元/人/年', [val(CHENGDU, '2022-01-01', 3000, `门诊慢特病救助年度限额（${DEMO}）`)]),
  param('medical_outpatient_ratio', '门诊救助比例', '比例', [val(CHENGDU, '2022-01-01', 0.7, `门诊慢特病政策范围内自付费用救助比例（${DEMO}）`)]),
  param('medical_inpatient_ratio_dibao', '住院救助比例（特困、低保）', '比例', [
    val(NATIONAL, '2022-01-01', 0.7, '政策范围内自付费用救助比例，低保对象一般为 70%（国办发〔2021〕42号）'),
  ]),
  param('medical_inpatient_ratio_margin', '住院救助比例（低保边缘）', '比例', [
    val(CHENGDU, '2022-01-01', 0.6, `低保边缘家庭成员救助比例略低于低保对象（${DEMO}）`),
  ]),
  param('medical_inpatient_deductible_margin', '住院救助起付标准（低保边缘）', '元/年', [
    val(CHENGDU, '2023-03-01', 4700, `按上年居民人均可支配收入的 10% 左右确定（${DEMO}）`),
  ]),
  param('medical_assistance_cap', '医疗救助年度限额', '元/人/年', [val(CHENGDU, '2022-01-01', 100000, `住院及重特大疾病医疗救助年度救助限额（${DEMO}）`)]),
  param('medical_catastrophic_threshold', '高额医疗费用认定标准', '元/12个月', [
    val(NATIONAL, '2021-11-01', 50000, '近 12 个月医疗自付费用 5 万元以上触发高额医疗费用预警（各地通行口径）'),
  ]),
  param('medical_catastrophic_ratio', '重特大疾病倾斜救助比例', '比例', [val(CHENGDU, '2022-01-01', 0.5, `因病致贫重病患者倾斜救助比例（${DEMO}）`)]),

  // 教育
  param('preschool_grant', '学前教育资助标准', '元/人/年', [val(CHENGDU, '2022-09-01', 1000, `家庭经济困难幼儿保教费资助（${DEMO}）`)]),
  param('boarding_grant_primary', '义务教育寄宿生生活费补助（小学）', '元/人/年', [
    val(NATIONAL, '2019-09-01', 1000, '中央核定的家庭经济困难寄宿生生活费补助基础标准：小学每生每年 1000 元'),
  ]),
  param('boarding_grant_junior', '义务教育寄宿生生活费补助（初中）', '元/人/年', [
    val(NATIONAL, '2019-09-01', 1250, '中央核定的家庭经济困难寄宿生生活费补助基础标准：初中每生每年 1250 元'),
  ]),
  param('senior_high_grant', '普通高中国家助学金平均标准', '元/人/年', [
    val(NATIONAL, '2019-09-01', 2000, `普通高中国家助学金平均资助标准（${DEMO}）`, '2024-09-01'),
    val(NATIONAL, '2024-09-01', 2300, `普通高中国家助学金平均资助标准，2024 年秋季学期起（${DEMO}）`),
  ]),
  param('vocational_grant', '中职国家助学金平均标准', '元/人/年', [
    val(NATIONAL, '2019-09-01', 2000, `中等职业教育国家助学金（${DEMO}）`, '2024-09-01'),
    val(NATIONAL, '2024-09-01', 2300, `中等职业教育国家助学金，2024 年秋季学期起（${DEMO}）`),
  ]),
  param('college_entry_grant', '大学新生入学资助（省内院校）', '元/人', [
    val(NATIONAL, '2019-09-01', 500, '中国教育发展基金会新生入学资助项目：省内院校 500 元、省外院校 1000 元'),
  ]),
  param('college_grant', '高校国家助学金平均标准', '元/人/年', [
    val(NATIONAL, '2019-09-01', 3300, `本专科生国家助学金平均资助标准（${DEMO}）`, '2024-09-01'),
    val(NATIONAL, '2024-09-01', 3700, `本专科生国家助学金平均资助标准，2024 年秋季学期起（${DEMO}）`),
  ]),
  param('student_loan_cap', '生源地信用助学贷款额度上限（本专科）', '元/人/年', [
    val(NATIONAL, '2021-09-01', 12000, `本专科生每人每年贷款额度上限（${DEMO}）`, '2023-09-01'),
    val(NATIONAL, '2023-09-01', 16000, `本专科生每人每年贷款额度上限（${DEMO}）`, '2024-09-01'),
    val(NATIONAL, '2024-09-01', 20000, `本专科生每人每年贷款额度上限（${DEMO}）`),
  ]),

  // 住房
  param('public_rental_income_limit', '公租房保障家庭人均月收入上限', '元/人/月', [
    val(CHENGDU, '2022-01-01', 2600, `成都市公租房准入收入线（${DEMO}）`),
    val(WENJIANG, '2023-01-01', 2400, `温江区公租房准入收入线（${DEMO}）`),
  ]),
  param('public_rental_area_limit', '公租房保障家庭人均住房建筑面积上限', 'm²/人', [
    val(CHENGDU, '2022-01-01', 16, `人均住房建筑面积低于该值视为住房困难（${DEMO}）`),
  ]),
  param('rent_subsidy_per_m2', '公租房租赁补贴标准', '元/m²/月', [
    val(CHENGDU, '2022-01-01', 10, `租赁补贴按保障面积发放（${DEMO}）`),
    val(WENJIANG, '2023-01-01', 9, `温江区租赁补贴标准（${DEMO}）`),
  ]),
  param('rent_subsidy_area_per_capita', '租赁补贴人均保障面积', 'm²/人', [val(CHENGDU, '2022-01-01', 15, `租赁补贴人均保障面积（${DEMO}）`)]),
  param('rural_repair_grant', '农村危房改造补助', '元/户', [val(CHENGDU, '2022-01-01', 30000, `C、D 级危房改造户均补助（${DEMO}）`)]),

  // 就业
  param('public_welfare_post_min_age', '公益性岗位安置年龄下限', '岁', [
    val(CHENGDU, '2022-01-01', 40, `就业困难人员中大龄人员（“4050”人员，女 40 周岁、男 50 周岁）优先，按女性口径（${DEMO}）`),
  ]),
  param('public_welfare_post_max_age', '公益性岗位安置年龄上限', '岁', [val(NATIONAL, '2022-01-01', 60, '距法定退休年龄；安置人员不得超过法定退休年龄')]),
  param('vocational_training_subsidy', '职业培训补贴', '元/人', [val(CHENGDU, '2022-01-01', 1500, `取得职业资格或技能等级证书后的培训补贴（${DEMO}）`)]),
  param('flexible_insurance_subsidy', '灵活就业人员社会保险补贴', '元/人/月', [
    val(CHENGDU, '2022-01-01', 450, `就业困难人员灵活就业后社保补贴，约为实际缴费的 2/3（${DEMO}）`),
  ]),
  param('public_welfare_post_wage', '公益性岗位补贴', '元/人/月', [val(CHENGDU, '2022-04-01', 2100, `不低于当地最低工资标准（${DEMO}）`)]),

  // 残疾人
  param('disability_living_subsidy', '困难残疾人生活补贴', '元/人/月', [val(CHENGDU, '2022-01-01', 100, `低保、低保边缘家庭中的残疾人（${DEMO}）`)]),
  param('severe_disability_care_subsidy', '重度残疾人护理补贴', '元/人/月', [
    val(CHENGDU, '2022-01-01', 90, `一、二级及三级智力、精神残疾人（一级 120 元，估算按 90 元）（${DEMO}）`),
  ]),
  param('disability_rehab_grant', '残疾人基本康复救助限额', '元/人/年', [val(CHENGDU, '2022-01-01', 8000, `基本康复服务救助年度限额（${DEMO}）`)]),
  param('home_accessibility_grant', '困难残疾人家庭无障碍改造补助', '元/户', [val(CHENGDU, '2022-01-01', 6000, `户均改造补助（${DEMO}）`)]),

  // 儿童
  param('orphan_allowance', '孤儿基本生活费（散居）', '元/人/月', [val(CHENGDU, '2023-01-01', 1600, `散居孤儿基本生活保障标准（${DEMO}）`)]),
  param('unsupported_child_allowance', '事实无人抚养儿童基本生活补贴', '元/人/月', [
    val(CHENGDU, '2023-01-01', 1600, `参照散居孤儿基本生活保障标准（${DEMO}）`),
  ]),
  param('child_in_difficulty_allowance', '困境儿童基本生活补贴', '元/人/月', [val(CHENGDU, '2023-01-01', 600, `困境儿童分类保障（${DEMO}）`)]),

  // 老年人
  param('longevity_age_80', '高龄津贴起始年龄', '岁', [val(CHENGDU, '2022-01-01', 80, `高龄津贴发放起始年龄（${DEMO}）`)]),
  param('longevity_age_90', '高龄津贴第二档年龄', '岁', [val(CHENGDU, '2022-01-01', 90, DEMO)]),
  param('longevity_age_100', '百岁老人长寿补贴年龄', '岁', [val(NATIONAL, '2022-01-01', 100, '百岁老人')]),
  param('longevity_allowance_80', '高龄津贴（80–89 周岁）', '元/人/月', [
    val(CHENGDU, '2022-01-01', 50, `80–89 周岁老年人高龄津贴（${DEMO}）`),
    val(WENJIANG, '2023-01-01', 60, `温江区区级提标（${DEMO}）`),
  ]),
  param('longevity_allowance_90', '高龄津贴（90–99 周岁）', '元/人/月', [
    val(CHENGDU, '2022-01-01', 100, `90–99 周岁老年人高龄津贴（${DEMO}）`),
    val(WENJIANG, '2023-01-01', 120, `温江区区级提标（${DEMO}）`),
  ]),
  param('longevity_allowance_100', '百岁老人长寿补贴', '元/人/月', [val(CHENGDU, '2022-01-01', 300, `100 周岁以上老年人（${DEMO}）`)]),
  param('elderly_care_subsidy', '经济困难失能老年人护理补贴', '元/人/月', [val(CHENGDU, '2022-01-01', 200, `经评估失能的低保、低保边缘家庭老年人（${DEMO}）`)]),
  param('home_care_service_subsidy', '居家养老服务补贴', '元/人/月', [
    val(CHENGDU, '2022-01-01', 100, `以服务券形式发放（${DEMO}）`),
    val(WENJIANG, '2023-01-01', 120, `温江区居家养老服务补贴（${DEMO}）`),
  ]),

  // 社会服务、慈善、其他
  param('charity_illness_threshold', '大病慈善救助自付费用起点', '元/12个月', [val(CHENGDU, '2022-01-01', 20000, `经医保、医疗救助后自付费用起点（${DEMO}）`)]),
  param('charity_illness_ratio', '大病慈善救助比例', '比例', [val(CHENGDU, '2022-01-01', 0.3, `超过起点部分的救助比例（${DEMO}）`)]),
  param('charity_illness_cap', '大病慈善救助年度限额', '元/户/年', [val(CHENGDU, '2022-01-01', 30000, DEMO)]),
  param('resident_pension_subsidy', '城乡居民养老保险代缴标准', '元/人/年', [val(SICHUAN, '2022-01-01', 100, `为困难群体代缴最低档次养老保险费（${DEMO}）`)]),
  param('utility_reduction', '水电气费减免', '元/户/月', [val(CHENGDU, '2022-01-01', 25, `低保、特困家庭免费用水、用电基数折算（${DEMO}）`)]),
  param('funeral_fee_waiver', '基本殡葬服务费用减免', '元/人', [val(CHENGDU, '2022-01-01', 1500, `遗体接运、暂存、火化、骨灰寄存等基本服务费用（${DEMO}）`)]),
  param('holiday_relief', '困难群众节日慰问金', '元/户', [
    val(CHENGDU, '2022-01-01', 500, `春节前一次性慰问（${DEMO}）`),
    val(WENJIANG, '2023-01-01', 600, `温江区春节慰问（${DEMO}）`),
  ]),
];

// ---- derived parameters ------------------------------------------------------------------------

/**
 * The value of `def` in `region` on `date`: the most specific region with a value valid on the date,
 * then the latest effective date. Mirrors the engine's resolution (the spec checks they agree).
 */
export function resolveOne(def: ParameterDefinition, region: string, date: string): number | undefined {
  let best: ParameterValue | undefined;
  for (const v of def.values) {
    if (!region.startsWith(v.region) || v.effectiveFrom > date || (v.effectiveTo !== undefined && date >= v.effectiveTo)) continue;
    if (!best || v.region.length > best.region.length || (v.region.length === best.region.length && v.effectiveFrom > best.effectiveFrom)) best = v;
  }
  return best?.value;
}

/**
 * A rule compares a fact with one parameter (optionally × a constant), so a threshold that is the
 * product of two parameters (e.g. 低保标准 × 存款月数) is published as its own parameter, computed
 * here from the two, for every region and date at which either changes. Edit the two factors; never
 * the product (the same holds for `scaled`).
 */
function product(name: string, label: string, unit: string, a: ParameterDefinition, b: ParameterDefinition): ParameterDefinition {
  const regions = [...new Set([...a.values, ...b.values].map((v) => v.region))].sort();
  const values: ParameterValue[] = [];
  for (const region of regions) {
    const dates = [
      ...new Set(
        [...a.values, ...b.values]
          .filter((v) => region.startsWith(v.region))
          .flatMap((v) => (v.effectiveTo === undefined ? [v.effectiveFrom] : [v.effectiveFrom, v.effectiveTo])),
      ),
    ].sort();
    for (let i = 0; i < dates.length; i++) {
      const from = dates[i]!;
      const x = resolveOne(a, region, from);
      const y = resolveOne(b, region, from);
      if (x === undefined || y === undefined) continue;
      const value = Math.round(x * y * 100) / 100;
      const previous = values[values.length - 1];
      if (previous && previous.region === region && previous.value === value && previous.effectiveTo === from) {
        // Same value continues: extend the previous period.
        const next = dates[i + 1];
        if (next === undefined) delete previous.effectiveTo;
        else previous.effectiveTo = next;
        continue;
      }
      const to = dates[i + 1];
      values.push({
        region,
        effectiveFrom: from,
        value,
        source: `由“${a.label}”×“${b.label}”计算`,
        ...(to === undefined ? {} : { effectiveTo: to }),
      });
    }
  }
  return { name, label, unit, values };
}

/** A parameter that is another × a constant (e.g. a yearly figure ÷ 12), same regions and dates. */
function scaled(name: string, label: string, unit: string, a: ParameterDefinition, factor: number, how: string): ParameterDefinition {
  return {
    name,
    label,
    unit,
    values: a.values.map((v) => ({ ...v, value: Math.round(v.value * factor * 100) / 100, source: `由“${a.label}”${how}计算` })),
  };
}

function base(name: string): ParameterDefinition {
  const def = BASE.find((p) => p.name === name);
  if (!def) throw new Error(`parameter ${name} is not defined`);
  return def;
}

const DERIVED: ParameterDefinition[] = [
  product('dibao_deposit_limit', '低保家庭人均金融资产上限', '元/人', base('dibao_standard'), base('deposit_limit_months')),
  product('margin_income_line', '低保边缘家庭人均收入上限', '元/人/月', base('dibao_standard'), base('margin_multiplier')),
  product('margin_deposit_limit', '低保边缘家庭人均金融资产上限', '元/人', base('dibao_standard'), base('margin_deposit_limit_months')),
  product('low_income_line', '低收入人口动态监测收入上限', '元/人/月', base('dibao_standard'), base('low_income_multiplier')),
  product('supporter_ability_income_line', '法定义务人履行能力收入线', '元/月', base('dibao_standard'), base('supporter_ability_multiplier')),
  scaled('disposable_income_monthly', '上年度居民人均月可支配收入', '元/人/月', base('disposable_income_last_year'), 1 / 12, '÷ 12'),
];

export const PARAMETERS: ParameterDefinition[] = [...BASE, ...DERIVED];

/** Names of parameters computed from others (see `product`). */
export const DERIVED_PARAMETER_NAMES: readonly string[] = DERIVED.map((p) => p.name);
