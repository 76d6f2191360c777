// OCR accuracy benchmark (issue 4): `npm run bench:ocr` (after `npx tsc -b apps/api`).
//
// Generates synthetic ID cards (bench/ocr/corpus.mjs) at three degradation levels, then reads
// every front (and some backs) with
//   ours     — the API's own DocumentReader and worker pool from apps/api/dist, in a fresh child
//              process pinned to one core (taskset), one worker, warmed up;
//   baseline — the native `tesseract` CLI (Debian tesseract-ocr 5, chi_sim+eng, --psm 6, one
//              thread, same core) on the same images, with plain label/pattern parsing;
// and prints per level: accuracy of the six front fields, address character accuracy, ID numbers
// wrong yet not flagged, time per card (wall, and CPU of the whole process incl. the worker
// thread), memory per worker, and the issue's targets.
//
//   BENCH_OCR_CARDS   fronts per level (default 70, i.e. 210 cards)
//   BENCH_OCR_BACKS   backs per level (default 20)
//   BENCH_OCR_SEED    corpus seed (default 20261201; the committed test fixtures use 20261104)
//   BENCH_OCR_CLI=0   skip the native baseline
//   BENCH_OCR_VERBOSE=1  list every misread
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../lib.mjs';

const LEVELS = ['clean', 'mild', 'hard'];
const FIELDS = ['name', 'sex', 'ethnicity', 'birthDate', 'address', 'idNumber'];
const BACK_FIELDS = ['issuingAuthority', 'validFrom', 'validUntil'];
const PIN = spawnSync('taskset', ['--version']).status === 0 ? ['taskset', '-c', '0'] : [];
const mb = (bytes) => Math.round(bytes / 1024 / 1024);

// ---------------------------------------------------------------------------------------------
// Child: our pipeline, measured alone.

async function measure(dir) {
  const dist = join(ROOT, 'apps/api/dist/ocr');
  const { DocumentReader } = await import(join(dist, 'document-reader.js'));
  const { TesseractPool } = await import(join(dist, 'engine/tesseract-pool.js'));
  const { resolveLanguageData } = await import(join(dist, 'engine/language-data.js'));
  const { cards } = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
  const limits = { maxBytes: 64 * 1024 * 1024, maxPixels: 100_000_000 };
  const fronts = cards.filter((c) => c.kind === 'id_card_front');
  const newPool = (size) => new TesseractPool({ size, language: resolveLanguageData(), startTimeoutMs: 60_000, jobTimeoutMs: 120_000, maxQueue: 8, onError: (m, e) => console.error(m, e) });

  // Baseline: everything but the engine — decoding, finding the card and cutting every zone of
  // every card, with a recognizer that reads nothing. What a worker costs comes on top of this.
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const sampler = setInterval(sample, 20);
  const blind = new DocumentReader({ run: (job) => job({ read: async () => ({ text: '', lines: [] }) }) }, limits, { districtCode: '510115' });
  for (const c of cards) {
    await (c.kind === 'id_card_front' ? blind.idCardFront : blind.idCardBack).call(blind, readFileSync(join(dir, c.file)));
    sample();
  }
  globalThis.gc?.();
  const baseline = peak;

  const pool = newPool(1);
  const t0 = performance.now();
  await pool.start();
  const startMs = performance.now() - t0;
  const reader = new DocumentReader(pool, limits, { districtCode: '510115' });
  for (const c of fronts.slice(0, 3)) await reader.idCardFront(readFileSync(join(dir, c.file))); // warm-up
  const results = [];
  for (const c of cards) {
    const bytes = readFileSync(join(dir, c.file));
    const cpu = process.cpuUsage();
    const t = performance.now();
    const { fields, outlined } = c.kind === 'id_card_front' ? await reader.idCardFront(bytes) : await reader.idCardBack(bytes);
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    sample();
    results.push({ file: c.file, fields, outlined, ms, cpuMs: (used.user + used.system) / 1000 });
  }
  await pool.stop();
  const onePeak = peak;

  // One more worker: two reading at once.
  const two = newPool(2);
  await two.start();
  const reader2 = new DocumentReader(two, limits, { districtCode: '510115' });
  for (let i = 0; i + 1 < Math.min(fronts.length, 12); i += 2) {
    await Promise.all([i, i + 1].map((k) => reader2.idCardFront(readFileSync(join(dir, fronts[k].file)))));
  }
  await two.stop();
  clearInterval(sampler);
  process.stdout.write(JSON.stringify({ results, memory: { baselineMb: mb(baseline), oneWorkerPeakMb: mb(onePeak), twoWorkersPeakMb: mb(peak) }, startMs }));
}

if (process.argv[2] === '--measure') {
  await measure(process.argv[3]);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Orchestrator.

const PER_LEVEL = Number(process.env.BENCH_OCR_CARDS ?? 70);
const BACKS = Number(process.env.BENCH_OCR_BACKS ?? 20);
const SEED = Number(process.env.BENCH_OCR_SEED ?? 20261201);
const WITH_CLI = process.env.BENCH_OCR_CLI !== '0' && spawnSync('tesseract', ['--version']).status === 0;
const LABELS = { name: '姓名 name', sex: '性别 sex', ethnicity: '民族 ethnicity', birthDate: '出生 birth date', address: '住址 address (whole field)', idNumber: '公民身份号码 ID number' };
const TARGETS = { clean: { idNumber: 1, name: 0.98, all: 0.95 }, hard: { idNumber: 0.97, name: 0.9, addressChars: 0.9 }, medianMs: 800, workerMb: 150 };

if (!existsSync(join(ROOT, 'apps/api/dist/ocr/document-reader.js'))) {
  console.error('apps/api/dist is missing: run `npx tsc -b apps/api` first');
  process.exit(1);
}
const { generateCorpus } = await import('./corpus.mjs');

function editDistance(a, b) {
  const s = [...a];
  const t = [...b];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[t.length];
}
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');
const iso = (d) => (d === '长期' ? d : d.replaceAll('.', '-'));

/**
 * The baseline's parsing: what one would write around plain Tesseract output — labels and
 * patterns, no correction, no confidence (so nothing is ever flagged).
 */
function parseCliFront(text) {
  const lines = text.split('\n').map((l) => l.replace(/\s+/g, '')).filter(Boolean);
  const after = (label) => {
    const line = lines.find((l) => l.includes(label));
    return line ? line.slice(line.indexOf(label) + label.length) : '';
  };
  const cjk = (s) => [...s].filter((c) => /[\u4e00-\u9fff]/.test(c)).join('');
  const b = /(\d{4})\D*(\d{1,2})\D*(\d{1,2})/.exec(after('出生'));
  const start = lines.findIndex((l) => l.includes('住址'));
  const end = lines.findIndex((l) => l.includes('公民身份'));
  const address = start < 0 ? null : [after('住址'), ...lines.slice(start + 1, end > start ? end : start + 4)].join('').replace(/[^\u4e00-\u9fff0-9A-Za-z-]/g, '') || null;
  const id = (text.replace(/\s+/g, '').match(/\d{17}[\dXx]/g) ?? [])[0]?.toUpperCase() ?? null;
  const value = (v) => ({ value: v || null, needsConfirmation: false });
  return {
    name: value(cjk(after('姓名')).slice(0, 4)),
    sex: value(/[男女]/.exec(after('性别'))?.[0]),
    ethnicity: value(cjk(after('民族'))),
    birthDate: value(b && `${b[1]}-${b[2].padStart(2, '0')}-${b[3].padStart(2, '0')}`),
    address: value(address),
    idNumber: value(id),
  };
}

function runCli(file) {
  const t = performance.now();
  const r = spawnSync(PIN[0] ?? '/usr/bin/time', [...PIN.slice(1), ...(PIN.length ? ['/usr/bin/time'] : []), '-f', '%M %U %S', 'tesseract', file, 'stdout', '-l', 'chi_sim+eng', '--psm', '6'], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
  const ms = performance.now() - t;
  const [rssKb, user, sys] = (r.stderr.trim().split('\n').pop() ?? '').trim().split(/\s+/).map(Number);
  return { text: r.stdout ?? '', ms, cpuMs: ((user || 0) + (sys || 0)) * 1000, rssKb: rssKb || 0 };
}

function newStats() {
  return { n: 0, right: Object.fromEntries(FIELDS.map((f) => [f, 0])), flagged: Object.fromEntries(FIELDS.map((f) => [f, 0])), anyFlagged: 0, addrChars: 0, addrErrors: 0, wrongIdUnflagged: 0, ms: [], cpuMs: [], outlined: 0 };
}

function score(stats, fields, truth, ms, cpuMs) {
  stats.n++;
  stats.ms.push(ms);
  stats.cpuMs.push(cpuMs);
  let any = false;
  for (const f of FIELDS) {
    if (fields[f].value === truth[f]) stats.right[f]++;
    if (fields[f].needsConfirmation) {
      stats.flagged[f]++;
      any = true;
    }
  }
  if (any) stats.anyFlagged++;
  stats.addrChars += [...truth.address].length;
  stats.addrErrors += Math.min([...truth.address].length, editDistance(fields.address.value ?? '', truth.address));
  const id = fields.idNumber;
  if (id.value !== null && id.value !== truth.idNumber && !id.needsConfirmation) stats.wrongIdUnflagged++;
}

console.log(`OCR accuracy benchmark — node ${process.version}, ${cpus().length} cores, ours and the CLI pinned to one core: ${PIN.length ? 'yes' : 'no (no taskset)'}, seed ${SEED}`);
console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (other work on the machine inflates wall times; CPU times do not)`);
const dir = mkdtempSync(join(tmpdir(), 'zczr-ocr-bench-'));
const t0 = performance.now();
const cards = [];
for await (const c of generateCorpus({ seed: SEED, count: PER_LEVEL })) {
  if (c.kind === 'id_card_back' && Number(c.id.slice(0, 4)) >= BACKS) continue;
  writeFileSync(join(dir, `${c.id}.jpg`), c.image);
  cards.push({ file: `${c.id}.jpg`, id: c.id, kind: c.kind, level: c.level, truth: c.truth });
}
writeFileSync(join(dir, 'truth.json'), JSON.stringify({ cards }));
const fronts = cards.filter((c) => c.kind === 'id_card_front');
console.log(`corpus: ${fronts.length} fronts + ${cards.length - fronts.length} backs in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

const child = spawn(PIN[0] ?? process.execPath, [...PIN.slice(1), ...(PIN.length ? [process.execPath] : []), '--expose-gc', fileURLToPath(import.meta.url), '--measure', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
child.stdout.on('data', (d) => (out += d));
const code = await new Promise((r) => child.on('close', r));
if (code !== 0) {
  console.error(`measuring child failed (${code})`);
  process.exit(1);
}
const measured = JSON.parse(out);
const byFile = new Map(measured.results.map((r) => [r.file, r]));

const ours = Object.fromEntries(LEVELS.map((l) => [l, newStats()]));
const cli = Object.fromEntries(LEVELS.map((l) => [l, newStats()]));
const backStats = Object.fromEntries(LEVELS.map((l) => [l, { n: 0, right: Object.fromEntries(BACK_FIELDS.map((f) => [f, 0])), flagged: 0, ms: [] }]));
const misses = [];
for (const c of cards) {
  const r = byFile.get(c.file);
  if (c.kind === 'id_card_front') {
    score(ours[c.level], r.fields, c.truth, r.ms, r.cpuMs);
    if (r.outlined) ours[c.level].outlined++;
    for (const f of FIELDS) if (r.fields[f].value !== c.truth[f]) misses.push(`${c.id} ${f}: ${JSON.stringify(r.fields[f].value)}${r.fields[f].needsConfirmation ? ' (flagged)' : ' (NOT flagged)'} ≠ ${c.truth[f]}`);
  } else {
    const s = backStats[c.level];
    const want = { issuingAuthority: c.truth.authority, validFrom: iso(c.truth.validFrom), validUntil: iso(c.truth.validTo) };
    s.n++;
    s.ms.push(r.ms);
    for (const f of BACK_FIELDS) if (r.fields[f].value === want[f]) s.right[f]++;
    if (BACK_FIELDS.some((f) => r.fields[f].needsConfirmation)) s.flagged++;
  }
}
let cliRssKb = 0;
if (WITH_CLI) {
  for (const c of fronts) {
    const r = runCli(join(dir, c.file));
    score(cli[c.level], parseCliFront(r.text), c.truth, r.ms, r.cpuMs);
    cliRssKb = Math.max(cliRssKb, r.rssKb);
  }
}
rmSync(dir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------
// Report

const width = (s) => [...String(s)].reduce((w, ch) => w + (/[\u3000-\u9fff]/.test(ch) ? 2 : 1), 0);
const pad = (s, n) => String(s) + ' '.repeat(Math.max(1, n - width(s)));
const row = (label, a, b, target = '', ok = null) => console.log(`  ${pad(label, 32)}${pad(a, 20)}${pad(b, 22)}${pad(target, 12)}${ok === null ? '' : ok ? '✓' : '✗ NOT MET'}`);
const checks = [];
const check = (name, ok) => {
  checks.push([name, ok]);
  return ok;
};
const results = { seed: SEED, perLevel: PER_LEVEL, node: process.version, loadAverage: loadavg(), workerStartMs: Math.round(measured.startMs), memory: measured.memory, cliPeakRssMb: Math.round(cliRssKb / 1024), levels: {} };
const acc = (s, f) => (s.n ? s.right[f] / s.n : NaN);
const addrChars = (s) => (s.n ? 1 - s.addrErrors / s.addrChars : NaN);
const times = (s) => `${Math.round(quantile(s.ms, 0.5))} / ${Math.round(quantile(s.ms, 0.95))} ms`;
const cpu = (s) => `${Math.round(quantile(s.cpuMs, 0.5))} / ${Math.round(quantile(s.cpuMs, 0.95))} ms`;

for (const level of LEVELS) {
  const o = ours[level];
  const b = cli[level];
  const t = TARGETS[level];
  console.log(`\n${level.toUpperCase()} — ${o.n} ID card fronts${level === 'mild' ? ' (±3°, blur, JPEG q70)' : level === 'hard' ? ' (±8°, perspective, noise, uneven light, clutter, 800 px, JPEG q40)' : ' (flat scan)'}; card outline found in ${o.outlined}`);
  row('', 'ours', WITH_CLI ? 'tesseract CLI' : '(CLI skipped)', 'target');
  for (const f of FIELDS) {
    let target = '';
    let ok = null;
    if (t && f === 'idNumber') [target, ok] = [t.idNumber === 1 ? '100%' : `≥ ${pct(t.idNumber)}`, check(`${level} ID number`, acc(o, f) >= t.idNumber)];
    else if (t && f === 'name') [target, ok] = [`≥ ${pct(t.name)}`, check(`${level} name`, acc(o, f) >= t.name)];
    else if (t?.all) [target, ok] = [`≥ ${pct(t.all)}`, check(`${level} ${f}`, acc(o, f) >= t.all)];
    row(LABELS[f], pct(acc(o, f)), WITH_CLI ? pct(acc(b, f)) : '', target, ok);
  }
  const ac = t?.addressChars;
  row('住址 address characters', pct(addrChars(o)), WITH_CLI ? pct(addrChars(b)) : '', ac ? `≥ ${pct(ac)}` : '', ac ? check(`${level} address characters`, addrChars(o) >= ac) : null);
  row('ID wrong and not flagged', o.wrongIdUnflagged, WITH_CLI ? `${b.wrongIdUnflagged} (never flags)` : '', '0', check(`${level} no unflagged wrong ID`, o.wrongIdUnflagged === 0));
  row('cards with a field to confirm', pct(o.anyFlagged / o.n), WITH_CLI ? '— (no confidence)' : '');
  row('  ID number to confirm', pct(o.flagged.idNumber / o.n), '');
  row('time per card, median / p95', times(o), WITH_CLI ? times(b) : '', `≤ ${TARGETS.medianMs} ms`, check(`${level} median time`, quantile(o.ms, 0.5) <= TARGETS.medianMs));
  row('  CPU per card, median / p95', cpu(o), WITH_CLI ? cpu(b) : '');
  results.levels[level] = {
    ours: { cards: o.n, outlined: o.outlined, accuracy: Object.fromEntries(FIELDS.map((f) => [f, acc(o, f)])), addressChars: addrChars(o), wrongIdUnflagged: o.wrongIdUnflagged, cardsFlagged: o.anyFlagged, idFlagged: o.flagged.idNumber, medianMs: quantile(o.ms, 0.5), p95Ms: quantile(o.ms, 0.95), medianCpuMs: quantile(o.cpuMs, 0.5) },
    cli: WITH_CLI ? { accuracy: Object.fromEntries(FIELDS.map((f) => [f, acc(b, f)])), addressChars: addrChars(b), wrongIdUnflagged: b.wrongIdUnflagged, medianMs: quantile(b.ms, 0.5), p95Ms: quantile(b.ms, 0.95), medianCpuMs: quantile(b.cpuMs, 0.5) } : null,
  };
}

const m = measured.memory;
const perWorker = m.oneWorkerPeakMb - m.baselineMb;
const extraWorker = m.twoWorkersPeakMb - m.oneWorkerPeakMb;
console.log('\nMEMORY (resident set, MB)');
row('process, no engine (peak)', `${m.baselineMb} MB`, '', '');
row('one worker: process peak', `${m.oneWorkerPeakMb} MB`, WITH_CLI ? `${Math.round(cliRssKb / 1024)} MB per process` : '', '');
row('  per worker (peak − base)', `${perWorker} MB`, '', `≤ ${TARGETS.workerMb} MB`, check('memory per worker', perWorker <= TARGETS.workerMb));
row('  one more worker (2 reading)', `+${extraWorker} MB`, '', `≤ ${TARGETS.workerMb} MB`, check('memory per extra worker', extraWorker <= TARGETS.workerMb));
row('worker start', `${Math.round(measured.startMs)} ms`, '', '');

console.log('\nID CARD BACKS (签发机关, 有效期限 incl. 长期) — ours');
for (const level of LEVELS) {
  const s = backStats[level];
  if (!s.n) continue;
  console.log(`  ${pad(level, 7)}${s.n} cards: authority ${pct(s.right.issuingAuthority / s.n)}, valid from ${pct(s.right.validFrom / s.n)}, valid until ${pct(s.right.validUntil / s.n)}; flagged ${pct(s.flagged / s.n)}; median ${Math.round(quantile(s.ms, 0.5))} ms`);
  results.levels[level].backs = { cards: s.n, accuracy: Object.fromEntries(BACK_FIELDS.map((f) => [f, s.right[f] / s.n])), flagged: s.flagged / s.n, medianMs: quantile(s.ms, 0.5) };
}

const failed = checks.filter(([, ok]) => !ok).map(([n]) => n);
console.log(`\nTARGETS: ${checks.length - failed.length}/${checks.length} met${failed.length ? ` — not met: ${failed.join(', ')}` : ''}`);
console.log(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (process.env.BENCH_OCR_VERBOSE) console.log(`\nMisreads (ours):\n${misses.join('\n')}`);
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
const file = join(ROOT, 'bench/results', `ocr-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify({ ...results, targetsFailed: failed, misses }, null, 2)}\n`);
console.log(`(details: ${file.slice(ROOT.length + 1)})`);
