// The matcher in-process (issue 3): one household against the whole policy library, compiled
// closures vs the same rules through json-rules-engine on the same households and facts (the
// baseline, in the same run); the cost of a full explanation; and the size of @zczr/eligibility as
// the mini-program would ship it (esbuild, minified, gzipped).
//
// Run after `npx tsc -b libs/eligibility` (and libs/demo-data): `node bench/eligibility/in-process.mjs`.
// BENCH_HOUSEHOLDS (default 10000) sets the population; BENCH_JRE_HOUSEHOLDS the baseline's share of it;
// BENCH_LIBRARY=synthetic forces the synthetic policy library even when @zczr/policies is built.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { compilePolicy, createParameterResolver, deriveFacts, FACT_CATALOGUE } from '@zczr/eligibility';
import { DEMO_REFERENCE_DATE, generateHouseholds } from '@zczr/demo-data';
import { validateIdNumber } from '@zczr/id-card';
import jre from 'json-rules-engine';
import { SYNTHETIC_PARAMETERS, SYNTHETIC_POLICIES } from './synthetic-policies.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET_MEDIAN_MS = 0.2;
const TARGET_SPEEDUP = 50;
const TARGET_GZIP_KB = 30;

// ---- inputs ------------------------------------------------------------------------------------

/** The real library when @zczr/policies is built with 60+ policies, else the synthetic one. */
async function loadLibrary() {
  const dist = join(ROOT, 'libs/policies/dist/index.js');
  if (process.env.BENCH_LIBRARY !== 'synthetic' && existsSync(dist)) {
    try {
      const mod = await import(pathToFileURL(dist).href);
      if (Array.isArray(mod.POLICIES) && Array.isArray(mod.PARAMETERS) && mod.POLICIES.length >= 60) {
        return { source: `@zczr/policies (${mod.POLICIES.length} policies)`, policies: mod.POLICIES, parameters: mod.PARAMETERS };
      }
      if (Array.isArray(mod.POLICIES)) console.log(`  (@zczr/policies has ${mod.POLICIES.length} policies so far: using the synthetic library)`);
    } catch (e) {
      console.log(`  (@zczr/policies could not be loaded: ${e.message}; using the synthetic library)`);
    }
  }
  return {
    source: `synthetic (${SYNTHETIC_POLICIES.length} policies, bench/eligibility/synthetic-policies.mjs)`,
    policies: SYNTHETIC_POLICIES,
    parameters: SYNTHETIC_PARAMETERS,
  };
}

const ID_TODAY = new Date(`${DEMO_REFERENCE_DATE}T12:00:00Z`);

/** A demo household as the matcher sees it: sex and birth date from the ID number, region = community. */
export function toSnapshot(h) {
  return {
    regionCode: h.communityCode,
    members: h.members.map((m) => {
      const id = validateIdNumber(m.idNumber, { today: ID_TODAY });
      if (!id.valid) throw new Error(`demo ID number rejected: ${id.reason}`);
      return {
        relation: m.relation,
        sex: id.sex,
        birthDate: id.birthDate,
        education: m.education,
        employment: m.employment,
        labourCapacity: m.labourCapacity,
        health: m.health,
        disability: m.disability,
        selfCare: m.selfCare,
        coResident: m.coResident,
      };
    }),
    incomes: h.incomes,
    assets: h.assets,
    expenses: h.expenses,
    hardships: h.hardships,
    benefits: h.benefits,
  };
}

// ---- json-rules-engine translation ---------------------------------------------------------------

const JRE_OPERATORS = {
  lt: 'lessThan',
  lte: 'lessThanInclusive',
  gt: 'greaterThan',
  gte: 'greaterThanInclusive',
  eq: 'equal',
  neq: 'notEqual',
  includes: 'contains',
  excludes: 'doesNotContain',
};

/**
 * Our rule as json-rules-engine conditions: all/any/not as they are, facts as almanac facts,
 * parameters inlined, a fact operand as `{ fact }` (scaled ones as a precomputed fact), in/notIn on a
 * list fact as custom `intersects`/`disjoint` operators (its own `in` tests one value).
 */
function toJre(rule, params, scaled) {
  if ('all' in rule) return { all: rule.all.map((r) => toJre(r, params, scaled)) };
  if ('any' in rule) return { any: rule.any.map((r) => toJre(r, params, scaled)) };
  if ('not' in rule) return { not: toJre(rule.not, params, scaled) };
  const kind = FACT_CATALOGUE[rule.fact].kind;
  let operator = JRE_OPERATORS[rule.op];
  if (rule.op === 'in' || rule.op === 'notIn') operator = kind === 'list' ? (rule.op === 'in' ? 'intersects' : 'disjoint') : rule.op;
  let value = rule.value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const times = value.times ?? 1;
    if ('param' in value) value = params[value.param] === undefined ? null : params[value.param] * times;
    else if (times === 1) value = { fact: value.fact };
    else {
      const name = `${value.fact}*${times}`;
      scaled.set(name, { fact: value.fact, times });
      value = { fact: name };
    }
  }
  return { fact: rule.fact, operator, value };
}

function makeJreEngine(policies, params) {
  const engine = new jre.Engine([], { allowUndefinedFacts: true });
  engine.addOperator('intersects', (a, b) => Array.isArray(a) && a.some((x) => b.includes(x)));
  engine.addOperator('disjoint', (a, b) => Array.isArray(a) && !a.some((x) => b.includes(x)));
  const scaled = new Map();
  for (const p of policies) {
    const conditions = toJre(p.rule, params, scaled);
    // Its root must be a group: a single condition is wrapped.
    engine.addRule({ name: p.code, conditions: 'fact' in conditions ? { all: [conditions] } : conditions, event: { type: p.code } });
  }
  return { engine, scaled };
}

// ---- measuring ---------------------------------------------------------------------------------

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
function stats(samplesNs) {
  const ms = Float64Array.from(samplesNs, (n) => n / 1e6).sort();
  const sum = ms.reduce((a, b) => a + b, 0);
  return { median: quantile(ms, 0.5), p99: quantile(ms, 0.99), mean: sum / ms.length, n: ms.length };
}
const f3 = (x) => x.toFixed(3);
const f1 = (x) => x.toFixed(1);

async function bundleSize() {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [join(ROOT, 'libs/eligibility/dist/index.js')],
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

export async function runInProcessBench({
  households: count = Number(process.env.BENCH_HOUSEHOLDS ?? 10_000),
  jreHouseholds = Number(process.env.BENCH_JRE_HOUSEHOLDS ?? count),
} = {}) {
  console.log('\n== Matcher in-process: one household against the whole library ==');
  const library = await loadLibrary();
  const compiled = library.policies.map((p) => compilePolicy(p));
  const leaves = (r) =>
    'all' in r ? r.all.reduce((n, c) => n + leaves(c), 0) : 'any' in r ? r.any.reduce((n, c) => n + leaves(c), 0) : 'not' in r ? leaves(r.not) : 1;
  const leafCount = library.policies.reduce((n, p) => n + leaves(p.rule), 0);
  console.log(`  library: ${library.source}, ${leafCount} conditions in all`);

  const asOf = DEMO_REFERENCE_DATE;
  const resolver = createParameterResolver(library.parameters);
  const t0 = process.hrtime.bigint();
  const snapshots = [];
  for (const h of generateHouseholds({ seed: 20261101, count })) snapshots.push(toSnapshot(h));
  console.log(
    `  households: ${snapshots.length} from @zczr/demo-data (Wenjiang, as of ${asOf}), generated and mapped in ${f1(Number(process.hrtime.bigint() - t0) / 1e9)} s`,
  );

  // Ours: deriveFacts + evaluate every policy, per household. Warm up first (JIT), then measure.
  const matchOne = (h) => {
    const params = resolver(h.regionCode, asOf);
    const facts = deriveFacts(h, { asOf, params });
    let eligible = 0;
    for (let i = 0; i < compiled.length; i++) if (compiled[i].evaluate(facts, params).outcome === 'eligible') eligible++;
    return eligible;
  };
  for (let r = 0; r < 3; r++) for (const h of snapshots) matchOne(h);
  const ours = new Array(snapshots.length);
  const tally = { eligible: 0, ineligible: 0, unknown: 0 };
  for (let i = 0; i < snapshots.length; i++) {
    const s = process.hrtime.bigint();
    matchOne(snapshots[i]);
    ours[i] = Number(process.hrtime.bigint() - s);
  }
  for (const h of snapshots) {
    const params = resolver(h.regionCode, asOf);
    const facts = deriveFacts(h, { asOf, params });
    for (const p of compiled) tally[p.evaluate(facts, params).outcome]++;
  }
  const oursStats = stats(ours);

  // The same with gaps, as a real register has them: in every 5th household the head's labour
  // capacity and health were not collected, so results turn unknown and list what to verify.
  const gappy = snapshots.map((h, i) =>
    i % 5 !== 0 ? h : { ...h, members: h.members.map((m, k) => (k === 0 ? { ...m, labourCapacity: undefined, health: undefined } : m)) },
  );
  for (const h of gappy) matchOne(h);
  const gapSamples = new Array(gappy.length);
  let unknownResults = 0;
  for (let i = 0; i < gappy.length; i++) {
    const s = process.hrtime.bigint();
    matchOne(gappy[i]);
    gapSamples[i] = Number(process.hrtime.bigint() - s);
  }
  for (const h of gappy) {
    const params = resolver(h.regionCode, asOf);
    const facts = deriveFacts(h, { asOf, params });
    for (const p of compiled) if (p.evaluate(facts, params).outcome === 'unknown') unknownResults++;
  }
  const gapStats = stats(gapSamples);

  // Split: facts alone, and evaluation alone on derived facts.
  const derived = snapshots.map((h) => ({ params: resolver(h.regionCode, asOf), h }));
  const factSamples = new Array(snapshots.length);
  const factsOf = new Array(snapshots.length);
  for (let i = 0; i < derived.length; i++) {
    const s = process.hrtime.bigint();
    factsOf[i] = deriveFacts(derived[i].h, { asOf, params: derived[i].params });
    factSamples[i] = Number(process.hrtime.bigint() - s);
  }
  const evalSamples = new Array(snapshots.length);
  for (let i = 0; i < derived.length; i++) {
    const s = process.hrtime.bigint();
    for (let k = 0; k < compiled.length; k++) compiled[k].evaluate(factsOf[i], derived[i].params);
    evalSamples[i] = Number(process.hrtime.bigint() - s);
  }

  // Full explanations (what GET /households/:id/eligibility returns), per household.
  const labels = { parameterLabels: resolver.labels };
  const explainOne = (h) => {
    const params = resolver(h.regionCode, asOf);
    const facts = deriveFacts(h, { asOf, params });
    return compiled.map((p) => p.explain(facts, params, asOf, labels));
  };
  for (let i = 0; i < Math.min(2000, snapshots.length); i++) explainOne(snapshots[i]);
  const explainSamples = new Array(snapshots.length);
  for (let i = 0; i < snapshots.length; i++) {
    const s = process.hrtime.bigint();
    explainOne(snapshots[i]);
    explainSamples[i] = Number(process.hrtime.bigint() - s);
  }
  const explainStats = stats(explainSamples);

  // Baseline: json-rules-engine, same households, same facts (deriveFacts included, as for ours).
  const engines = new Map();
  const engineFor = (params) => {
    const key = JSON.stringify(params);
    let e = engines.get(key);
    if (!e) engines.set(key, (e = makeJreEngine(library.policies, params)));
    return e;
  };
  const jreOne = async (h) => {
    const params = resolver(h.regionCode, asOf);
    const facts = deriveFacts(h, { asOf, params });
    const { engine, scaled } = engineFor(params);
    const almanac = { ...facts };
    for (const [name, { fact, times }] of scaled) if (typeof facts[fact] === 'number') almanac[name] = facts[fact] * times;
    const { events } = await engine.run(almanac);
    return { facts, params, passed: new Set(events.map((e) => e.type)) };
  };
  const jreSet = snapshots.slice(0, Math.min(jreHouseholds, snapshots.length));
  for (let i = 0; i < Math.min(500, jreSet.length); i++) await jreOne(jreSet[i]);
  const jreSamples = new Array(jreSet.length);
  let agree = 0,
    compared = 0;
  for (let i = 0; i < jreSet.length; i++) {
    const s = process.hrtime.bigint();
    const { facts, params, passed } = await jreOne(jreSet[i]);
    jreSamples[i] = Number(process.hrtime.bigint() - s);
    // Sanity check of the translation: on results we decide (not unknown) both engines must agree.
    for (const p of compiled) {
      const outcome = p.evaluate(facts, params).outcome;
      if (outcome === 'unknown') continue;
      compared++;
      if ((outcome === 'eligible') === passed.has(p.code)) agree++;
    }
  }
  const jreStats = stats(jreSamples);
  const speedup = jreStats.median / oursStats.median;

  const size = await bundleSize();

  const factStats = stats(factSamples);
  const evalStats = stats(evalSamples);
  const outcomes = tally.eligible + tally.ineligible + tally.unknown;
  console.log(
    `  outcomes: ${f1((100 * tally.eligible) / outcomes)}% eligible, ${f1((100 * tally.ineligible) / outcomes)}% ineligible, ${f1((100 * tally.unknown) / outcomes)}% unknown (${outcomes} household×policy results)`,
  );
  console.log(
    `  ours, compiled  (deriveFacts + evaluate × ${compiled.length}): median ${f3(oursStats.median)} ms, p99 ${f3(oursStats.p99)} ms, mean ${f3(oursStats.mean)} ms   [target median ≤ ${TARGET_MEDIAN_MS} ms: ${oursStats.median <= TARGET_MEDIAN_MS ? 'met' : 'NOT met'}]`,
  );
  console.log(`     of which deriveFacts: median ${f3(factStats.median)} ms; evaluate × ${compiled.length}: median ${f3(evalStats.median)} ms`);
  console.log(
    `  ours with gaps (every 5th household missing the head's labour capacity and health; ${f1((100 * unknownResults) / outcomes)}% unknown): median ${f3(gapStats.median)} ms, p99 ${f3(gapStats.p99)} ms`,
  );
  console.log(`  json-rules-engine (same facts, params inlined), ${jreSet.length} households: median ${f3(jreStats.median)} ms, p99 ${f3(jreStats.p99)} ms`);
  console.log(
    `  speed-up (median): ${f1(speedup)}×   [target ≥ ${TARGET_SPEEDUP}×: ${speedup >= TARGET_SPEEDUP ? 'met' : 'NOT met'}]; agreement on decided results: ${compared === 0 ? 'n/a' : `${f1((100 * agree) / compared)}%`} of ${compared}`,
  );
  console.log(`  explain() for every policy, per household: median ${f3(explainStats.median)} ms, p99 ${f3(explainStats.p99)} ms`);
  console.log(
    `  bundle libs/eligibility (esbuild, minified, esm, neutral): ${f1(size.minified / 1024)} KB minified, ${f1(size.gzipped / 1024)} KB gzipped   [target ≤ ${TARGET_GZIP_KB} KB: ${size.gzipped / 1024 <= TARGET_GZIP_KB ? 'met' : 'NOT met'}]`,
  );

  return {
    library: library.source,
    policies: compiled.length,
    households: snapshots.length,
    ours: oursStats,
    oursWithGaps: gapStats,
    deriveFacts: factStats,
    evaluate: evalStats,
    jsonRulesEngine: jreStats,
    speedup,
    agreement: compared === 0 ? null : agree / compared,
    explain: explainStats,
    bundle: size,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runInProcessBench();
}
