// A synthetic but realistic policy library for the matcher benchmark, used when @zczr/policies is not
// built yet (or has fewer than 60 policies): 60+ rules shaped like the real ones across the "9+1"
// groups and departments, 3–10 leaves each, nested all/any/not, thresholds as parameters.

const leaf = (label, fact, op, value) => ({ label, fact, op, value });
const all = (label, ...children) => ({ label, all: children });
const any = (label, ...children) => ({ label, any: children });
const not = (label, child) => ({ label, not: child });
const p = (param, times) => (times === undefined ? { param } : { param, times });

const NATIONAL = '';
const CHENGDU = '5101';
const WENJIANG = '510115';
const value = (region, effectiveFrom, v, effectiveTo) => (effectiveTo ? { region, effectiveFrom, effectiveTo, value: v } : { region, effectiveFrom, value: v });
const param = (name, label, unit, values) => ({ name, label, unit, values });

export const SYNTHETIC_PARAMETERS = [
  param('dibao_standard', '当地低保标准', '元/人·月', [
    value(NATIONAL, '2021-01-01', 684),
    value(CHENGDU, '2022-07-01', 870, '2024-07-01'),
    value(CHENGDU, '2024-07-01', 920),
    value(WENJIANG, '2025-01-01', 940),
  ]),
  param('deposit_limit_months', '人均金融资产上限（月数）', '个月', [value(NATIONAL, '2020-01-01', 24)]),
  param('margin_multiplier', '低保边缘收入上限（倍低保标准）', '倍', [value(NATIONAL, '2020-01-01', 1.5), value(CHENGDU, '2023-01-01', 2)]),
  param('disposable_income_monthly', '上年度居民人均月可支配收入', '元', [value(CHENGDU, '2024-01-01', 4300), value(CHENGDU, '2025-01-01', 4480)]),
  param('rigid_share_threshold', '刚性支出占收入比例', '比例', [value(NATIONAL, '2020-01-01', 0.6)]),
  param('medical_big_expense', '大额医疗自付费用', '元', [value(NATIONAL, '2020-01-01', 50000)]),
  param('medical_share_threshold', '医疗支出占年收入比例', '比例', [value(NATIONAL, '2020-01-01', 0.4)]),
  param('temporary_loss_months', '临时救助损失标准（月数）', '个月', [value(NATIONAL, '2020-01-01', 6)]),
  param('housing_area_limit', '人均住房面积上限', '平方米', [value(CHENGDU, '2020-01-01', 16), value(WENJIANG, '2020-01-01', 18)]),
  param('minimum_wage', '最低工资标准', '元/月', [value(CHENGDU, '2022-04-01', 2100)]),
  param('tekun_multiplier', '特困供养标准（倍低保标准）', '倍', [value(NATIONAL, '2016-10-01', 1.3)]),
  param('employment_cost_deduction_months', '就业成本扣减期限', '个月', [value(NATIONAL, '2021-07-01', 6), value(CHENGDU, '2022-07-01', 12)]),
  param('employment_cost_deduction_share', '就业成本扣减比例', '比例', [value(NATIONAL, '2021-07-01', 0.3)]),
];

const INCOME_BELOW = leaf('家庭人均月收入低于当地低保标准', 'perCapitaIncome', 'lt', p('dibao_standard'));
const ASSETS_OK = leaf('人均金融资产不超过规定月数的低保标准', 'perCapitaFinancialAssets', 'lte', p('dibao_standard', 24));
const ONE_HOME = leaf('住房不超过1套', 'homeCount', 'lte', 1);
const NO_CAR = leaf('无机动车', 'vehicleCount', 'eq', 0);
const NO_BUSINESS = not('无工商登记', leaf('有工商登记', 'hasBusinessRegistration', 'eq', true));
const ON_ASSISTANCE = any(
  '低保、特困或低保边缘家庭',
  leaf('正在享受低保', 'onDibao', 'eq', true),
  leaf('特困供养人员', 'onTekun', 'eq', true),
  leaf('低保边缘家庭', 'onMargin', 'eq', true),
);
const LOW_INCOME = (times) => leaf(`家庭人均月收入低于低保标准的${times}倍`, 'perCapitaIncome', 'lt', p('dibao_standard', times));
const TEKUN_PERSON = any(
  '老年、残疾或未成年',
  leaf('年满60周岁', 'eligiblePersonAge', 'gte', 60),
  leaf('特困认定范围内的残疾人', 'eligiblePersonDisabled', 'eq', true),
  leaf('未满18周岁', 'eligiblePersonAge', 'lt', 18),
);

function policy(code, name, group, department, rule, extra = {}) {
  return {
    code,
    name,
    group,
    department,
    legalBasis: ['《社会救助暂行办法》'],
    benefit: name,
    requiredDocuments: ['居民身份证', '户口簿'],
    rule,
    effectiveFrom: '2022-07-01',
    references: [],
    ...extra,
  };
}

const base = [
  policy(
    'dibao',
    '城乡最低生活保障',
    'dibao',
    '民政',
    all('符合低保条件', INCOME_BELOW, ASSETS_OK, ONE_HOME, NO_CAR, NO_BUSINESS, not('非特困供养人员', leaf('特困供养人员', 'onTekun', 'eq', true))),
    {
      benefitFormula: {
        label: '（低保标准 − 家庭人均收入）× 共同生活人数',
        unit: '元/月',
        expr: { op: '*', args: [{ op: '-', args: [{ param: 'dibao_standard' }, { fact: 'perCapitaIncome' }] }, { fact: 'householdSize' }] },
        topUps: [
          {
            label: '重度残疾人增发',
            when: leaf('有重度残疾人', 'severeDisabilityCount', 'gte', 1),
            expr: { op: '*', args: [{ param: 'dibao_standard' }, { fact: 'severeDisabilityCount' }, 0.2] },
          },
          {
            label: '老年人增发',
            when: leaf('有老人', 'elderlyCount', 'gte', 1),
            expr: { op: '*', args: [{ param: 'dibao_standard' }, { fact: 'elderlyCount' }, 0.1] },
          },
        ],
      },
    },
  ),
  policy(
    'dibao_single_person',
    '单人户保',
    'dibao',
    '民政',
    all(
      '重残重病成年人单独施保',
      any('重度残疾或重病', leaf('有重度残疾人', 'severeDisabilityCount', 'gte', 1), leaf('有重病患者', 'seriousIllnessCount', 'gte', 1)),
      leaf('有成年人', 'workingAgeCount', 'gte', 1),
      LOW_INCOME(2),
      ASSETS_OK,
      NO_CAR,
      not('未享受低保', leaf('正在享受低保', 'onDibao', 'eq', true)),
    ),
  ),
  policy(
    'dibao_gradual_exit',
    '低保渐退',
    'dibao',
    '民政',
    all(
      '收入超标的低保家庭渐退',
      leaf('正在享受低保', 'onDibao', 'eq', true),
      leaf('人均收入已达到低保标准', 'perCapitaIncome', 'gte', p('dibao_standard')),
      leaf('人均收入低于低保标准的1.5倍', 'perCapitaIncome', 'lt', p('dibao_standard', 1.5)),
      leaf('有就业成员', 'employedCount', 'gte', 1),
    ),
  ),
  policy(
    'tekun_support',
    '特困人员救助供养',
    'tekun',
    '民政',
    all(
      '符合特困条件',
      TEKUN_PERSON,
      leaf('无劳动能力', 'allWithoutLabourCapacity', 'eq', true),
      INCOME_BELOW,
      ASSETS_OK,
      leaf('单人户', 'householdSize', 'eq', 1),
    ),
    {
      benefitFormula: { label: '低保标准 × 1.3', unit: '元/月', expr: { op: '*', args: [{ param: 'dibao_standard' }, { param: 'tekun_multiplier' }] } },
    },
  ),
  policy(
    'tekun_care_total',
    '特困人员全护理',
    'tekun',
    '民政',
    all(
      '生活完全不能自理的特困人员',
      any(
        '特困人员',
        leaf('已认定特困', 'onTekun', 'eq', true),
        all('符合特困条件', TEKUN_PERSON, leaf('无劳动能力', 'allWithoutLabourCapacity', 'eq', true), INCOME_BELOW),
      ),
      leaf('生活完全不能自理', 'totalSelfCareLossCount', 'gte', 1),
    ),
  ),
  policy(
    'tekun_care_partial',
    '特困人员半护理',
    'tekun',
    '民政',
    all(
      '生活部分不能自理的特困人员',
      any(
        '特困人员',
        leaf('已认定特困', 'onTekun', 'eq', true),
        all('符合特困条件', TEKUN_PERSON, leaf('无劳动能力', 'allWithoutLabourCapacity', 'eq', true), INCOME_BELOW),
      ),
      leaf('生活部分不能自理', 'partialSelfCareLossCount', 'gte', 1),
      leaf('非完全不能自理', 'totalSelfCareLossCount', 'eq', 0),
    ),
  ),
  policy(
    'tekun_minor',
    '未成年特困人员',
    'tekun',
    '民政',
    all(
      '未成年且无人抚养',
      leaf('有无父母共同生活的未成年人', 'minorWithoutParentCount', 'gte', 1),
      INCOME_BELOW,
      leaf('无就业成员', 'noEmployedMember', 'eq', true),
    ),
  ),
  policy(
    'dibao_margin',
    '低保边缘家庭认定',
    'margin',
    '民政',
    all(
      '低保边缘家庭',
      not('未享受低保', leaf('正在享受低保', 'onDibao', 'eq', true)),
      not('非特困', leaf('特困供养人员', 'onTekun', 'eq', true)),
      leaf('人均收入不低于低保标准', 'perCapitaIncome', 'gte', p('dibao_standard')),
      leaf('人均收入不超过边缘标准', 'perCapitaIncome', 'lte', p('dibao_standard', 1.5)),
      leaf('人均收入不超过最低工资', 'perCapitaIncome', 'lte', p('minimum_wage')),
      leaf('人均金融资产不超过36个月低保标准', 'perCapitaFinancialAssets', 'lte', p('dibao_standard', 36)),
      NO_CAR,
    ),
  ),
  policy(
    'rigid_expense_hardship',
    '支出型困难家庭',
    'rigid_expense',
    '民政',
    all(
      '刚性支出困难',
      not('未享受低保', leaf('正在享受低保', 'onDibao', 'eq', true)),
      not('非边缘', leaf('低保边缘家庭', 'onMargin', 'eq', true)),
      leaf('人均收入低于上年人均可支配收入', 'perCapitaIncome', 'lt', p('disposable_income_monthly')),
      any(
        '刚性支出过大',
        leaf('刚性支出占收入比例达到标准', 'rigidExpenseShare', 'gte', p('rigid_share_threshold')),
        leaf('扣除刚性支出后人均收入低于低保标准', 'perCapitaIncomeAfterRigid', 'lt', p('dibao_standard')),
        leaf('扣除刚性支出后人均收入低于2倍低保标准', 'perCapitaIncomeAfterRigid', 'lt', p('dibao_standard', 2)),
      ),
      leaf('人均金融资产不超过24个月低保标准', 'perCapitaFinancialAssets', 'lte', p('dibao_standard', 24)),
    ),
  ),
  policy(
    'temporary_sudden',
    '急难型临时救助',
    'temporary',
    '民政',
    all(
      '遭遇突发事件',
      leaf('近12个月遭遇突发困难', 'recentHardship', 'eq', true),
      leaf('发生在3个月内', 'monthsSinceHardship', 'lte', 3),
      any(
        '事件严重',
        leaf('火灾、事故或主要劳动力死亡', 'hardshipTypes', 'in', ['fire', 'accident', 'earner_death', 'disaster']),
        leaf('损失超过6个月低保标准', 'hardshipLoss', 'gte', p('dibao_standard', 6)),
      ),
      leaf('人均收入低于2倍低保标准', 'perCapitaIncome', 'lt', p('dibao_standard', 2)),
    ),
  ),
  policy(
    'temporary_expense',
    '支出型临时救助',
    'temporary',
    '民政',
    all(
      '大额支出导致困难',
      any('支出大', leaf('医疗自付超过5万元', 'medicalSelfPaid12m', 'gte', p('medical_big_expense')), leaf('刚性支出占比高', 'rigidExpenseShare', 'gte', 0.8)),
      leaf('人均收入低于2倍低保标准', 'perCapitaIncome', 'lt', p('dibao_standard', 2)),
      ASSETS_OK,
    ),
  ),
  policy('medical_aid_premium', '医疗救助：资助参保', 'medical', '医保', all('救助对象资助参保', ON_ASSISTANCE)),
  policy(
    'medical_aid_catastrophic',
    '医疗救助：因病致贫',
    'medical',
    '医保',
    all(
      '大额医疗支出',
      any(
        '支出超标',
        leaf('医疗自付达到大额标准', 'medicalSelfPaid12m', 'gte', p('medical_big_expense')),
        all(
          '支出占比高且有重病',
          leaf('刚性支出占比达到40%', 'rigidExpenseShare', 'gte', p('medical_share_threshold')),
          leaf('有重病患者', 'seriousIllnessCount', 'gte', 1),
        ),
      ),
      leaf('人均收入低于上年人均可支配收入', 'perCapitaIncome', 'lt', p('disposable_income_monthly')),
    ),
  ),
  policy(
    'medical_aid_outpatient_chronic',
    '医疗救助：门诊慢特病',
    'medical',
    '医保',
    all(
      '慢性病救助',
      ON_ASSISTANCE,
      any('有慢性病或重病', leaf('有慢性病患者', 'chronicIllnessCount', 'gte', 1), leaf('有重病患者', 'seriousIllnessCount', 'gte', 1)),
      leaf('有医疗自付支出', 'medicalSelfPaid12m', 'gt', 0),
    ),
  ),
  policy(
    'housing_rent_subsidy',
    '住房保障：租赁补贴',
    'housing',
    '住建',
    all(
      '无房低收入家庭',
      leaf('无自有住房', 'homeCount', 'eq', 0),
      LOW_INCOME(2),
      NO_CAR,
      leaf('人均金融资产不超过36个月低保标准', 'perCapitaFinancialAssets', 'lte', p('dibao_standard', 36)),
    ),
  ),
  policy(
    'housing_public_rental',
    '公共租赁住房',
    'housing',
    '住建',
    all(
      '住房困难',
      any('无房或住房面积小', leaf('无自有住房', 'homeCount', 'eq', 0), leaf('人均住房面积低于标准', 'homeAreaPerCapita', 'lt', p('housing_area_limit'))),
      leaf('人均收入低于上年人均可支配收入', 'perCapitaIncome', 'lt', p('disposable_income_monthly')),
      leaf('共同生活人数不少于1人', 'householdSize', 'gte', 1),
    ),
  ),
  policy(
    'housing_repair',
    '农村危房改造',
    'housing',
    '住建',
    all('困难家庭住房修缮', ON_ASSISTANCE, leaf('有自有住房', 'homeCount', 'gte', 1), leaf('人均住房面积小于30平方米', 'homeAreaPerCapita', 'lt', 30)),
  ),
  policy(
    'employment_public_post',
    '公益性岗位安置',
    'employment',
    '人社',
    all(
      '零就业家庭',
      leaf('零就业家庭', 'noEmployedMember', 'eq', true),
      leaf('有劳动年龄失业人员', 'unemployedWorkingAgeCount', 'gte', 1),
      leaf('有劳动能力', 'membersWithLabourCapacity', 'gte', 1),
      LOW_INCOME(2),
    ),
  ),
  policy(
    'employment_referral',
    '就业援助：岗位推荐',
    'employment',
    '人社',
    all(
      '困难家庭失业人员',
      leaf('有劳动年龄失业人员', 'unemployedWorkingAgeCount', 'gte', 1),
      leaf('有劳动能力', 'membersWithLabourCapacity', 'gte', 1),
      any('困难家庭', ON_ASSISTANCE, LOW_INCOME(1.5)),
    ),
  ),
  policy(
    'employment_training_subsidy',
    '职业培训补贴',
    'employment',
    '人社',
    all('救助家庭劳动力培训', ON_ASSISTANCE, leaf('有劳动年龄成员', 'workingAgeCount', 'gte', 1), leaf('有劳动能力', 'membersWithLabourCapacity', 'gte', 1)),
  ),
  policy(
    'disability_living_subsidy',
    '困难残疾人生活补贴',
    'disability',
    '残联',
    all('困难残疾人', leaf('有持证残疾人', 'disabledCount', 'gte', 1), ON_ASSISTANCE),
    {
      benefitFormula: { label: '每人每月 100 元', unit: '元/月', expr: { op: '*', args: [100, { fact: 'disabledCount' }] } },
    },
  ),
  policy(
    'severe_disability_care_subsidy',
    '重度残疾人护理补贴',
    'disability',
    '残联',
    any(
      '重度残疾',
      leaf('有一、二级残疾人', 'disabilityGrade1to2Count', 'gte', 1),
      leaf('有三级智力、精神残疾人', 'intellectualMentalGrade1to3Count', 'gte', 1),
    ),
  ),
  policy(
    'disability_rehabilitation',
    '残疾人康复救助',
    'disability',
    '残联',
    all(
      '残疾人康复',
      leaf('有持证残疾人', 'disabledCount', 'gte', 1),
      any('有康复需要', leaf('有康复支出', 'rehabilitationExpense12m', 'gt', 0), leaf('有未成年人', 'minorCount', 'gte', 1)),
      LOW_INCOME(2),
    ),
  ),
  policy(
    'disability_assistive_device',
    '残疾人辅具适配',
    'disability',
    '残联',
    all(
      '肢体或视力残疾',
      any('残疾类别', leaf('一、二级肢体残疾', 'physicalGrade1to2Count', 'gte', 1), leaf('一级视力残疾', 'visualGrade1Count', 'gte', 1)),
      LOW_INCOME(2.5),
    ),
  ),
  policy(
    'children_de_facto_unsupported',
    '事实无人抚养儿童生活补贴',
    'children',
    '民政',
    all('事实无人抚养', leaf('有无父母共同生活的未成年人', 'minorWithoutParentCount', 'gte', 1), LOW_INCOME(2)),
  ),
  policy(
    'children_in_difficulty',
    '困境儿童保障',
    'children',
    '民政',
    all(
      '困境儿童',
      leaf('有未成年人', 'minorCount', 'gte', 1),
      any('困境情形', ON_ASSISTANCE, leaf('家中有重度残疾人', 'severeDisabilityCount', 'gte', 1), leaf('家中有重病患者', 'seriousIllnessCount', 'gte', 1)),
    ),
  ),
  policy(
    'children_nutrition',
    '儿童营养改善',
    'children',
    '慈善/社会组织',
    all('学龄前困难儿童', leaf('有学前儿童', 'preschoolCount', 'gte', 1), ON_ASSISTANCE),
  ),
  policy(
    'elderly_living_alone_care',
    '独居老人关爱服务',
    'elderly',
    '民政',
    all('独居老人', leaf('独自居住', 'livingAlone', 'eq', true), leaf('年满70周岁', 'oldestAge', 'gte', 70)),
  ),
  policy(
    'elderly_disabled_care_subsidy',
    '失能老人护理补贴',
    'elderly',
    '民政',
    all(
      '失能老人',
      leaf('有老人', 'elderlyCount', 'gte', 1),
      any('失能', leaf('生活完全不能自理', 'totalSelfCareLossCount', 'gte', 1), leaf('生活部分不能自理', 'partialSelfCareLossCount', 'gte', 1)),
      LOW_INCOME(2),
    ),
  ),
  policy(
    'social_service_package',
    '困难家庭社会工作服务',
    'social_service',
    '慈善/社会组织',
    all(
      '需要社工服务',
      ON_ASSISTANCE,
      any(
        '服务需求',
        leaf('独自居住', 'livingAlone', 'eq', true),
        leaf('有未成年人', 'minorCount', 'gte', 1),
        leaf('有生活不能自理成员', 'totalSelfCareLossCount', 'gte', 1),
        leaf('近期遭遇困难', 'recentHardship', 'eq', true),
      ),
    ),
  ),
  policy(
    'charity_medical_assistance',
    '慈善医疗救助',
    'medical',
    '慈善/社会组织',
    all(
      '大病慈善救助',
      leaf('有重病患者', 'seriousIllnessCount', 'gte', 1),
      leaf('医疗自付超过2万元', 'medicalSelfPaid12m', 'gte', 20000),
      not('未获政府医疗救助', leaf('已享受医疗救助', 'benefitCodes', 'includes', 'medical_aid_catastrophic')),
    ),
  ),
  policy(
    'winter_heating_subsidy',
    '困难群众冬季取暖补贴',
    'other',
    '民政',
    all('救助对象', ON_ASSISTANCE, leaf('有老人或未成年人', 'householdSize', 'gte', 1)),
  ),
  policy(
    'retired_downsized_worker',
    '退役士兵及下岗职工困难帮扶',
    'other',
    '人社',
    all(
      '困难下岗人员',
      leaf('有劳动年龄失业人员', 'unemployedWorkingAgeCount', 'gte', 1),
      leaf('人均收入低于2倍低保标准', 'perCapitaIncome', 'lt', p('dibao_standard', 2)),
      not('非低保', leaf('正在享受低保', 'onDibao', 'eq', true)),
    ),
  ),
];

// Variants: the same shapes at other thresholds and levels, as cities publish them.
const elderlyAllowances = [
  [80, 89],
  [90, 99],
  [100, 200],
].map(([from, to]) =>
  policy(
    `elderly_allowance_${from}`,
    `${from}周岁以上高龄津贴`,
    'elderly',
    '民政',
    all(
      `年满${from}周岁`,
      leaf(`最年长成员年满${from}周岁`, 'oldestAge', 'gte', from),
      leaf(`不超过${to}周岁`, 'oldestAge', 'lte', to),
      leaf('有共同生活成员', 'householdSize', 'gte', 1),
    ),
  ),
);

const educationLevels = [
  ['preschool', '学前教育资助', 'preschoolCount'],
  ['compulsory', '义务教育寄宿生生活补助', 'compulsoryEducationStudentCount'],
  ['senior', '普通高中国家助学金', 'seniorHighStudentCount'],
  ['college', '大学新生入学资助', 'collegeStudentCount'],
].flatMap(([code, name, fact]) => [
  policy(`education_${code}_assisted`, `${name}（救助家庭）`, 'education', '教育', all('救助家庭学生', leaf('有在读学生', fact, 'gte', 1), ON_ASSISTANCE)),
  policy(
    `education_${code}_low_income`,
    `${name}（低收入家庭）`,
    'education',
    '教育',
    all(
      '低收入家庭学生',
      leaf('有在读学生', fact, 'gte', 1),
      not('非救助家庭', ON_ASSISTANCE),
      LOW_INCOME(2),
      leaf('刚性支出占比不低于30%', 'rigidExpenseShare', 'gte', 0.3),
    ),
  ),
]);

const temporaryByType = [
  ['fire', '火灾'],
  ['accident', '意外事故'],
  ['serious_illness', '突发重病'],
  ['earner_death', '主要劳动力死亡'],
  ['disaster', '自然灾害'],
  ['job_loss', '失业'],
].map(([type, label]) =>
  policy(
    `temporary_${type}`,
    `临时救助：${label}`,
    'temporary',
    '民政',
    all(
      `遭遇${label}`,
      leaf(`近12个月遭遇${label}`, 'hardshipTypes', 'includes', type),
      leaf('发生在6个月内', 'monthsSinceHardship', 'lte', 6),
      any('生活困难', LOW_INCOME(2), leaf('损失超过6个月低保标准', 'hardshipLoss', 'gte', p('dibao_standard', 6))),
      not('非特困', leaf('特困供养人员', 'onTekun', 'eq', true)),
    ),
  ),
);

const medicalTiers = [
  [10000, 0.2],
  [30000, 0.3],
  [80000, 0.5],
].map(([amount, share]) =>
  policy(
    `medical_aid_tier_${amount}`,
    `医疗救助：自付 ${amount} 元以上`,
    'medical',
    '医保',
    all(
      '自付费用达到档次',
      leaf(`医疗自付不低于 ${amount} 元`, 'medicalSelfPaid12m', 'gte', amount),
      any('困难家庭', ON_ASSISTANCE, all('低收入且支出占比高', LOW_INCOME(2), leaf(`刚性支出占比不低于 ${share}`, 'rigidExpenseShare', 'gte', share))),
    ),
  ),
);

const disabilityByCategory = [
  ['intellectual_mental', '智力、精神残疾', 'intellectualMentalGrade1to3Count'],
  ['visual', '视力残疾', 'visualGrade1Count'],
  ['physical', '肢体残疾', 'physicalGrade1to2Count'],
  ['mild', '轻度残疾', 'mildDisabilityCount'],
].map(([code, label, fact]) =>
  policy(
    `disability_${code}_support`,
    `${label}人员帮扶`,
    'disability',
    '残联',
    all(`${label}困难家庭`, leaf(`有${label}人员`, fact, 'gte', 1), LOW_INCOME(2), ASSETS_OK),
  ),
);

const marginVariants = [1.5, 2].map((times) =>
  policy(
    `margin_special_assistance_${String(times).replace('.', '_')}`,
    `低保边缘家庭专项救助（${times}倍）`,
    'margin',
    '民政',
    all(
      '低保边缘',
      not('未享受低保', leaf('正在享受低保', 'onDibao', 'eq', true)),
      leaf('人均收入不低于低保标准', 'perCapitaIncome', 'gte', p('dibao_standard')),
      leaf(`人均收入不超过 ${times} 倍低保标准`, 'perCapitaIncome', 'lte', p('dibao_standard', times)),
      ASSETS_OK,
      ONE_HOME,
      NO_CAR,
    ),
  ),
);

const serviceVariants = [
  [
    'service_home_visit',
    '困难老人探访关爱',
    all(
      '需要探访',
      leaf('有老人', 'elderlyCount', 'gte', 1),
      any('独居或失能', leaf('独自居住', 'livingAlone', 'eq', true), leaf('生活不能自理', 'totalSelfCareLossCount', 'gte', 1)),
      ON_ASSISTANCE,
    ),
  ],
  ['service_child_tutoring', '困难家庭儿童课业辅导', all('需要辅导', leaf('有义务教育学生', 'compulsoryEducationStudentCount', 'gte', 1), ON_ASSISTANCE)],
  [
    'service_psychological',
    '心理疏导服务',
    all(
      '遭遇重大变故',
      leaf('近期遭遇困难', 'recentHardship', 'eq', true),
      leaf('困难类型', 'hardshipTypes', 'in', ['earner_death', 'serious_illness', 'fire']),
    ),
  ],
  [
    'service_respite_care',
    '重度残疾人托养服务',
    all('需要托养', leaf('有重度残疾人', 'severeDisabilityCount', 'gte', 1), leaf('生活不能自理', 'totalSelfCareLossCount', 'gte', 1), LOW_INCOME(2.5)),
  ],
].map(([code, name, rule]) => policy(code, name, 'social_service', '慈善/社会组织', rule));

export const SYNTHETIC_POLICIES = [
  ...base,
  ...elderlyAllowances,
  ...educationLevels,
  ...temporaryByType,
  ...medicalTiers,
  ...disabilityByCategory,
  ...marginVariants,
  ...serviceVariants,
];
