// Household-submission throughput and latency (issue 2): grid workers' POST /api/v1/households with
// Idempotency-Key, each a new household with its own consent, through the real HTTP stack.
// Baseline in the same run: GET /api/health on the same server (the bare HTTP + framework floor).
import autocannon from 'autocannon';
import { makeIdNumber } from '@zczr/id-card';
import { demoToken, fmt, prepareMysql, startApi } from './lib.mjs';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
// Issue 17's targets (issue 2 had 300/s and 150 ms).
const TARGET_RPS = 400;
const TARGET_P99 = 100;

function run(opts) {
  return new Promise((resolve, reject) => {
    const inst = autocannon({ duration: DURATION, connections: CONNECTIONS, ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
    autocannon.track(inst, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

let seq = 0;
function nextPerson(i) {
  // Beijing area code and a date range the Wenjiang demo data never uses: no collisions.
  seq += 1;
  const day = new Date(Date.UTC(1950, 0, 1) + (seq % 18000) * 86400000).toISOString().slice(0, 10);
  return makeIdNumber('110105', day, (Math.floor(seq / 18000) * 2 + 1 + (i % 2)) % 999 || 1);
}

async function prepareConsents(base, token, n, grid) {
  const bodies = [];
  const batch = 50;
  for (let i = 0; i < n; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, n - i) }, async () => {
        const head = nextPerson(1);
        const r = await fetch(`${base}/api/v1/consents`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            subjectName: '测试户主',
            subjectIdNumber: head,
            purposes: ['assistance_assessment'],
            sensitiveData: true,
            textVersion: '2026-11',
            method: 'in_person_signature',
            signatureImage: 'data:image/png;base64,iVBORw0KGgo=',
          }),
        });
        if (r.status !== 201) throw new Error(`consent: ${r.status} ${await r.text()}`);
        const { id } = await r.json();
        bodies.push(
          JSON.stringify({
            consentId: id,
            address: '四川省成都市温江区压测路 1 号',
            communityCode: grid.communityCode,
            gridId: grid.id,
            members: [
              {
                relation: 'head',
                name: '测试户主',
                idNumber: head,
                phone: '13800138000',
                employment: 'unemployed',
                labourCapacity: 'full',
                health: { chronicIllness: false, seriousIllness: false },
                coResident: true,
              },
              {
                relation: 'spouse',
                name: '测试配偶',
                idNumber: nextPerson(2),
                employment: 'flexible',
                labourCapacity: 'full',
                health: { chronicIllness: true, seriousIllness: false },
                coResident: true,
              },
              { relation: 'child', name: '测试子女', idNumber: nextPerson(1), employment: 'student', labourCapacity: 'none', coResident: true },
            ],
            incomes: [
              { type: 'wage', monthlyAmount: 1500 },
              { type: 'scholarship', monthlyAmount: 200 },
            ],
            assets: [
              { type: 'deposit', value: 8000, bankAccount: '6222020200112233445' },
              { type: 'home', area: 60 },
            ],
            expenses: [{ type: 'medical_self_paid', amount12m: 12000 }],
            hardships: [],
            benefits: [],
          }),
        );
      }),
    );
  }
  return bodies;
}

export async function benchSubmissions(label, databaseUrl) {
  const api = await startApi({ databaseUrl });
  try {
    const token = await demoToken(api.base, 'grid_worker');
    const grids = await (await fetch(`${api.base}/api/v1/grids`, { headers: { authorization: `Bearer ${token}` } })).json();
    const grid = grids[0];
    const baseline = await run({ url: `${api.base}/api/health` });
    const bodies = await prepareConsents(api.base, token, Math.ceil(DURATION * 900), grid);
    let i = 0;
    let k = 0;
    const result = await run({
      url: `${api.base}/api/v1/households`,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const body = bodies[i++];
            if (!body) return null;
            return {
              ...req,
              body,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `bench-${process.pid}-${k++}` },
            };
          },
        },
      ],
    });
    const non2xx = result.non2xx + result.errors;
    const rps = result.requests.average;
    const p50 = result.latency.p50;
    const p99 = result.latency.p99;
    console.log(`\n[${label}] household submissions (POST /api/v1/households, 3 members, encrypted, audited), ${CONNECTIONS} connections, ${DURATION}s`);
    console.log(`  baseline GET /api/health     ${fmt(baseline.requests.average, 0)} req/s   p50 ${baseline.latency.p50} ms   p99 ${baseline.latency.p99} ms`);
    console.log(
      `  submissions                  ${fmt(rps, 0)} req/s   p50 ${p50} ms   p99 ${p99} ms   (${result.requests.total} sent, ${non2xx} non-2xx/errors)`,
    );
    console.log(`  ratio submissions/baseline   ${fmt(rps / baseline.requests.average, 3)}`);
    console.log(`  target ≥ ${TARGET_RPS}/s with p99 ≤ ${TARGET_P99} ms: ${rps >= TARGET_RPS && p99 <= TARGET_P99 ? 'MET' : 'NOT MET'}`);
    return { label, rps, p50, p99, non2xx };
  } finally {
    await api.stop();
  }
}
