import type { FactValue, Facts, HouseholdSnapshot, ResolvedParameters } from '@zczr/eligibility';
import { NUMERIC_FACTS, packFacts } from '../eligibility/fact-store.js';

/**
 * A batch of households matched against the library, packed for the trip from a match thread:
 * typed arrays and short lists rather than one facts object and one result array per household
 * (copying and collecting a million of those was a fifth of a screening's main thread).
 */
export interface MatchBatch {
  regionCodes: string[];
  /** Per household, the policy codes of the benefits it receives. */
  benefits: string[][];
  /** NUMERIC_FACTS.length numbers per household (`packFacts`). */
  numeric: Float64Array<ArrayBuffer>;
  /** Per household, its OTHER_FACTS values. */
  other: Array<Array<FactValue | undefined>>;
  /** Per household, one byte per policy in library order: 0 ineligible, 1 eligible, 2 unknown. */
  outcomes: Uint8Array<ArrayBuffer>;
  /** Missing facts of the unknown results, keyed household index × policy count + policy index. */
  missing: Map<number, readonly string[]>;
}

/** The outcome each byte of `MatchBatch.outcomes` stands for. */
export const OUTCOMES = ['ineligible', 'eligible', 'unknown'] as const;

export interface Evaluator {
  evaluate(facts: Facts, params: ResolvedParameters): { outcome: 'eligible' | 'ineligible' | 'unknown'; missing: readonly string[] };
}

/** Matches decrypted snapshots: `derive` gives each one's facts and parameters, `policies` the library in order. */
export function matchBatch(
  snapshots: readonly HouseholdSnapshot[],
  derive: (snapshot: HouseholdSnapshot) => { facts: Facts; params: ResolvedParameters },
  policies: readonly Evaluator[],
): MatchBatch {
  const n = snapshots.length;
  const width = NUMERIC_FACTS.length;
  const batch: MatchBatch = {
    regionCodes: [],
    benefits: [],
    numeric: new Float64Array(n * width),
    other: [],
    outcomes: new Uint8Array(n * policies.length),
    missing: new Map(),
  };
  snapshots.forEach((snapshot, i) => {
    const { facts, params } = derive(snapshot);
    batch.regionCodes.push(snapshot.regionCode);
    batch.benefits.push(snapshot.benefits.map((b) => b.policyCode));
    batch.other.push(packFacts(facts, batch.numeric, i * width));
    policies.forEach((p, j) => {
      const r = p.evaluate(facts, params);
      const at = i * policies.length + j;
      batch.outcomes[at] = OUTCOMES.indexOf(r.outcome);
      if (r.outcome === 'unknown') batch.missing.set(at, r.missing);
    });
  });
  return batch;
}

/** One batch of several, in order (the parts a pool's threads matched). */
export function joinBatches(parts: readonly MatchBatch[]): MatchBatch {
  if (parts.length === 1) return parts[0]!;
  const numeric = new Float64Array(parts.reduce((n, p) => n + p.numeric.length, 0));
  const outcomes = new Uint8Array(parts.reduce((n, p) => n + p.outcomes.length, 0));
  const joined: MatchBatch = { regionCodes: [], benefits: [], numeric, other: [], outcomes, missing: new Map() };
  let numbers = 0;
  let bytes = 0;
  for (const p of parts) {
    numeric.set(p.numeric, numbers);
    outcomes.set(p.outcomes, bytes);
    // Keys are household × policies + policy: shift by the bytes (households × policies) before this part.
    for (const [k, v] of p.missing) joined.missing.set(bytes + k, v);
    joined.regionCodes.push(...p.regionCodes);
    joined.benefits.push(...p.benefits);
    joined.other.push(...p.other);
    numbers += p.numeric.length;
    bytes += p.outcomes.length;
  }
  return joined;
}
