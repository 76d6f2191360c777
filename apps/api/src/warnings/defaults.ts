import type { Severity } from './warning.entity.js';

/** The warning rules the platform ships with (docs/DOMAIN.md §4). Name, colour, window and switch are data in `warning_rule`. */
export const DEFAULT_RULES: ReadonlyArray<{ code: string; name: string; description: string; severity: Severity; windowDays: number }> = [
  {
    code: 'medical_self_paid',
    name: '大额医疗自付',
    description: '近12个月医疗自付费用达到金额标准，或达到家庭年收入的一定比例',
    severity: 'orange',
    windowDays: 90,
  },
  {
    code: 'earner_event',
    name: '主要劳动力死亡、新增重度残疾或患重病',
    description: '18至60周岁成员死亡、新登记重度残疾或确诊重特大疾病',
    severity: 'orange',
    windowDays: 365,
  },
  { code: 'only_earner_job_loss', name: '唯一就业成员失业', description: '家庭中唯一就业的成员办理失业登记', severity: 'orange', windowDays: 180 },
  {
    code: 'declared_emergency',
    name: '申报突发事件',
    description: '家庭或网格员报告的火灾、意外事故、自然灾害等突发困难',
    severity: 'orange',
    windowDays: 180,
  },
  { code: 'income_drop', name: '家庭收入骤降', description: '家庭月计算收入较上次监测下降超过一定比例', severity: 'yellow', windowDays: 90 },
  { code: 'elderly_alone', name: '独居老人异常', description: '部门标记的独居老年人（如连续无水电使用）', severity: 'yellow', windowDays: 180 },
  {
    code: 'margin_child_university',
    name: '低保边缘家庭子女考入大学',
    description: '低保边缘（低收入）家庭成员被高校录取',
    severity: 'yellow',
    windowDays: 365,
  },
  { code: 'screening_newly_eligible', name: '筛查发现新增符合', description: '按现行政策符合条件但尚未享受的救助项目', severity: 'yellow', windowDays: 180 },
  {
    code: 'screening_exit_candidate',
    name: '筛查发现不再符合',
    description: '正在享受但按现行政策已不再符合的救助项目（含渐退期）',
    severity: 'yellow',
    windowDays: 180,
  },
  { code: 'screening_unknown', name: '信息不全无法判断', description: '因家庭信息缺失而无法判断的救助项目', severity: 'blue', windowDays: 180 },
];

export type RuleCode = (typeof DEFAULT_RULES)[number]['code'];

const FROM = '2022-01-01';

/** Thresholds, risk weights and re-check intervals (demo figures for Chengdu; by region and date like policy parameters). */
export const DEFAULT_PARAMETERS: ReadonlyArray<{ name: string; label: string; unit: string | null; value: number; region: string }> = (
  [
    { name: 'warn_medical_self_paid_amount', label: '大额医疗自付预警金额（近12个月）', unit: '元', value: 50_000 },
    { name: 'warn_medical_income_share', label: '医疗自付占家庭年收入比例预警线', unit: '比例', value: 0.4 },
    { name: 'warn_earner_min_age', label: '主要劳动力最低年龄', unit: '岁', value: 18 },
    { name: 'warn_earner_max_age', label: '主要劳动力最高年龄', unit: '岁', value: 60 },
    { name: 'warn_severe_disability_max_grade', label: '重度残疾等级上限（含）', unit: '级', value: 2 },
    { name: 'warn_income_drop_share', label: '收入骤降预警比例', unit: '比例', value: 0.3 },
    { name: 'warn_elderly_min_age', label: '独居老人年龄下限', unit: '岁', value: 60 },
    { name: 'risk_weight_income', label: '风险权重：收入', unit: null, value: 25 },
    { name: 'risk_weight_health', label: '风险权重：健康', unit: null, value: 15 },
    { name: 'risk_weight_disability', label: '风险权重：残疾', unit: null, value: 10 },
    { name: 'risk_weight_employment', label: '风险权重：就业', unit: null, value: 10 },
    { name: 'risk_weight_education', label: '风险权重：教育', unit: null, value: 5 },
    { name: 'risk_weight_housing', label: '风险权重：住房', unit: null, value: 5 },
    { name: 'risk_weight_care', label: '风险权重：照护负担', unit: null, value: 10 },
    { name: 'risk_weight_events', label: '风险权重：突发事件', unit: null, value: 20 },
    { name: 'risk_orange_score', label: '橙色（高风险）分数线', unit: '分', value: 55 },
    { name: 'risk_yellow_score', label: '黄色（中风险）分数线', unit: '分', value: 35 },
    { name: 'risk_blue_score', label: '蓝色（低风险）分数线', unit: '分', value: 15 },
    { name: 'recheck_months_jobless', label: '有劳动能力成员失业家庭复核周期', unit: '月', value: 3 },
    { name: 'recheck_months_severe', label: '重病、重残稳定家庭复核周期', unit: '月', value: 12 },
    { name: 'recheck_months_stable', label: '其他稳定家庭复核周期', unit: '月', value: 6 },
  ] as Array<{ name: string; label: string; unit: string | null; value: number }>
).map((p) => ({ ...p, region: '' }));

export const DEFAULT_PARAMETERS_FROM = FROM;
