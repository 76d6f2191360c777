import { compilePolicy, createParameterResolver, deriveFacts, type FactName, type HouseholdSnapshot } from '@zczr/eligibility';
import { household, PARAMETERS, person, POLICIES, REFERENCE_DATE, single } from '@zczr/policies';
import { FactStore } from '../eligibility/fact-store.js';
import { joinBatches, matchBatch } from './match-batch.js';

const policies = POLICIES.map((p) => compilePolicy(p, { version: 1 }));
const resolve = createParameterResolver(PARAMETERS);
const derive = (snapshot: HouseholdSnapshot) => {
  const params = resolve(snapshot.regionCode, REFERENCE_DATE);
  return { facts: deriveFacts(snapshot, { asOf: REFERENCE_DATE, params }), params };
};

// Households that give all three outcomes: eligible (no income), unknown (income undeclared), ineligible (rich).
const snapshots: HouseholdSnapshot[] = [
  single(person({ age: 70 }), { income: 0 }),
  household({ members: [person({ age: 40 }), person({ age: 12 })], unknownIncome: true }),
  single(person({ age: 35 }), { income: 20_000, deposits: 500_000 }),
  household({ members: [person({ age: 80 }), person({ age: 78 })], income: 300 }),
  single(person({ age: 66 }), { unknownIncome: true }),
];

describe('matchBatch and joinBatches', () => {
  it('gives each household the outcomes and missing facts of evaluating it alone', () => {
    const batch = matchBatch(snapshots, derive, policies);
    snapshots.forEach((s, i) => {
      const { facts, params } = derive(s);
      policies.forEach((p, j) => {
        const r = p.evaluate(facts, params);
        const at = i * policies.length + j;
        expect(batch.outcomes[at]).toBe(r.outcome === 'eligible' ? 1 : r.outcome === 'unknown' ? 2 : 0);
        expect(batch.missing.get(at)).toEqual(r.outcome === 'unknown' ? r.missing : undefined);
      });
    });
    // The fixture exercises every outcome.
    expect(new Set(batch.outcomes)).toEqual(new Set([0, 1, 2]));
  });

  it('joins parts into the batch of the whole, missing facts shifted to their household', () => {
    const whole = matchBatch(snapshots, derive, policies);
    const joined = joinBatches([matchBatch(snapshots.slice(0, 2), derive, policies), matchBatch(snapshots.slice(2), derive, policies)]);
    expect(joined.regionCodes).toEqual(whole.regionCodes);
    expect(joined.benefits).toEqual(whole.benefits);
    expect(joined.other).toEqual(whole.other);
    expect([...joined.numeric]).toEqual([...whole.numeric]);
    expect([...joined.outcomes]).toEqual([...whole.outcomes]);
    expect([...joined.missing].sort((a, b) => a[0] - b[0])).toEqual([...whole.missing].sort((a, b) => a[0] - b[0]));
    expect(joined.missing.size).toBeGreaterThan(0);
  });

  it('fills a fact store packed exactly as household by household', () => {
    const batch = matchBatch(snapshots, derive, policies);
    const ids = snapshots.map((_, i) => `h${i}`);
    const packed = new FactStore(REFERENCE_DATE, 2);
    packed.putPacked(
      ids,
      ids.map(() => 'S1'),
      batch.regionCodes,
      batch.numeric,
      batch.other,
    );
    const one = new FactStore(REFERENCE_DATE, 2);
    snapshots.forEach((s, i) => one.put(ids[i]!, 'S1', s.regionCode, derive(s).facts));
    const wanted = new Set<FactName>(['householdSize', 'perCapitaIncome', 'livingAlone', 'benefitCodes', 'hardshipTypes']);
    const read = (store: FactStore) => {
      const out: unknown[] = [];
      store.scan(wanted, (id, street, region, facts) => out.push([id, street, region, facts]));
      return out;
    };
    expect(read(packed)).toEqual(read(one));
    expect(read(packed)).toHaveLength(snapshots.length);
    // Unknown facts stay unknown (absent), not zero.
    const unknownIncome = (read(packed)[1] as [string, string, string, Record<string, unknown>])[3];
    expect(unknownIncome).not.toHaveProperty('perCapitaIncome');
    expect((read(packed)[0] as [string, string, string, Record<string, unknown>])[3]).toHaveProperty('perCapitaIncome', 0);
  });

  it('keeps each household its own list and street while sharing equal values', () => {
    const store = new FactStore(REFERENCE_DATE, 1);
    const lists = [['dibao'], ['dibao', 'tekun'], ['dibao'], [], ['dibao,tekun']];
    lists.forEach((benefitCodes, i) => store.put(`h${i}`, `S${i % 2}`, '510115', { benefitCodes, householdSize: i + 1 }));
    const seen: Array<[string, string, unknown, unknown]> = [];
    store.scan(new Set<FactName>(['benefitCodes', 'householdSize']), (id, street, _region, facts) =>
      seen.push([id, street, facts.benefitCodes, facts.householdSize]),
    );
    expect(seen).toEqual(lists.map((l, i) => [`h${i}`, `S${i % 2}`, l, i + 1]));
  });
});
