import { RISK_INDICATOR_LABELS, type RiskIndicator } from '@zczr/contract';
import type { ResolvedParameters } from '@zczr/eligibility';
import { medicalSelfPaid12m, minusMonths, num, type HouseholdView } from '../warnings/rules.js';
import type { RiskColour } from './risk.entity.js';

/** The risk dimensions, in the contract's order and words (RISK_INDICATOR_LABELS). */
export const INDICATORS = Object.keys(RISK_INDICATOR_LABELS) as RiskIndicator[];
export type Indicator = RiskIndicator;

export interface RiskResult {
  score: number;
  colour: RiskColour;
  circle: number | null;
  indicators: Record<Indicator, number>;
  monthlyIncome: number | null;
}

/**
 * The household's risk: each indicator scored 0..1, weighted by `risk_weight_*` (data), to a score
 * 0..100, cut into colours by `risk_*_score`; the income circle from income against the 低保 standard.
 */
export function scoreRisk(h: HouseholdView, p: ResolvedParameters, asOf: string): RiskResult {
  const f = h.facts;
  const from = minusMonths(asOf, 12);
  const recent = h.records.filter((r) => r.eventDate > from && r.eventDate <= asOf);
  const has = (source: string, test: (v: HouseholdView['records'][number]) => boolean = () => true): boolean =>
    recent.some((r) => r.source === source && test(r));
  const standard = h.policyParams?.dibao_standard;
  const pci = num(f, 'perCapitaIncome');
  const ratio = standard && pci !== undefined ? pci / standard : undefined;
  const medical = Math.max(medicalSelfPaid12m(h.records, asOf).total, num(f, 'medicalSelfPaid12m') ?? 0);
  const medicalLine = p.warn_medical_self_paid_amount ?? 50_000;
  const gt0 = (name: Parameters<typeof num>[1]): boolean => (num(f, name) ?? 0) > 0;

  const indicators: Record<Indicator, number> = {
    income: ratio === undefined ? 0 : ratio <= 1 ? 1 : ratio <= 1.5 ? 0.7 : ratio <= 2 ? 0.4 : 0,
    health: gt0('seriousIllnessCount') || has('medical_settlement', (r) => r.values.seriousIllness === true) ? 1 : gt0('chronicIllnessCount') ? 0.5 : 0,
    disability:
      gt0('severeDisabilityCount') || has('disability_registration', (r) => Number(r.values.grade) <= 2)
        ? 1
        : gt0('disabledCount') || has('disability_registration')
          ? 0.5
          : 0,
    employment: f?.noEmployedMember === true && gt0('workingAgeCount') ? 1 : gt0('unemployedWorkingAgeCount') || has('unemployment_registration') ? 0.6 : 0,
    education: gt0('collegeStudentCount') || has('university_admission') ? 0.6 : gt0('educationExpense12m') ? 0.4 : 0,
    housing: f && num(f, 'homeCount') === 0 ? 0.6 : 0,
    care: gt0('totalSelfCareLossCount') ? 1 : gt0('partialSelfCareLossCount') ? 0.5 : 0,
    events: f?.recentHardship === true || has('death') || medical >= medicalLine ? 1 : medical >= medicalLine / 2 ? 0.5 : 0,
  };
  let weighted = 0;
  let total = 0;
  for (const k of INDICATORS) {
    const w = p[`risk_weight_${k}`] ?? 0;
    weighted += w * indicators[k];
    total += w;
  }
  const score = total > 0 ? Math.round((1000 * weighted) / total) / 10 : 0;
  const colour: RiskColour =
    score >= (p.risk_orange_score ?? 55) ? 'orange' : score >= (p.risk_yellow_score ?? 35) ? 'yellow' : score >= (p.risk_blue_score ?? 15) ? 'blue' : 'green';
  const onCircle1 = f?.onDibao === true || f?.onTekun === true || h.eligible.includes('dibao') || h.eligible.includes('tekun');
  const circle = onCircle1
    ? 1
    : ratio !== undefined && ratio <= 1.5
      ? 2
      : ratio !== undefined && ratio <= 2
        ? 3
        : (num(f, 'rigidExpenseShare') ?? 0) >= 0.6 || indicators.events === 1
          ? 4
          : null;
  return { score, colour, circle, indicators, monthlyIncome: num(f, 'countedMonthlyIncome') ?? null };
}
