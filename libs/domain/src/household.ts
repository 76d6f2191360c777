/**
 * The household record as it travels between apps: what a resident or grid worker reports,
 * what the API stores and what the matcher reads. Money is in yuan; monthly unless named otherwise.
 */

export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandparent', 'grandchild', 'sibling', 'child_in_law', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];
export const RELATION_LABELS: Record<Relation, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandparent: '(外)祖父母',
  grandchild: '(外)孙子女',
  sibling: '兄弟姐妹',
  child_in_law: '儿媳/女婿',
  other: '其他',
};

export const EDUCATIONS = ['none', 'primary', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'postgraduate'] as const;
export type Education = (typeof EDUCATIONS)[number];
export const EDUCATION_LABELS: Record<Education, string> = {
  none: '未上学',
  primary: '小学',
  junior: '初中',
  senior: '高中',
  vocational: '中专/职高',
  college: '大专',
  bachelor: '本科',
  postgraduate: '研究生',
};

export const EMPLOYMENTS = ['employed', 'self_employed', 'farming', 'flexible', 'unemployed', 'retired', 'student', 'preschool', 'unable'] as const;
export type Employment = (typeof EMPLOYMENTS)[number];
export const EMPLOYMENT_LABELS: Record<Employment, string> = {
  employed: '在职',
  self_employed: '个体经营',
  farming: '务农',
  flexible: '灵活就业',
  unemployed: '失业',
  retired: '退休',
  student: '在校学生',
  preschool: '学龄前',
  unable: '无法就业',
};

export const LABOUR_CAPACITIES = ['full', 'partial', 'none'] as const;
export type LabourCapacity = (typeof LABOUR_CAPACITIES)[number];
export const LABOUR_CAPACITY_LABELS: Record<LabourCapacity, string> = {
  full: '有劳动能力',
  partial: '部分丧失劳动能力',
  none: '无劳动能力',
};

export const DISABILITY_CATEGORIES = [1, 2, 3, 4, 5, 6, 7] as const;
export type DisabilityCategory = (typeof DISABILITY_CATEGORIES)[number];
export const DISABILITY_CATEGORY_LABELS: Record<DisabilityCategory, string> = {
  1: '视力残疾',
  2: '听力残疾',
  3: '言语残疾',
  4: '肢体残疾',
  5: '智力残疾',
  6: '精神残疾',
  7: '多重残疾',
};
export type DisabilityGrade = 1 | 2 | 3 | 4;

export interface Disability {
  category: DisabilityCategory;
  grade: DisabilityGrade;
  /** 20-digit 残疾人证 number: ID number + category + grade. */
  certificateNumber?: string;
}

export interface Health {
  chronicIllness: boolean;
  seriousIllness: boolean;
  /** Free text, e.g. "尿毒症". */
  diagnosis?: string;
}

/** The 6-item self-care check: true means the person cannot do it unaided. */
export interface SelfCareCheck {
  eating: boolean;
  dressing: boolean;
  gettingUp: boolean;
  toileting: boolean;
  walkingIndoors: boolean;
  bathing: boolean;
}
export type SelfCareLevel = 'self_care' | 'partial' | 'total_loss';
export const SELF_CARE_LEVEL_LABELS: Record<SelfCareLevel, string> = {
  self_care: '生活能够自理',
  partial: '生活部分不能自理',
  total_loss: '生活完全不能自理',
};

/** 0 items failed = self-care, 1–3 = partial, ≥4 = total loss (docs/DOMAIN.md §3). */
export function selfCareLevel(check: SelfCareCheck): SelfCareLevel {
  const failed = Object.values(check).filter(Boolean).length;
  if (failed === 0) return 'self_care';
  return failed >= 4 ? 'total_loss' : 'partial';
}

export interface MemberInput {
  relation: Relation;
  name: string;
  idNumber: string;
  ethnicity?: string;
  phone?: string;
  education?: Education;
  employment?: Employment;
  labourCapacity?: LabourCapacity;
  health?: Health;
  disability?: Disability | null;
  selfCare?: SelfCareCheck;
  coResident: boolean;
}

export const INCOME_TYPES = [
  'wage',
  'business',
  'farming',
  'property',
  'pension',
  'support_payment',
  'other_transfer',
  'veteran_special_care',
  'family_planning_award',
  'scholarship',
  'bravery_award',
  'government_assistance',
] as const;
export type IncomeType = (typeof INCOME_TYPES)[number];
export const INCOME_TYPE_LABELS: Record<IncomeType, string> = {
  wage: '工资性收入',
  business: '经营性收入',
  farming: '农业生产收入',
  property: '财产性收入',
  pension: '养老金/退休金',
  support_payment: '赡养/抚养/扶养费',
  other_transfer: '其他转移性收入',
  veteran_special_care: '优抚对象抚恤补助',
  family_planning_award: '计划生育奖励扶助',
  scholarship: '奖学金/助学金',
  bravery_award: '见义勇为奖金',
  government_assistance: '政府救助金',
};

/** Income types that are not counted as household income (docs/DOMAIN.md §3). */
export const UNCOUNTED_INCOME_TYPES: readonly IncomeType[] = [
  'veteran_special_care',
  'family_planning_award',
  'scholarship',
  'bravery_award',
  'government_assistance',
];

export function isIncomeCounted(type: IncomeType): boolean {
  return !UNCOUNTED_INCOME_TYPES.includes(type);
}

export interface IncomeItem {
  type: IncomeType;
  /** Monthly amount in yuan. */
  monthlyAmount: number;
  /** Index into members, when the income belongs to one person. */
  memberIndex?: number;
  /** Start of a newly taken job, for the employment-cost deduction (YYYY-MM-DD). */
  jobStartedOn?: string;
  note?: string;
}

export const ASSET_TYPES = ['deposit', 'securities', 'home', 'vehicle', 'business_registration'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];
export const ASSET_TYPE_LABELS: Record<AssetType, string> = {
  deposit: '存款',
  securities: '有价证券',
  home: '住房',
  vehicle: '机动车',
  business_registration: '工商登记',
};

export interface AssetItem {
  type: AssetType;
  /** Value in yuan (deposits, securities) or estimated value. */
  value?: number;
  /** Homes: floor area in m². */
  area?: number;
  /** Vehicles: a disability-assistive vehicle is not counted against 低保. */
  disabilityVehicle?: boolean;
  /** Bank account number for deposits: sensitive. */
  bankAccount?: string;
  note?: string;
}

export const EXPENSE_TYPES = ['medical_self_paid', 'education', 'rehabilitation'] as const;
export type ExpenseType = (typeof EXPENSE_TYPES)[number];
export const EXPENSE_TYPE_LABELS: Record<ExpenseType, string> = {
  medical_self_paid: '医疗自付费用',
  education: '教育支出',
  rehabilitation: '康复支出',
};

export interface RigidExpense {
  type: ExpenseType;
  /** Amount over the last 12 months, yuan. */
  amount12m: number;
  memberIndex?: number;
  note?: string;
}

export const HARDSHIP_TYPES = ['fire', 'accident', 'serious_illness', 'earner_death', 'disaster', 'job_loss', 'other'] as const;
export type HardshipType = (typeof HARDSHIP_TYPES)[number];
export const HARDSHIP_TYPE_LABELS: Record<HardshipType, string> = {
  fire: '火灾',
  accident: '意外事故',
  serious_illness: '突发重病',
  earner_death: '主要劳动力死亡',
  disaster: '自然灾害',
  job_loss: '失业',
  other: '其他突发困难',
};

export interface HardshipEvent {
  type: HardshipType;
  /** YYYY-MM-DD */
  occurredOn: string;
  loss?: number;
  note?: string;
}

export interface CurrentBenefit {
  /** Policy code, e.g. "dibao". */
  policyCode: string;
  /** YYYY-MM-DD */
  since: string;
  monthlyAmount?: number;
}

/**
 * Legal supporters (法定赡养、抚养、扶养义务人) of the household's applicant: spouse, adult children,
 * parents of a minor … They usually live elsewhere, so they are not members; a co-resident one is
 * recorded here as well (his income then also appears among the household's incomes).
 */
export const SUPPORTER_RELATIONS = ['spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'other'] as const;
export type SupporterRelation = (typeof SUPPORTER_RELATIONS)[number];
export const SUPPORTER_RELATION_LABELS: Record<SupporterRelation, string> = {
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '(外)孙子女',
  grandparent: '(外)祖父母',
  sibling: '兄弟姐妹',
  other: '其他',
};

/**
 * Circumstances that bear on a supporter's ability to support (《特困人员认定办法》第九条):
 * 特困 or 低保 themselves, severe disability (一、二级, or 三级智力、精神), no labour capacity,
 * or 无民事行为能力 / 被宣告失踪 / 在监狱服刑.
 */
export const SUPPORTER_CONDITIONS = ['tekun', 'dibao', 'severe_disability', 'no_labour_capacity', 'incapacitated'] as const;
export type SupporterCondition = (typeof SUPPORTER_CONDITIONS)[number];
export const SUPPORTER_CONDITION_LABELS: Record<SupporterCondition, string> = {
  tekun: '特困人员',
  dibao: '低保对象',
  severe_disability: '重度残疾（含三级智力、精神残疾）',
  no_labour_capacity: '无劳动能力',
  incapacitated: '无民事行为能力、被宣告失踪或在监狱服刑',
};

export interface SupporterInput {
  name: string;
  relation: SupporterRelation;
  /** YYYY-MM-DD; null when not known. */
  birthDate: string | null;
  coResident: boolean;
  /** The supporter's own monthly income in yuan; null when not known (sensitive: stored encrypted). */
  monthlyIncome: number | null;
  conditions: SupporterCondition[];
  note?: string;
}

/** What a client sends to create a household. */
export interface HouseholdInput {
  address: string;
  communityCode: string;
  gridId?: string;
  members: MemberInput[];
  incomes: IncomeItem[];
  assets: AssetItem[];
  expenses: RigidExpense[];
  hardships: HardshipEvent[];
  benefits: CurrentBenefit[];
  /** Legal supporters of the applicant; absent = not recorded (the rules that need them answer "unknown"), [] = none. */
  supporters?: SupporterInput[];
}

export const HOUSEHOLD_STATUSES = ['pending_review', 'active', 'rejected', 'withdrawn'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];
export const HOUSEHOLD_STATUS_LABELS: Record<HouseholdStatus, string> = {
  pending_review: '待审核',
  active: '在册',
  rejected: '未通过',
  withdrawn: '已撤回授权',
};

export const SUBMISSION_STATUSES = ['draft', 'submitted', 'auto_checked', 'in_review', 'approved', 'returned', 'rejected'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  auto_checked: '已自动校验',
  in_review: '审核中',
  approved: '已通过',
  returned: '已退回',
  rejected: '已驳回',
};

export const CONSENT_PURPOSES = ['assistance_assessment', 'economic_check', 'dynamic_monitoring', 'service_referral'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_PURPOSE_LABELS: Record<ConsentPurpose, string> = {
  assistance_assessment: '社会救助资格评估',
  economic_check: '跨部门家庭经济状况核对',
  dynamic_monitoring: '低收入人口动态监测',
  service_referral: '转介社会服务',
};

export const CONSENT_METHODS = ['self_online', 'in_person_signature'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
