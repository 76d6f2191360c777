/**
 * Parameters by region and date: one policy text serves several districts and years. For each
 * parameter the value used is the one whose region is the longest prefix of the household's
 * region code ('' is the national fallback) among those in force on the date
 * (effectiveFrom ≤ asOf < effectiveTo); between equally specific values the latest effectiveFrom wins.
 */
import type { ParameterDefinition, ParameterValue, ResolvedParameters } from './types.js';

/** Resolves every parameter of a table for a region and date; memoised. */
export interface ParameterResolver {
  (regionCode: string, asOf: string): ResolvedParameters;
  /** Chinese label of each parameter, for explanations ("低于当地低保标准 870 元"). */
  readonly labels: Readonly<Record<string, string>>;
  /** Units of each parameter, where given. */
  readonly units: Readonly<Record<string, string>>;
}

interface IndexedParameter {
  name: string;
  /** Values by region, each list sorted by effectiveFrom, latest first. */
  byRegion: Map<string, ParameterValue[]>;
  /** Distinct region-code lengths of this parameter's values, longest first. */
  lengths: number[];
}

const MEMO_LIMIT = 4096;

/** Labels of the table each resolved set came from, so explanations can name parameters unasked. */
const LABELS_OF = new WeakMap<ResolvedParameters, Readonly<Record<string, string>>>();

/** The parameter labels of a set made by a resolver of this module; undefined for a hand-made set. */
export function parameterLabelsOf(params: ResolvedParameters): Readonly<Record<string, string>> | undefined {
  return typeof params === 'object' && params !== null ? LABELS_OF.get(params) : undefined;
}

function indexTable(table: readonly ParameterDefinition[]): IndexedParameter[] {
  return table.map((def) => {
    const byRegion = new Map<string, ParameterValue[]>();
    for (const v of def.values) {
      const list = byRegion.get(v.region);
      if (list) list.push(v);
      else byRegion.set(v.region, [v]);
    }
    for (const list of byRegion.values()) list.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0));
    const lengths = [...new Set(def.values.map((v) => v.region.length))].sort((a, b) => b - a);
    return { name: def.name, byRegion, lengths };
  });
}

function resolveOne(p: IndexedParameter, regionCode: string, asOf: string): number | undefined {
  for (const len of p.lengths) {
    if (len > regionCode.length) continue;
    const list = p.byRegion.get(regionCode.slice(0, len));
    if (!list) continue;
    for (const v of list) {
      if (v.effectiveFrom <= asOf && (v.effectiveTo === undefined || asOf < v.effectiveTo)) return v.value;
    }
  }
  return undefined;
}

/**
 * Builds the index once and returns a memoised resolver. The table is read once: later changes
 * to it are not seen (make a new resolver).
 */
export function createParameterResolver(table: readonly ParameterDefinition[]): ParameterResolver {
  const index = indexTable(table);
  // Two levels (region, then date) so that a hit costs no string building.
  const memo = new Map<string, Map<string, ResolvedParameters>>();
  let memoSize = 0;
  // No prototype: a parameter may be called anything, "__proto__" and "toString" included.
  const labels = Object.create(null) as Record<string, string>;
  const units = Object.create(null) as Record<string, string>;
  for (const def of table) {
    labels[def.name] = def.label;
    if (def.unit !== undefined) units[def.name] = def.unit;
  }
  Object.freeze(labels);
  Object.freeze(units);
  const resolve = (regionCode: string, asOf: string): ResolvedParameters => {
    let byDate = memo.get(regionCode);
    const hit = byDate?.get(asOf);
    if (hit) return hit;
    const out = Object.create(null) as Record<string, number>;
    for (const p of index) {
      const value = resolveOne(p, regionCode, asOf);
      if (value !== undefined) out[p.name] = value;
    }
    Object.freeze(out);
    LABELS_OF.set(out, labels);
    if (memoSize >= MEMO_LIMIT) {
      memo.clear();
      memoSize = 0;
      byDate = undefined;
    }
    if (!byDate) memo.set(regionCode, (byDate = new Map()));
    byDate.set(asOf, out);
    memoSize++;
    return out;
  };
  return Object.assign(resolve, { labels, units });
}

const resolvers = new WeakMap<readonly ParameterDefinition[], ParameterResolver>();

/** The resolver of a table, built on first use and kept while the table lives. */
export function parameterResolverFor(table: readonly ParameterDefinition[] | ParameterResolver): ParameterResolver {
  if (typeof table === 'function') return table;
  let r = resolvers.get(table);
  if (!r) {
    r = createParameterResolver(table);
    resolvers.set(table, r);
  }
  return r;
}

/** Parameters of `table` for a region and date (the index is built once per table and reused). */
export function resolveParameters(table: readonly ParameterDefinition[], regionCode: string, asOf: string): ResolvedParameters {
  return parameterResolverFor(table)(regionCode, asOf);
}
