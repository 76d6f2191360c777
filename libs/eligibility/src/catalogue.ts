/**
 * Labels, units and kinds of every fact, for explanations, the console's rule editor and the
 * grid worker's "what to verify" list. How each fact is computed is documented in facts.ts.
 */
import { FACT_NAMES, type FactInfo, type FactName } from './types.js';

const MEMBERS = '共同生活家庭成员及出生日期';
const INCOME = '家庭收入';
const ASSETS = '家庭财产';
const LABOUR = '家庭成员劳动能力';
const EMPLOYMENT = '家庭成员就业状况';
const SCHOOLING = '家庭成员就读学段';
const DISABILITY = '家庭成员残疾情况';
const HEALTH = '家庭成员健康状况';
const SELF_CARE = '生活自理能力评估';
const SUPPORTERS = '法定赡养、抚养、扶养义务人情况（关系、收入、是否有履行能力）';

export const FACT_CATALOGUE: Readonly<Record<FactName, FactInfo>> = {
  householdSize: { label: '共同生活家庭成员人数', unit: '人', kind: 'number', collect: MEMBERS },
  elderlyCount: { label: '60周岁及以上老年人数', unit: '人', kind: 'number', collect: MEMBERS },
  minorCount: { label: '未满18周岁的未成年人数', unit: '人', kind: 'number', collect: MEMBERS },
  childUnder14Count: { label: '未满14周岁的儿童人数', unit: '人', kind: 'number', collect: MEMBERS },
  workingAgeCount: { label: '18至59周岁劳动年龄人数', unit: '人', kind: 'number', collect: MEMBERS },
  oldestAge: { label: '家庭成员最大年龄', unit: '岁', kind: 'number', collect: MEMBERS },
  youngestAge: { label: '家庭成员最小年龄', unit: '岁', kind: 'number', collect: MEMBERS },
  livingAlone: { label: '是否独自居住', kind: 'boolean', collect: MEMBERS },
  ruralCommunity: { label: '是否居住在农村（村委会辖区）', kind: 'boolean', collect: '所在社区（村/居委会）' },
  minorWithoutParentCount: { label: '无父母共同生活的未成年人数', unit: '人', kind: 'number', collect: MEMBERS },

  countedMonthlyIncome: { label: '家庭月计算收入', unit: '元', kind: 'number', collect: INCOME },
  perCapitaIncome: { label: '家庭人均月收入', unit: '元', kind: 'number', collect: INCOME },
  annualCountedIncome: { label: '家庭年计算收入', unit: '元', kind: 'number', collect: INCOME },
  perCapitaIncomeBeforeDeduction: { label: '扣减就业成本前的家庭人均月收入', unit: '元', kind: 'number', collect: INCOME },

  financialAssets: { label: '家庭金融资产（存款、有价证券）', unit: '元', kind: 'number', collect: ASSETS },
  perCapitaFinancialAssets: { label: '家庭人均金融资产', unit: '元', kind: 'number', collect: ASSETS },
  homeCount: { label: '家庭住房套数', unit: '套', kind: 'number', collect: ASSETS },
  homeAreaPerCapita: { label: '人均住房建筑面积', unit: '平方米', kind: 'number', collect: ASSETS },
  vehicleCount: { label: '机动车数量（不含残疾人代步车）', unit: '辆', kind: 'number', collect: ASSETS },
  hasBusinessRegistration: { label: '是否有工商登记', kind: 'boolean', collect: ASSETS },

  membersWithLabourCapacity: { label: '有劳动能力的成员数（含部分丧失）', unit: '人', kind: 'number', collect: LABOUR },
  allWithoutLabourCapacity: { label: '是否全部成员无劳动能力', kind: 'boolean', collect: LABOUR },
  employedCount: { label: '就业成员数', unit: '人', kind: 'number', collect: EMPLOYMENT },
  unemployedWorkingAgeCount: { label: '劳动年龄内失业人数', unit: '人', kind: 'number', collect: EMPLOYMENT },
  noEmployedMember: { label: '是否零就业家庭', kind: 'boolean', collect: EMPLOYMENT },
  studentCount: { label: '在校学生人数', unit: '人', kind: 'number', collect: EMPLOYMENT },
  collegeStudentCount: { label: '在读大学生人数（大专及以上）', unit: '人', kind: 'number', collect: SCHOOLING },
  compulsoryEducationStudentCount: { label: '义务教育阶段学生人数', unit: '人', kind: 'number', collect: SCHOOLING },
  seniorHighStudentCount: { label: '高中阶段（含中职）学生人数', unit: '人', kind: 'number', collect: SCHOOLING },
  preschoolCount: { label: '3周岁以上学前儿童人数', unit: '人', kind: 'number', collect: EMPLOYMENT },

  disabledCount: { label: '持证残疾人数', unit: '人', kind: 'number', collect: DISABILITY },
  severeDisabilityCount: { label: '重度残疾（一、二级）人数', unit: '人', kind: 'number', collect: DISABILITY },
  disabilityGrade1to2Count: { label: '一、二级残疾人数', unit: '人', kind: 'number', collect: DISABILITY },
  intellectualMentalGrade1to3Count: { label: '一至三级智力、精神残疾人数', unit: '人', kind: 'number', collect: DISABILITY },
  visualGrade1Count: { label: '一级视力残疾人数', unit: '人', kind: 'number', collect: DISABILITY },
  physicalGrade1to2Count: { label: '一、二级肢体残疾人数', unit: '人', kind: 'number', collect: DISABILITY },
  mildDisabilityCount: { label: '三、四级残疾人数', unit: '人', kind: 'number', collect: DISABILITY },
  seriousIllnessCount: { label: '患重特大疾病人数', unit: '人', kind: 'number', collect: HEALTH },
  chronicIllnessCount: { label: '患慢性病人数', unit: '人', kind: 'number', collect: HEALTH },
  totalSelfCareLossCount: { label: '生活完全不能自理人数', unit: '人', kind: 'number', collect: SELF_CARE },
  partialSelfCareLossCount: { label: '生活部分不能自理人数', unit: '人', kind: 'number', collect: SELF_CARE },
  eligiblePersonAge: { label: '申请对象年龄', unit: '岁', kind: 'number', collect: MEMBERS },
  eligiblePersonDisabled: { label: '申请对象是否为特困认定范围内的残疾人', kind: 'boolean', collect: DISABILITY },
  eligiblePersonIncome: { label: '申请对象本人月收入', unit: '元', kind: 'number', collect: INCOME },
  eligiblePersonUnableToWork: { label: '申请对象是否无劳动能力', kind: 'boolean', collect: LABOUR },
  elderlySelfCareLossCount: { label: '生活不能自理（失能、半失能）的老年人数', unit: '人', kind: 'number', collect: SELF_CARE },
  supporterCount: { label: '法定赡养、抚养、扶养义务人数', unit: '人', kind: 'number', collect: SUPPORTERS },
  supporterMaxIncome: { label: '有履行能力的赡养（抚养、扶养）人月收入（最高者）', unit: '元', kind: 'number', collect: SUPPORTERS },
  supportPaymentCounted: { label: '按义务人收入计入的赡养（抚养、扶养）费', unit: '元', kind: 'number', collect: SUPPORTERS },

  medicalSelfPaid12m: { label: '近12个月医疗自付费用', unit: '元', kind: 'number', collect: '近12个月刚性支出' },
  educationExpense12m: { label: '近12个月教育支出', unit: '元', kind: 'number', collect: '近12个月刚性支出' },
  rehabilitationExpense12m: { label: '近12个月康复支出', unit: '元', kind: 'number', collect: '近12个月刚性支出' },
  rigidExpenses12m: { label: '近12个月刚性支出合计', unit: '元', kind: 'number', collect: '近12个月刚性支出' },
  rigidExpenseShare: { label: '刚性支出与家庭年收入之比', kind: 'number', collect: INCOME },
  perCapitaIncomeAfterRigid: { label: '扣除刚性支出后的家庭人均月收入', unit: '元', kind: 'number', collect: INCOME },

  recentHardship: { label: '近12个月是否遭遇突发困难', kind: 'boolean', collect: '突发困难情况' },
  hardshipTypes: { label: '近12个月突发困难类型', kind: 'list', collect: '突发困难情况' },
  monthsSinceHardship: { label: '距最近一次突发困难的月数', unit: '个月', kind: 'number', collect: '突发困难情况' },
  hardshipLoss: { label: '近12个月突发困难损失金额', unit: '元', kind: 'number', collect: '突发困难情况' },
  benefitCodes: { label: '正在享受的救助项目', kind: 'list', collect: '正在享受的救助待遇' },
  monthsOnDibao: { label: '享受低保的月数', unit: '个月', kind: 'number', collect: '正在享受的救助待遇' },
  onDibao: { label: '是否正在享受低保', kind: 'boolean', collect: '正在享受的救助待遇' },
  onTekun: { label: '是否为特困供养人员', kind: 'boolean', collect: '正在享受的救助待遇' },
  onMargin: { label: '是否为低保边缘家庭', kind: 'boolean', collect: '正在享受的救助待遇' },
};

/** Position of each fact in FACT_NAMES: missing-fact lists are sorted by it. */
export const FACT_INDEX: Readonly<Record<FactName, number>> = (() => {
  const index = {} as Record<FactName, number>;
  FACT_NAMES.forEach((name, i) => (index[name] = i));
  return index;
})();

const FACT_SET: ReadonlySet<string> = new Set<string>(FACT_NAMES);

export function isFactName(name: unknown): name is FactName {
  return typeof name === 'string' && FACT_SET.has(name);
}

/** Deduplicates and sorts fact names in catalogue order. */
export function sortFacts(facts: Iterable<FactName>): FactName[] {
  return [...new Set(facts)].sort((a, b) => FACT_INDEX[a] - FACT_INDEX[b]);
}
