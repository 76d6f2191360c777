import { FACT_CATALOGUE, FACT_NAMES, type FactName, type FactValue, type Facts, type ResolvedParameters, type Rule } from '@zczr/eligibility';

/** Every fact a rule reads (leaves and fact operands), to fill only those per household. */
export function factsUsedBy(rule: Rule, into = new Set<FactName>()): Set<FactName> {
  if ('all' in rule) rule.all.forEach((r) => factsUsedBy(r, into));
  else if ('any' in rule) rule.any.forEach((r) => factsUsedBy(r, into));
  else if ('not' in rule) factsUsedBy(rule.not, into);
  else {
    into.add(rule.fact);
    if (typeof rule.value === 'object' && rule.value !== null && !Array.isArray(rule.value) && 'fact' in rule.value) into.add(rule.value.fact);
  }
  return into;
}

/** The numeric and boolean facts in a fixed order: a packed household holds one number each (NaN unknown, booleans 1/0). */
export const NUMERIC_FACTS: readonly FactName[] = FACT_NAMES.filter((f) => FACT_CATALOGUE[f].kind === 'number' || FACT_CATALOGUE[f].kind === 'boolean');
/** The other facts (lists, strings) in a fixed order: a packed household holds them as an array. */
export const OTHER_FACTS: readonly FactName[] = FACT_NAMES.filter((f) => !NUMERIC_FACTS.includes(f));
/** Each fact's column: its index in NUMERIC_FACTS or in OTHER_FACTS. */
const NUMERIC_COLUMN = new Map<FactName, number>(NUMERIC_FACTS.map((f, i) => [f, i]));
const OTHER_COLUMN = new Map<FactName, number>(OTHER_FACTS.map((f, i) => [f, i]));
const BOOLEAN = new Set<FactName>(FACT_NAMES.filter((f) => FACT_CATALOGUE[f].kind === 'boolean'));

/**
 * Writes a household's facts packed: its numeric facts into `numeric` from `at` (NUMERIC_FACTS
 * order), and returns its other facts (OTHER_FACTS order). A screening's match threads send
 * households this way: one typed array per batch instead of a million facts objects to copy.
 */
export function packFacts(facts: Facts, numeric: Float64Array, at: number): Array<FactValue | undefined> {
  for (let c = 0; c < NUMERIC_FACTS.length; c++) {
    const v = facts[NUMERIC_FACTS[c]!];
    numeric[at + c] = typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : Number.NaN;
  }
  return OTHER_FACTS.map((f) => facts[f]);
}

/** A numeric fact of household `i` of a packed batch (`packFacts`); NaN when unknown. */
export function packedNumber(numeric: Float64Array, i: number, fact: FactName): number {
  return numeric[i * NUMERIC_FACTS.length + NUMERIC_COLUMN.get(fact)!]!;
}

/**
 * The facts of every active household of the district, held column by column (a Float64Array per
 * numeric or boolean fact, NaN = unknown), so a what-if over a million households fills only the
 * few facts a draft rule reads. Kept warm by screenings and by every re-match.
 */
export class FactStore {
  readonly asOf: string;
  private size = 0;
  private capacity: number;
  private ids: string[] = [];
  /** Street of each row, as an index into `streetCodes` (a district has a few dozen streets, not a million strings). */
  private streets: Uint32Array;
  private readonly streetCodes: string[] = [];
  private readonly streetIndex = new Map<string, number>();
  /**
   * One shared copy of each distinct list or string fact value (most households share a handful:
   * no hardship, no benefit). A million households held a million small arrays otherwise, and
   * every full collection of the heap walked them all while a screening filled the store.
   */
  private readonly values = new Map<string, FactValue>();
  private regions: Uint32Array;
  private readonly regionCodes: string[] = [];
  private readonly regionIndex = new Map<string, number>();
  private readonly rowOf = new Map<string, number>();
  /** One column per fact, in NUMERIC_FACTS and OTHER_FACTS order. */
  private columns: Float64Array[];
  private readonly otherColumns: Array<Array<FactValue | undefined>>;
  private readonly removed = new Set<number>();

  constructor(asOf: string, capacity = 4096) {
    this.asOf = asOf;
    this.capacity = capacity;
    this.regions = new Uint32Array(capacity);
    this.streets = new Uint32Array(capacity);
    // Not filled: put() writes every numeric column of its row (NaN when unknown), and scan() reads only rows put.
    this.columns = NUMERIC_FACTS.map(() => new Float64Array(capacity));
    this.otherColumns = OTHER_FACTS.map(() => []);
  }

  get count(): number {
    return this.size - this.removed.size;
  }

  /** Adds or replaces one household's facts. */
  put(householdId: string, streetCode: string, regionCode: string, facts: Facts): void {
    const numeric = new Float64Array(NUMERIC_FACTS.length);
    this.putPacked([householdId], [streetCode], [regionCode], numeric, [packFacts(facts, numeric, 0)]);
  }

  /** Adds or replaces households packed by `packFacts`: household i's numbers start at i × NUMERIC_FACTS.length. */
  putPacked(
    householdIds: readonly string[],
    streetCodes: readonly string[],
    regionCodes: readonly string[],
    numeric: Float64Array,
    other: ReadonlyArray<ReadonlyArray<FactValue | undefined>>,
  ): void {
    const rows = householdIds.map((id, i) => {
      let row = this.rowOf.get(id);
      if (row === undefined) {
        if (this.size === this.capacity) this.grow();
        row = this.size++;
        this.rowOf.set(id, row);
        this.ids[row] = id;
      }
      this.removed.delete(row);
      this.streets[row] = indexOf(this.streetIndex, this.streetCodes, streetCodes[i]!);
      this.regions[row] = indexOf(this.regionIndex, this.regionCodes, regionCodes[i]!);
      return row;
    });
    const width = NUMERIC_FACTS.length;
    this.columns.forEach((col, c) => {
      for (let i = 0; i < rows.length; i++) col[rows[i]!] = numeric[i * width + c]!;
    });
    this.otherColumns.forEach((col, c) => {
      for (let i = 0; i < rows.length; i++) col[rows[i]!] = this.shared(other[i]![c]);
    });
  }

  remove(householdId: string): void {
    const row = this.rowOf.get(householdId);
    if (row !== undefined) this.removed.add(row);
  }

  /**
   * Calls `visit` for every household with a facts object holding only `wanted` facts (others
   * absent), and the region of the household for parameter resolution.
   */
  scan(wanted: Set<FactName>, visit: (householdId: string, streetCode: string, regionCode: string, facts: Facts) => void): void {
    const numeric = [...wanted].filter((f) => NUMERIC_COLUMN.has(f)).map((f) => [f, this.columns[NUMERIC_COLUMN.get(f)!]!, BOOLEAN.has(f)] as const);
    const other = [...wanted].filter((f) => OTHER_COLUMN.has(f)).map((f) => [f, this.otherColumns[OTHER_COLUMN.get(f)!]!] as const);
    for (let row = 0; row < this.size; row++) {
      if (this.removed.has(row)) continue;
      const facts: Record<string, FactValue> = {};
      for (const [f, col, isBool] of numeric) {
        const v = col[row]!;
        if (!Number.isNaN(v)) facts[f] = isBool ? v === 1 : v;
      }
      for (const [f, col] of other) {
        const v = col[row];
        if (v !== undefined) facts[f] = v;
      }
      visit(this.ids[row]!, this.streetCodes[this.streets[row]!]!, this.regionCodes[this.regions[row]!]!, facts as Facts);
    }
  }

  private shared(v: FactValue | undefined): FactValue | undefined {
    if (typeof v !== 'string' && !Array.isArray(v)) return v;
    const key = typeof v === 'string' ? `s${v}` : `l${(v as readonly string[]).join('\u0001')}`;
    const known = this.values.get(key);
    if (known !== undefined) return known;
    this.values.set(key, v);
    return v;
  }

  private grow(): void {
    this.capacity *= 2;
    const regions = new Uint32Array(this.capacity);
    regions.set(this.regions);
    this.regions = regions;
    const streets = new Uint32Array(this.capacity);
    streets.set(this.streets);
    this.streets = streets;
    this.columns = this.columns.map((col) => {
      const next = new Float64Array(this.capacity);
      next.set(col);
      return next;
    });
  }
}

/** The index of `code` in `codes`, added if new. */
function indexOf(index: Map<string, number>, codes: string[], code: string): number {
  let i = index.get(code);
  if (i === undefined) {
    i = codes.push(code) - 1;
    index.set(code, i);
  }
  return i;
}

export type ParamsFor = (regionCode: string) => ResolvedParameters;
