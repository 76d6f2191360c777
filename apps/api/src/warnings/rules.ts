import type { Employment, HardshipEvent, Relation } from '@zczr/domain';
import type { Facts, ResolvedParameters } from '@zczr/eligibility';
import { ageOn } from '@zczr/id-card';
import { minusMonths } from '../common/dates.js';
import type { RowValue } from '../imports/sources.js';

/** A member as the rules see it: no name, no ID number, only the keyed hash to match department records. */
export interface MemberView {
  position: number;
  relation: Relation;
  birthDate: string;
  employment: Employment | null;
  personHash: string | null;
}

export interface DeptRecord {
  source: string;
  personHash: string;
  eventDate: string;
  values: Record<string, RowValue>;
}

/** Everything the rules and the risk score read about one household. */
export interface HouseholdView {
  householdId: string;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  gridId: string;
  members: MemberView[];
  facts: Facts | null;
  /** Policy parameters (dibao standard …) for the household's region. */
  policyParams: ResolvedParameters | null;
  benefits: string[];
  /** Start dates of those benefits (re-checks count from the earliest). */
  benefitsSince: string[];
  eligible: string[];
  unknown: Array<{ policyCode: string; missing: string[] }>;
  /** Department records of the last 12 months. */
  records: DeptRecord[];
  /** Counted monthly income at the previous scoring (income-drop baseline). */
  previousIncome: number | null;
  /**
   * What the household itself declared (resident's report, grid worker's visit): its hardship events
   * and its self-paid medical costs over the last 12 months. They feed the same rules as department
   * records, so one event raises one warning whoever reported it first (the rule's window).
   */
  declared: { hardships: HardshipEvent[]; medicalSelfPaid12m: number };
}

/** The rules a household's own declarations can raise (run when its record changes). */
export const DECLARED_EVENT_RULES: ReadonlySet<string> = new Set(['medical_self_paid', 'earner_event', 'only_earner_job_loss', 'declared_emergency']);

const EMERGENCIES: ReadonlySet<string> = new Set(['fire', 'accident', 'disaster']);

export interface Candidate {
  ruleCode: string;
  evidence: Record<string, unknown>;
}

const EARNING: ReadonlySet<Employment> = new Set(['employed', 'self_employed', 'farming', 'flexible']);
const MARGIN_CODES = new Set(['margin', 'low_income_monitoring']);

export const num = (f: Facts | null, name: keyof Facts): number | undefined => {
  const v = f?.[name];
  return typeof v === 'number' ? v : undefined;
};

export { minusMonths };

/** Self-paid medical costs of department settlements in the 12 months up to `asOf`. */
export function medicalSelfPaid12m(records: readonly DeptRecord[], asOf: string): { total: number; count: number } {
  const from = minusMonths(asOf, 12);
  let total = 0;
  let count = 0;
  for (const r of records) {
    if (r.source !== 'medical_settlement' || r.eventDate <= from || r.eventDate > asOf) continue;
    total += Number(r.values.selfPaid ?? 0);
    count++;
  }
  return { total: Math.round(total * 100) / 100, count };
}

/**
 * Every warning rule over one household: which fire, with their evidence. Windows and switches are
 * applied by the caller; parameters come from `monitoring_parameter` (region and date).
 */
export function evaluateRules(h: HouseholdView, p: ResolvedParameters, asOf: string): Candidate[] {
  const out: Candidate[] = [];
  const byHash = new Map(h.members.filter((m) => m.personHash).map((m) => [m.personHash!, m]));
  const ageOf = (m: MemberView): number => (m.birthDate <= asOf ? ageOn(m.birthDate, asOf) : 0);
  const who = (m: MemberView): Record<string, unknown> => ({ relation: m.relation, age: ageOf(m) });

  // Self-paid medical costs over a sum, or over a share of the household's annual income.
  // The same costs may be both settled by medical insurance and declared by the family: the larger counts, never the sum.
  const settled = medicalSelfPaid12m(h.records, asOf);
  const declaredMedical = h.declared.medicalSelfPaid12m > 0 ? h.declared.medicalSelfPaid12m : 0;
  const medical = { total: Math.max(settled.total, declaredMedical), count: settled.count };
  const annualIncome = num(h.facts, 'annualCountedIncome');
  const amountLine = p.warn_medical_self_paid_amount;
  const shareLine = p.warn_medical_income_share;
  if (medical.count > 0 || declaredMedical > 0) {
    const share = annualIncome && annualIncome > 0 ? medical.total / annualIncome : null;
    const overAmount = amountLine !== undefined && medical.total >= amountLine;
    const overShare = shareLine !== undefined && share !== null && share >= shareLine;
    if (overAmount || overShare) {
      out.push({
        ruleCode: 'medical_self_paid',
        evidence: {
          selfPaid12m: medical.total,
          settlements: medical.count,
          declaredSelfPaid12m: declaredMedical,
          source: settled.total >= declaredMedical ? 'department' : 'declared',
          amountLine: amountLine ?? null,
          incomeShare: share === null ? null : Math.round(share * 100) / 100,
          shareLine: shareLine ?? null,
        },
      });
    }
  }

  // Declared events of the last 12 months (not after asOf).
  const from12 = minusMonths(asOf, 12);
  const declaredEvents = h.declared.hardships.filter((e) => typeof e.occurredOn === 'string' && e.occurredOn > from12 && e.occurredOn <= asOf);

  // Death, new severe disability or serious illness of a member of working age.
  const minAge = p.warn_earner_min_age;
  const maxAge = p.warn_earner_max_age;
  if (minAge !== undefined && maxAge !== undefined) {
    const events: Array<Record<string, unknown>> = [];
    for (const r of h.records) {
      const m = byHash.get(r.personHash);
      if (!m || r.eventDate < m.birthDate) continue;
      const age = ageOn(m.birthDate, r.eventDate);
      if (age < minAge || age > maxAge) continue;
      if (r.source === 'death') events.push({ event: 'death', date: r.eventDate, ...who(m) });
      else if (r.source === 'disability_registration' && Number(r.values.grade) <= (p.warn_severe_disability_max_grade ?? 2))
        events.push({ event: 'severe_disability', grade: r.values.grade, date: r.eventDate, ...who(m) });
      else if (r.source === 'medical_settlement' && r.values.seriousIllness === true) events.push({ event: 'serious_illness', date: r.eventDate, ...who(m) });
    }
    // 主要劳动力死亡 / 突发重病 as the family or the grid worker reports them: the earner is not named, so no age test.
    for (const e of declaredEvents) {
      if (e.type === 'earner_death') events.push({ event: 'death', date: e.occurredOn, source: 'declared' });
      else if (e.type === 'serious_illness') events.push({ event: 'serious_illness', date: e.occurredOn, source: 'declared' });
    }
    if (events.length) out.push({ ruleCode: 'earner_event', evidence: { events: dedupeEvents(events) } });
  }

  // A declared job loss where at most one member is (still recorded as) in work: the only earner's.
  const declaredJobLoss = declaredEvents.find((e) => e.type === 'job_loss');
  const declaredJobLossFires = declaredJobLoss !== undefined && h.members.filter((x) => x.employment && EARNING.has(x.employment)).length <= 1;

  // Fire, accident, disaster reported by the family or the grid worker.
  const emergencies = declaredEvents.filter((e) => EMERGENCIES.has(e.type));
  if (emergencies.length) {
    out.push({
      ruleCode: 'declared_emergency',
      evidence: { events: emergencies.slice(0, 10).map((e) => ({ type: e.type, date: e.occurredOn, loss: e.loss ?? null, source: 'declared' })) },
    });
  }

  // Job loss of the only earner: nobody else in the household is in work.
  let jobLossRaised = false;
  for (const r of h.records) {
    if (r.source !== 'unemployment_registration') continue;
    const m = byHash.get(r.personHash);
    if (!m) continue;
    const others = h.members.filter((x) => x !== m && x.employment && EARNING.has(x.employment));
    if (others.length === 0) {
      out.push({ ruleCode: 'only_earner_job_loss', evidence: { date: r.eventDate, source: 'department', ...who(m) } });
      jobLossRaised = true;
      break;
    }
  }
  if (!jobLossRaised && declaredJobLossFires)
    out.push({ ruleCode: 'only_earner_job_loss', evidence: { date: declaredJobLoss!.occurredOn, source: 'declared' } });

  // Sharp fall of counted income since the last scoring.
  const income = num(h.facts, 'countedMonthlyIncome');
  const dropLine = p.warn_income_drop_share;
  if (dropLine !== undefined && income !== undefined && h.previousIncome !== null && h.previousIncome > 0) {
    const drop = (h.previousIncome - income) / h.previousIncome;
    if (drop >= dropLine)
      out.push({ ruleCode: 'income_drop', evidence: { before: h.previousIncome, after: income, dropShare: Math.round(drop * 100) / 100, line: dropLine } });
  }

  // An elderly person living alone, flagged by a department (e.g. no utility use).
  const elderlyAge = p.warn_elderly_min_age;
  for (const r of h.records) {
    if (r.source !== 'elderly_living_alone' || elderlyAge === undefined) continue;
    const m = byHash.get(r.personHash);
    if (m && ageOf(m) >= elderlyAge) {
      out.push({ ruleCode: 'elderly_alone', evidence: { date: r.eventDate, livingAlone: h.facts?.livingAlone ?? null, ...who(m) } });
      break;
    }
  }

  // A child of a margin (low-income) family admitted to university.
  const margin = h.benefits.some((b) => MARGIN_CODES.has(b)) || h.eligible.some((c) => MARGIN_CODES.has(c)) || h.facts?.onMargin === true;
  if (margin) {
    for (const r of h.records) {
      if (r.source !== 'university_admission') continue;
      const m = byHash.get(r.personHash);
      if (m) {
        out.push({ ruleCode: 'margin_child_university', evidence: { date: r.eventDate, ...who(m) } });
        break;
      }
    }
  }

  // Screening results against the published policies.
  if (h.facts) {
    const receiving = new Set(h.benefits);
    const eligible = new Set(h.eligible);
    const unknown = new Set(h.unknown.map((u) => u.policyCode));
    const newly = h.eligible.filter((c) => !receiving.has(c));
    const exits = h.benefits.filter((c) => !eligible.has(c) && !unknown.has(c));
    if (newly.length) out.push({ ruleCode: 'screening_newly_eligible', evidence: { policies: newly.slice(0, 20), count: newly.length } });
    if (exits.length) out.push({ ruleCode: 'screening_exit_candidate', evidence: { policies: exits.slice(0, 20), count: exits.length } });
    if (h.unknown.length) {
      const missing = [...new Set(h.unknown.flatMap((u) => u.missing))].slice(0, 20);
      out.push({
        ruleCode: 'screening_unknown',
        evidence: { policies: h.unknown.map((u) => u.policyCode).slice(0, 20), count: h.unknown.length, missingFacts: missing },
      });
    }
  }
  return out;
}

function dedupeEvents(events: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  const seen = new Set<string>();
  return events
    .filter((e) => {
      const k = JSON.stringify(e);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .slice(0, 10);
}
