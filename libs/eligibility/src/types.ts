/**
 * The contract of the eligibility engine: the rule language (stored as JSON), parameters by region
 * and date, policy definitions and the household snapshot the facts are derived from.
 * Pure data types: nothing here runs.
 */
import type {
  AssetItem,
  CurrentBenefit,
  Disability,
  Education,
  Employment,
  HardshipEvent,
  Health,
  IncomeItem,
  LabourCapacity,
  Relation,
  RigidExpense,
  SelfCareCheck,
  SupporterCondition,
  SupporterRelation,
} from '@zczr/domain';

// ---- household snapshot ----------------------------------------------------------------------

/** A member as the matcher sees it. `null`/`undefined` means "not collected" and makes dependent facts unknown. */
export interface SnapshotMember {
  relation: Relation;
  sex: 'male' | 'female';
  /** YYYY-MM-DD */
  birthDate: string;
  education?: Education | null;
  employment?: Employment | null;
  labourCapacity?: LabourCapacity | null;
  health?: Health | null;
  /** `null`: collected, no disability. `undefined`: not collected. */
  disability?: Disability | null;
  selfCare?: SelfCareCheck | null;
  coResident: boolean;
}

/** A legal supporter (赡养、抚养、扶养义务人) of the applicant, without a name. `null` = not known. */
export interface SnapshotSupporter {
  relation: SupporterRelation;
  /** YYYY-MM-DD, or null when not known. */
  birthDate: string | null;
  coResident: boolean;
  /** Own monthly income, yuan; null when not known. */
  monthlyIncome: number | null;
  conditions: SupporterCondition[];
}

/**
 * A household as the matcher sees it: no names, no ID numbers, nothing the rules do not need.
 * An empty `incomes` or `assets` list means "not declared" (unknown), not zero: a household with no
 * income declares it as an item of 0. An empty `expenses`/`hardships`/`benefits` list means none.
 */
export interface HouseholdSnapshot {
  /** Community (12 digits) or any ancestor division code: parameters resolve by its prefixes. */
  regionCode: string;
  members: SnapshotMember[];
  incomes: IncomeItem[];
  assets: AssetItem[];
  expenses: RigidExpense[];
  hardships: HardshipEvent[];
  benefits: CurrentBenefit[];
  /** Legal supporters of the applicant; absent = not recorded (supporter facts unknown), [] = none. */
  supporters?: SnapshotSupporter[];
}

// ---- facts -----------------------------------------------------------------------------------

export type FactValue = number | boolean | string | readonly string[];

/** Facts derived from a snapshot; a missing key means the fact is unknown. */
export type Facts = Partial<Record<FactName, FactValue>>;

/**
 * The fact catalogue: every fact a rule may name. `facts.ts` derives them (documented there);
 * FACT_CATALOGUE gives each one a Chinese label and unit for explanations.
 */
export const FACT_NAMES = [
  // size and composition (co-resident members only, per docs/DOMAIN.md §3)
  'householdSize',
  'elderlyCount',
  'minorCount',
  'childUnder14Count',
  'workingAgeCount',
  'oldestAge',
  'youngestAge',
  'livingAlone',
  'minorWithoutParentCount',
  // where the household lives: a villagers' committee (村委会) or a residents' committee (居委会)
  'ruralCommunity',
  // income (monthly, yuan)
  'countedMonthlyIncome',
  'perCapitaIncome',
  'annualCountedIncome',
  'perCapitaIncomeBeforeDeduction',
  // assets
  'financialAssets',
  'perCapitaFinancialAssets',
  'homeCount',
  'homeAreaPerCapita',
  'vehicleCount',
  'hasBusinessRegistration',
  // labour and employment
  'membersWithLabourCapacity',
  'allWithoutLabourCapacity',
  'employedCount',
  'unemployedWorkingAgeCount',
  'noEmployedMember',
  'studentCount',
  'collegeStudentCount',
  'compulsoryEducationStudentCount',
  'seniorHighStudentCount',
  'preschoolCount',
  // health, disability, care
  'disabledCount',
  'severeDisabilityCount',
  'disabilityGrade1to2Count',
  'intellectualMentalGrade1to3Count',
  'visualGrade1Count',
  'physicalGrade1to2Count',
  'mildDisabilityCount',
  'seriousIllnessCount',
  'chronicIllnessCount',
  'totalSelfCareLossCount',
  'partialSelfCareLossCount',
  'eligiblePersonAge',
  'eligiblePersonDisabled',
  'eligiblePersonIncome',
  'eligiblePersonUnableToWork',
  'elderlySelfCareLossCount',
  // legal supporters of the applicant (赡养、抚养、扶养义务人)
  'supporterCount',
  'supporterMaxIncome',
  'supportPaymentCounted',
  // rigid expenses (last 12 months, yuan)
  'medicalSelfPaid12m',
  'educationExpense12m',
  'rehabilitationExpense12m',
  'rigidExpenses12m',
  'rigidExpenseShare',
  'perCapitaIncomeAfterRigid',
  // events and benefits
  'recentHardship',
  'hardshipTypes',
  'monthsSinceHardship',
  'hardshipLoss',
  'benefitCodes',
  'monthsOnDibao',
  'onDibao',
  'onTekun',
  'onMargin',
] as const;
export type FactName = (typeof FACT_NAMES)[number];

export interface FactInfo {
  label: string;
  unit?: string;
  kind: 'number' | 'boolean' | 'string' | 'list';
  /** What a grid worker must verify when the fact is unknown, e.g. "家庭成员劳动能力". */
  collect?: string;
}

// ---- parameters ------------------------------------------------------------------------------

/** One value of a parameter, valid in a region (code prefix; '' = national) from a date. */
export interface ParameterValue {
  region: string;
  /** YYYY-MM-DD, inclusive */
  effectiveFrom: string;
  /** YYYY-MM-DD, exclusive; open-ended if absent */
  effectiveTo?: string;
  value: number;
  source?: string;
}

export interface ParameterDefinition {
  name: string;
  label: string;
  unit?: string;
  values: ParameterValue[];
}

/** Parameters resolved for one region and date. */
export type ResolvedParameters = Readonly<Record<string, number>>;

// ---- rules -----------------------------------------------------------------------------------

export type CompareOp = 'lt' | 'lte' | 'gt' | 'gte' | 'eq' | 'neq' | 'in' | 'notIn' | 'includes' | 'excludes';

/** A number, string, boolean, list of strings, a named parameter (optionally × a factor), or another fact. */
export type Operand = number | string | boolean | readonly string[] | { param: string; times?: number } | { fact: FactName; times?: number };

interface Labelled {
  /** Short Chinese text used in explanations, e.g. "家庭人均月收入低于当地低保标准". */
  label: string;
  /** Stable id within the policy (for near-miss reports and the console's editor). */
  id?: string;
}

export type Rule =
  (Labelled & { all: Rule[] }) | (Labelled & { any: Rule[] }) | (Labelled & { not: Rule }) | (Labelled & { fact: FactName; op: CompareOp; value: Operand });

/** Arithmetic for benefit estimates. */
export type Expr =
  number | { param: string } | { fact: FactName } | { op: '+' | '-' | '*' | '/' | 'min' | 'max'; args: Expr[] } | { op: 'round'; args: [Expr] };

export interface BenefitFormula {
  /** e.g. "（低保标准 − 家庭人均收入）× 共同生活人数" */
  label: string;
  expr: Expr;
  unit: '元/月' | '元/年' | '元/次' | '元';
  /** Category top-ups added to the result, each with its own condition. */
  topUps?: Array<{ label: string; when: Rule; expr: Expr }>;
}

// ---- policies --------------------------------------------------------------------------------

export const POLICY_GROUPS = [
  'dibao',
  'tekun',
  'margin',
  'rigid_expense',
  'temporary',
  'medical',
  'education',
  'housing',
  'employment',
  'disability',
  'children',
  'elderly',
  'social_service',
  'other',
] as const;
export type PolicyGroup = (typeof POLICY_GROUPS)[number];

export const DEPARTMENTS = ['民政', '医保', '教育', '人社', '住建', '残联', '慈善/社会组织'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export type Outcome = 'eligible' | 'ineligible' | 'unknown';

export interface ReferenceHousehold {
  label: string;
  household: HouseholdSnapshot;
  expected: Outcome;
  /** For `unknown`: exactly the facts that would decide it. */
  expectedMissing?: FactName[];
  /** Evaluation date (default: the policy's effectiveFrom). */
  asOf?: string;
}

export interface PolicyDefinition {
  /** Stable code, e.g. "dibao"; lower snake case. */
  code: string;
  name: string;
  group: PolicyGroup;
  department: Department;
  legalBasis: string[];
  /** What the household receives, in plain Chinese. */
  benefit: string;
  requiredDocuments: string[];
  rule: Rule;
  benefitFormula?: BenefitFormula;
  /** YYYY-MM-DD */
  effectiveFrom: string;
  effectiveTo?: string;
  /** Months a household keeps the benefit after it stops qualifying (渐退期). */
  exitGraceMonths?: number;
  references: ReferenceHousehold[];
}

// ---- results ---------------------------------------------------------------------------------

/** One condition of the tree, as evaluated for a household. */
export interface ConditionResult {
  id?: string;
  label: string;
  outcome: 'true' | 'false' | 'unknown';
  /** Leaf conditions: the household's value and the required value, both readable. */
  fact?: FactName;
  actual?: FactValue | null;
  op?: CompareOp;
  required?: FactValue;
  /** Groups: how the children combine. */
  combinator?: 'all' | 'any' | 'not';
  /** Leaf compared against a parameter: its name. */
  param?: string;
  /** Leaf compared against another fact: its name. */
  operandFact?: FactName;
  /** The factor applied to the parameter or operand fact, when not 1. */
  times?: number;
  /** The parameter was not configured for the household's region and date, so the leaf is unknown. */
  missingParam?: boolean;
  children?: ConditionResult[];
}

export interface NearMiss {
  id?: string;
  label: string;
  fact: FactName;
  actual: FactValue;
  required: FactValue;
  /** For numeric comparisons: how far off, in the fact's unit. */
  gap?: number;
  /** e.g. "家庭人均月收入比标准高 35 元" */
  text: string;
}

export interface EligibilityResult {
  policyCode: string;
  policyVersion?: number;
  outcome: Outcome;
  /** Facts whose values would decide an unknown result. */
  missingFacts: FactName[];
  explanation: ConditionResult;
  /** Plain-Chinese summary, one sentence. */
  summary: string;
  benefit?: {
    amount: number;
    unit: BenefitFormula['unit'];
    label: string;
    topUps: Array<{ label: string; amount: number }>;
    /** An estimate for an `unknown` outcome ("预计"): shown only when computable. */
    provisional?: boolean;
  };
  nearMiss?: NearMiss;
}
