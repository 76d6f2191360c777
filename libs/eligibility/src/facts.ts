/**
 * The fact catalogue: everything a rule may ask about a household, derived from its snapshot in one
 * pass. Labels and units are in catalogue.ts; the rules behind each fact are below (docs/DOMAIN.md §3).
 *
 * Who counts. Only co-resident members (`coResident === true`) make up the household: its size,
 * composition, labour, health, disability and care facts, and the divisor of every per-capita
 * figure. Income and rigid expenses tied (by `memberIndex`) to a member who does not live in the
 * household are not the household's; items without a `memberIndex` are.
 *
 * Unknown, not zero. A fact is left out of the result (unknown) when what it needs was not
 * collected, so that a rule depending on it comes out `unknown` and names the fact to verify:
 * - `incomes` empty → every income fact (a household without income declares an item of 0);
 * - `assets` empty → every asset fact; a deposit or security without a value → the financial
 *   asset facts; a home without an area → the home-area fact;
 * - any co-resident member with `labourCapacity` null/undefined → the labour facts;
 * - any co-resident member with `employment` null/undefined → the employment facts; with a student
 *   whose `education` is null/undefined → the schooling facts;
 * - `health` null/undefined → the illness facts; `disability` undefined (null means "none") → the
 *   disability facts; `selfCare` null/undefined → the self-care counts;
 * - a birth date that is not YYYY-MM-DD → the age facts;
 * - a number that is not a number (NaN), or a date that is not a date, makes the facts it feeds
 *   unknown rather than wrong.
 * With no co-resident member the size is 0 and every member-based and per-capita fact is unknown.
 * deriveFacts never throws.
 *
 * Ages are completed years on `asOf` (a person turns 60 on their 60th birthday). Elderly ≥ 60,
 * minor < 18, child < 14, working age 18–59.
 */
import { HARDSHIP_TYPES, isIncomeCounted, type Disability, type HardshipType } from '@zczr/domain';
import { dateKey, fullMonths, fullYears } from './dates.js';
import type { Facts, HouseholdSnapshot, ResolvedParameters, SnapshotMember } from './types.js';

export interface DeriveContext {
  /** YYYY-MM-DD: ages, recent events, benefit durations and deductions are taken on this day. */
  asOf: string;
  /** Parameters resolved for the household's region and `asOf` (the deduction reads two of them). */
  params: ResolvedParameters;
}

/** Sentinel for `monthsSinceHardship` when the household has never reported a hardship. */
export const NO_HARDSHIP_MONTHS = 999;

/** `rigidExpenseShare` when rigid spending is positive and counted income is zero or less. */
export const RIGID_SHARE_WITHOUT_INCOME = 999;

const SELF_CARE_ITEMS = ['eating', 'dressing', 'gettingUp', 'toileting', 'walkingIndoors', 'bathing'] as const;

const isNum = (x: unknown): x is number => typeof x === 'number' && x === x;

/**
 * Disabled in a way that qualifies for 特困 support (docs/DOMAIN.md §3): grade 1–2 physical, 1–3
 * intellectual or mental, grade 1 visual, 1–2 multiple. Hearing and speech do not qualify alone.
 */
export function isTekunDisability(d: Disability): boolean {
  switch (d.category) {
    case 4:
    case 7:
      return d.grade <= 2;
    case 5:
    case 6:
      return d.grade <= 3;
    case 1:
      return d.grade === 1;
    case 2:
    case 3:
      return false;
    default:
      return false;
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/**
 * Derives every fact of the catalogue that the snapshot supports. Fact by fact:
 *
 * Size and composition (co-resident members)
 * - householdSize: number of co-resident members.
 * - elderlyCount / minorCount / childUnder14Count / workingAgeCount: aged ≥ 60 / < 18 / < 14 / 18–59.
 * - oldestAge / youngestAge: in completed years.
 * - livingAlone: householdSize is 1.
 * - minorWithoutParentCount: minors with no parent living with them, read from the relation to the
 *   head: a child without the head or spouse, a grandchild without an adult child or child-in-law,
 *   the head or a sibling without a parent, and anyone related as "other".
 *
 * Income (monthly, yuan; per capita divides by householdSize)
 * - countedMonthlyIncome: all income items except UNCOUNTED_INCOME_TYPES (special care, family
 *   planning awards, scholarships, bravery awards, government assistance). Employment-cost
 *   deduction: a wage whose `jobStartedOn` is fewer than `params.employment_cost_deduction_months`
 *   completed months before asOf counts at (1 − `params.employment_cost_deduction_share`); without
 *   both parameters there is no deduction.
 * - perCapitaIncome: countedMonthlyIncome ÷ householdSize.
 * - annualCountedIncome: countedMonthlyIncome × 12.
 * - perCapitaIncomeBeforeDeduction: as perCapitaIncome, without the deduction.
 *
 * Assets
 * - financialAssets: deposits + securities; perCapitaFinancialAssets: ÷ householdSize.
 * - homeCount: homes; homeAreaPerCapita: total home area ÷ householdSize (0 without a home).
 * - vehicleCount: vehicles other than disability vehicles.
 * - hasBusinessRegistration: any business registration.
 *
 * Labour and employment (co-resident members)
 * - membersWithLabourCapacity: labour capacity full or partial; allWithoutLabourCapacity: none has any.
 * - employedCount: employed, self-employed, farming or in flexible work; noEmployedMember: none is.
 * - unemployedWorkingAgeCount: unemployed and aged 18–59.
 * - studentCount: employment "student"; of them collegeStudentCount (college, bachelor,
 *   postgraduate), compulsoryEducationStudentCount (primary, junior) and seniorHighStudentCount
 *   (senior, vocational), by their education level.
 * - preschoolCount: employment "preschool" and aged 3 or more (kindergarten age).
 *
 * Health, disability, care (co-resident members)
 * - disabledCount: holds a disability certificate (any category and grade).
 * - severeDisabilityCount and disabilityGrade1to2Count: grade 1–2; mildDisabilityCount: grade 3–4.
 * - intellectualMentalGrade1to3Count, visualGrade1Count, physicalGrade1to2Count: by category and grade.
 * - seriousIllnessCount / chronicIllnessCount: from `health`.
 * - totalSelfCareLossCount / partialSelfCareLossCount: the 6-item check, ≥ 4 items failed / 1–3.
 * - eligiblePersonAge / eligiblePersonDisabled: for a one-person household that person, otherwise
 *   the head (unknown if the head does not live in the household): age, and whether disabled in a
 *   特困-qualifying way (isTekunDisability).
 * - eligiblePersonIncome: that person's own counted monthly income: items tied to them plus an equal
 *   share of the items tied to no one (person-level tests such as 特困's 无生活来源).
 * - eligiblePersonUnableToWork: 《特困人员认定办法》第七条: aged 60+ or under 16, a qualifying
 *   disability, or assessed without labour capacity; false when assessed able and none applies.
 * - elderlySelfCareLossCount: members aged 60+ who fail at least one self-care item (person-level:
 *   an old person who is disabled, not an old person beside a disabled one).
 *
 * Supporters (legal 赡养、抚养、扶养义务人 of that person; `supporters` absent → all unknown)
 * - supporterCount; supporterMaxIncome: the highest own income among those not unable under 第九条
 *   (0 if none); unknown if an income (or an age that decides) is missing.
 * - supportPaymentCounted: Σ over non-co-resident able supporters of (income − the parameter
 *   supporter_ability_income_line) × support_payment_share, added to the counted income beyond the
 *   support_payment items already declared.
 *
 * Rigid expenses (last 12 months, yuan)
 * - medicalSelfPaid12m, educationExpense12m, rehabilitationExpense12m and their sum rigidExpenses12m.
 * - rigidExpenseShare: rigidExpenses12m ÷ annualCountedIncome; 0 with neither; 999 with spending
 *   but no positive income.
 * - perCapitaIncomeAfterRigid: (annualCountedIncome − rigidExpenses12m) ÷ 12 ÷ householdSize.
 *
 * Events and benefits
 * - recentHardship / hardshipTypes / hardshipLoss: hardships that occurred fewer than 12 completed
 *   months before asOf (not after it): any, their types (in HARDSHIP_TYPES order), total loss.
 * - monthsSinceHardship: completed months since the latest hardship up to asOf; 999 if none.
 * - benefitCodes: codes of benefits received since a date up to asOf, sorted.
 * - monthsOnDibao: completed months since the 低保 benefit started; 0 if not on 低保.
 * - onDibao ("dibao" or "dibao_…" not naming a margin), onTekun ("tekun…"), onMargin (a code
 *   containing "margin").
 */
export function deriveFacts(h: HouseholdSnapshot, ctx: DeriveContext): Facts {
  const facts: Facts = {};
  const asOf = dateKey(ctx.asOf);
  const params: ResolvedParameters = isObject(ctx.params) ? ctx.params : {};
  const members: readonly SnapshotMember[] = Array.isArray(h.members) ? h.members : [];
  const resident: boolean[] = new Array<boolean>(members.length);
  /** The applicant the person-level facts describe: the one member, otherwise the head (-1: none). */
  let personIndex = -1;
  // Urban or rural from the 12-digit community code (docs/DOMAIN.md): 001–199 居委会 (urban), 200–399 村委会 (rural); otherwise unknown.
  if (typeof h.regionCode === 'string' && /^\d{12}$/.test(h.regionCode)) {
    const village = Number(h.regionCode.slice(9));
    if (village >= 1 && village <= 199) facts.ruralCommunity = false;
    else if (village >= 200 && village <= 399) facts.ruralCommunity = true;
  }

  // ---- one pass over the members ----
  let size = 0;
  let agesKnown = asOf === asOf;
  let elderly = 0,
    minors = 0,
    under14 = 0,
    workingAge = 0,
    oldest = -Infinity,
    youngest = Infinity;
  let minorHeadOrSibling = 0,
    minorChild = 0,
    minorGrandchild = 0,
    minorOther = 0;
  let hasParent = false,
    hasHeadOrSpouse = false,
    hasAdultChildGeneration = false;
  let labourKnown = true,
    withCapacity = 0;
  let employmentKnown = true,
    employed = 0,
    unemployedWorkingAge = 0,
    students = 0,
    preschool = 0;
  let schoolingKnown = true,
    college = 0,
    compulsory = 0,
    seniorHigh = 0;
  let disabilityKnown = true,
    disabled = 0,
    grade1to2 = 0,
    intellectualMental = 0,
    visual1 = 0,
    physical12 = 0,
    mild = 0;
  let healthKnown = true,
    serious = 0,
    chronic = 0;
  let selfCareKnown = true,
    totalLoss = 0,
    partialLoss = 0;
  let single: SnapshotMember | undefined;
  let head: SnapshotMember | undefined;
  let singleIndex = -1,
    headIndex = -1;
  let elderlyCareLoss = 0;
  let singleAge = NaN,
    headAge = NaN;

  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    if (!isObject(m) || m.coResident !== true) {
      resident[i] = false;
      continue;
    }
    resident[i] = true;
    size++;

    const birth = dateKey(m.birthDate);
    const age = birth === birth && asOf === asOf ? fullYears(birth, asOf) : NaN;
    if (age !== age) agesKnown = false;
    else {
      if (age >= 60) elderly++;
      if (age < 18) minors++;
      if (age < 14) under14++;
      if (age >= 18 && age < 60) workingAge++;
      if (age > oldest) oldest = age;
      if (age < youngest) youngest = age;
    }
    const relation = m.relation;
    if (relation === 'parent') hasParent = true;
    if (relation === 'head' || relation === 'spouse') hasHeadOrSpouse = true;
    if ((relation === 'child' || relation === 'child_in_law') && age >= 18) hasAdultChildGeneration = true;
    if (age < 18) {
      if (relation === 'head' || relation === 'sibling') minorHeadOrSibling++;
      else if (relation === 'child') minorChild++;
      else if (relation === 'grandchild') minorGrandchild++;
      else if (relation === 'other') minorOther++;
    }
    if (size === 1) {
      single = m;
      singleAge = age;
      singleIndex = i;
    }
    if (relation === 'head' && head === undefined) {
      head = m;
      headAge = age;
      headIndex = i;
    }

    const capacity = m.labourCapacity;
    if (capacity === null || capacity === undefined) labourKnown = false;
    else if (capacity !== 'none') withCapacity++;

    const work = m.employment;
    if (work === null || work === undefined) employmentKnown = false;
    else {
      switch (work) {
        case 'employed':
        case 'self_employed':
        case 'farming':
        case 'flexible':
          employed++;
          break;
        case 'unemployed':
          if (age >= 18 && age < 60) unemployedWorkingAge++;
          break;
        case 'student': {
          students++;
          const level = m.education;
          if (level === null || level === undefined) schoolingKnown = false;
          else if (level === 'college' || level === 'bachelor' || level === 'postgraduate') college++;
          else if (level === 'primary' || level === 'junior') compulsory++;
          else if (level === 'senior' || level === 'vocational') seniorHigh++;
          break;
        }
        case 'preschool':
          if (age >= 3) preschool++;
          break;
        case 'retired':
        case 'unable':
          break;
        default:
          break;
      }
    }

    const d = m.disability;
    if (d === undefined) disabilityKnown = false;
    else if (isObject(d)) {
      disabled++;
      if (d.grade <= 2) grade1to2++;
      else if (d.grade === 3 || d.grade === 4) mild++;
      if ((d.category === 5 || d.category === 6) && d.grade <= 3) intellectualMental++;
      if (d.category === 1 && d.grade === 1) visual1++;
      if (d.category === 4 && d.grade <= 2) physical12++;
    }

    const health = m.health;
    if (!isObject(health)) healthKnown = false;
    else {
      if (health.seriousIllness === true) serious++;
      if (health.chronicIllness === true) chronic++;
    }

    const care = m.selfCare;
    if (!isObject(care)) selfCareKnown = false;
    else {
      let failed = 0;
      for (const item of SELF_CARE_ITEMS) if (care[item] === true) failed++;
      if (failed >= 4) totalLoss++;
      else if (failed > 0) partialLoss++;
      if (failed > 0 && age >= 60) elderlyCareLoss++;
    }
  }

  facts.householdSize = size;
  if (size > 0) {
    if (agesKnown) {
      facts.elderlyCount = elderly;
      facts.minorCount = minors;
      facts.childUnder14Count = under14;
      facts.workingAgeCount = workingAge;
      facts.oldestAge = oldest;
      facts.youngestAge = youngest;
      facts.minorWithoutParentCount =
        (hasParent ? 0 : minorHeadOrSibling) + (hasHeadOrSpouse ? 0 : minorChild) + (hasAdultChildGeneration ? 0 : minorGrandchild) + minorOther;
    }
    facts.livingAlone = size === 1;
    if (labourKnown) {
      facts.membersWithLabourCapacity = withCapacity;
      facts.allWithoutLabourCapacity = withCapacity === 0;
    }
    if (employmentKnown) {
      facts.employedCount = employed;
      facts.noEmployedMember = employed === 0;
      facts.studentCount = students;
      if (agesKnown) {
        facts.unemployedWorkingAgeCount = unemployedWorkingAge;
        facts.preschoolCount = preschool;
      }
      if (schoolingKnown) {
        facts.collegeStudentCount = college;
        facts.compulsoryEducationStudentCount = compulsory;
        facts.seniorHighStudentCount = seniorHigh;
      }
    }
    if (disabilityKnown) {
      facts.disabledCount = disabled;
      facts.severeDisabilityCount = grade1to2;
      facts.disabilityGrade1to2Count = grade1to2;
      facts.intellectualMentalGrade1to3Count = intellectualMental;
      facts.visualGrade1Count = visual1;
      facts.physicalGrade1to2Count = physical12;
      facts.mildDisabilityCount = mild;
    }
    if (healthKnown) {
      facts.seriousIllnessCount = serious;
      facts.chronicIllnessCount = chronic;
    }
    if (selfCareKnown) {
      facts.totalSelfCareLossCount = totalLoss;
      facts.partialSelfCareLossCount = partialLoss;
      if (agesKnown) facts.elderlySelfCareLossCount = elderlyCareLoss;
    }
    const person = size === 1 ? single : head;
    const personAge = size === 1 ? singleAge : headAge;
    personIndex = size === 1 ? singleIndex : headIndex;
    if (person !== undefined) {
      if (personAge === personAge) facts.eligiblePersonAge = personAge;
      const d = person.disability;
      if (d === null) facts.eligiblePersonDisabled = false;
      else if (isObject(d)) facts.eligiblePersonDisabled = isTekunDisability(d);
      // 《特困人员认定办法》第七条: 60+, under 16, or a qualifying disability are without labour capacity; otherwise the assessment.
      const tekunDisabled = isObject(d) && isTekunDisability(d);
      if ((personAge === personAge && (personAge >= 60 || personAge < 16)) || tekunDisabled || person.labourCapacity === 'none') {
        facts.eligiblePersonUnableToWork = true;
      } else if (personAge === personAge && d !== undefined && (person.labourCapacity === 'full' || person.labourCapacity === 'partial')) {
        facts.eligiblePersonUnableToWork = false;
      }
    }
  }

  // ---- legal supporters (赡养、抚养、扶养义务人) ----
  // Not recorded → every supporter fact unknown. A supporter without the ability to support
  // (《特困人员认定办法》第九条): 特困; 低保 and aged 60+; aged 70+ or severely disabled with own income below
  // last year's per-capita disposable income; 无民事行为能力、失踪、服刑. The others' highest income is
  // supporterMaxIncome (the rules compare it with the local line, 第九条第六项); a non-co-resident one
  // owes (income − line) × share as support, counted into the household's income for 低保.
  let supportDue = 0;
  let supportKnown = true;
  let dueKnown = true;
  const supporters = h.supporters;
  if (Array.isArray(supporters)) {
    const disposable = params['disposable_income_monthly'];
    const line = params['supporter_ability_income_line'];
    const share = params['support_payment_share'];
    let count = 0,
      maxIncome = 0;
    for (const sp of supporters) {
      if (!isObject(sp)) continue;
      count++;
      const conditions: readonly string[] = Array.isArray(sp.conditions) ? sp.conditions : [];
      const birth = sp.birthDate === null || sp.birthDate === undefined ? NaN : dateKey(sp.birthDate);
      const age = birth === birth && asOf === asOf ? fullYears(birth, asOf) : NaN;
      const income = isNum(sp.monthlyIncome) ? sp.monthlyIncome : NaN;
      if (conditions.includes('tekun') || conditions.includes('incapacitated')) continue;
      if (conditions.includes('dibao') && age >= 60) continue;
      if (income !== income) {
        supportKnown = false;
        if (sp.coResident !== true) dueKnown = false;
        continue;
      }
      const poorer = isNum(disposable) ? income < disposable : false;
      if (poorer && (age >= 70 || conditions.includes('severe_disability'))) continue;
      if (poorer && (age !== age || !isNum(disposable))) {
        // Could be 70 or older (or the line is not configured): undecided unless the local line already frees him.
        if (!(isNum(line) && income < line)) {
          supportKnown = false;
          if (sp.coResident !== true) dueKnown = false;
        }
        continue;
      }
      if (conditions.includes('dibao') && age !== age) {
        supportKnown = false;
        if (sp.coResident !== true) dueKnown = false;
        continue;
      }
      if (income > maxIncome) maxIncome = income;
      if (sp.coResident !== true && isNum(line) && isNum(share) && income > line) supportDue += (income - line) * share;
    }
    facts.supporterCount = count;
    if (supportKnown) facts.supporterMaxIncome = maxIncome;
    if (dueKnown && supportDue === supportDue) facts.supportPaymentCounted = Math.round(supportDue * 100) / 100;
    else dueKnown = false;
  }

  // ---- income ----
  const incomes = Array.isArray(h.incomes) ? h.incomes : [];
  let counted = NaN;
  if (incomes.length > 0) {
    const deductMonths = params['employment_cost_deduction_months'];
    const deductShare = params['employment_cost_deduction_share'];
    const deduct = isNum(deductMonths) && deductMonths > 0 && isNum(deductShare) && deductShare > 0 && asOf === asOf;
    const keep = deduct ? 1 - Math.min(1, deductShare) : 1;
    let before = 0;
    let after = 0;
    let own = 0,
      shared = 0,
      declaredSupport = 0;
    for (const item of incomes) {
      if (!isObject(item)) continue;
      if (!isIncomeCounted(item.type)) continue;
      const owner = item.memberIndex;
      if (typeof owner === 'number' && owner >= 0 && owner < members.length && resident[owner] === false) continue;
      const amount = item.monthlyAmount;
      before += isNum(amount) ? amount : NaN;
      if (item.type === 'support_payment') declaredSupport += isNum(amount) ? amount : 0;
      if (typeof owner === 'number' && owner >= 0 && owner < members.length) {
        if (owner === personIndex) own += isNum(amount) ? amount : NaN;
      } else shared += isNum(amount) ? amount : NaN;
      let share = 1;
      if (deduct && item.type === 'wage' && item.jobStartedOn !== undefined) {
        const started = dateKey(item.jobStartedOn);
        const elapsed = started === started ? fullMonths(started, asOf) : NaN;
        if (elapsed >= 0 && elapsed < deductMonths) share = keep;
      }
      after += amount * share;
    }
    // The applicant's own income: items tied to them, and an equal share of the items tied to no one.
    const ownIncome = personIndex >= 0 && size > 0 ? own + shared / size : NaN;
    if (ownIncome === ownIncome) facts.eligiblePersonIncome = ownIncome;
    // Support the supporters owe, beyond what the household already declares receiving (低保审核确认办法: 赡养费 is income).
    if (Array.isArray(supporters)) {
      const extra = dueKnown ? Math.max(0, supportDue - declaredSupport) : NaN;
      after += extra;
      before += extra;
    }
    if (after === after && before === before) {
      counted = after;
      facts.countedMonthlyIncome = after;
      facts.annualCountedIncome = after * 12;
      if (size > 0) {
        facts.perCapitaIncome = after / size;
        facts.perCapitaIncomeBeforeDeduction = before / size;
      }
    }
  }

  // ---- assets ----
  const assets = Array.isArray(h.assets) ? h.assets : [];
  if (assets.length > 0) {
    let financial = 0,
      homes = 0,
      area = 0,
      vehicles = 0,
      business = false;
    for (const a of assets) {
      if (!isObject(a)) continue;
      switch (a.type) {
        case 'deposit':
        case 'securities':
          financial += isNum(a.value) ? a.value : NaN;
          break;
        case 'home':
          homes++;
          area += isNum(a.area) ? a.area : NaN;
          break;
        case 'vehicle':
          if (a.disabilityVehicle !== true) vehicles++;
          break;
        case 'business_registration':
          business = true;
          break;
        default:
          break;
      }
    }
    if (financial === financial) {
      facts.financialAssets = financial;
      if (size > 0) facts.perCapitaFinancialAssets = financial / size;
    }
    facts.homeCount = homes;
    if (area === area && size > 0) facts.homeAreaPerCapita = area / size;
    facts.vehicleCount = vehicles;
    facts.hasBusinessRegistration = business;
  }

  // ---- rigid expenses ----
  const expenses = Array.isArray(h.expenses) ? h.expenses : [];
  let medical = 0,
    education = 0,
    rehabilitation = 0;
  for (const e of expenses) {
    if (!isObject(e)) continue;
    const owner = e.memberIndex;
    if (typeof owner === 'number' && owner >= 0 && owner < members.length && resident[owner] === false) continue;
    const amount = isNum(e.amount12m) ? e.amount12m : NaN;
    if (e.type === 'medical_self_paid') medical += amount;
    else if (e.type === 'education') education += amount;
    else if (e.type === 'rehabilitation') rehabilitation += amount;
  }
  const rigid = medical + education + rehabilitation;
  if (rigid === rigid) {
    facts.medicalSelfPaid12m = medical;
    facts.educationExpense12m = education;
    facts.rehabilitationExpense12m = rehabilitation;
    facts.rigidExpenses12m = rigid;
    if (counted === counted) {
      const annual = counted * 12;
      const share = annual > 0 ? rigid / annual : rigid > 0 ? RIGID_SHARE_WITHOUT_INCOME : 0;
      if (share === share) facts.rigidExpenseShare = share;
      if (size > 0) {
        const after = (annual - rigid) / 12 / size;
        if (after === after) facts.perCapitaIncomeAfterRigid = after;
      }
    }
  }

  // ---- hardships ----
  if (asOf === asOf) {
    const hardships = Array.isArray(h.hardships) ? h.hardships : [];
    let valid = true,
      recent = false,
      loss = 0,
      since = NO_HARDSHIP_MONTHS;
    const types: HardshipType[] = [];
    for (const e of hardships) {
      if (!isObject(e)) continue;
      const on = dateKey(e.occurredOn);
      if (on !== on) {
        valid = false;
        break;
      }
      const elapsed = fullMonths(on, asOf);
      if (on > asOf) continue;
      if (elapsed < since) since = elapsed;
      if (elapsed < 12) {
        recent = true;
        loss += e.loss === undefined ? 0 : isNum(e.loss) ? e.loss : NaN;
        types.push(e.type);
      }
    }
    if (valid) {
      facts.recentHardship = recent;
      facts.hardshipTypes = types.length === 0 ? types : HARDSHIP_TYPES.filter((t) => types.includes(t));
      facts.monthsSinceHardship = since;
      if (loss === loss) facts.hardshipLoss = loss;
    }
  }

  // ---- current benefits ----
  const benefits = Array.isArray(h.benefits) ? h.benefits : [];
  let codes: string[] = [];
  let onDibao = false,
    onTekun = false,
    onMargin = false,
    monthsOnDibao = 0;
  for (const b of benefits) {
    if (!isObject(b) || typeof b.policyCode !== 'string') continue;
    const since = dateKey(b.since);
    if (since === since && asOf === asOf && since > asOf) continue;
    const code = b.policyCode;
    if (!codes.includes(code)) codes.push(code);
    if (code.includes('margin')) onMargin = true;
    else if (code === 'dibao' || code.startsWith('dibao_')) {
      onDibao = true;
      const months = since === since && asOf === asOf ? fullMonths(since, asOf) : NaN;
      monthsOnDibao = months > monthsOnDibao || months !== months ? months : monthsOnDibao;
    }
    if (code.startsWith('tekun')) onTekun = true;
  }
  codes = codes.sort();
  facts.benefitCodes = codes;
  facts.onDibao = onDibao;
  facts.onTekun = onTekun;
  facts.onMargin = onMargin;
  if (monthsOnDibao === monthsOnDibao) facts.monthsOnDibao = monthsOnDibao;

  return facts;
}
