// Cluster test (CI step `cluster`): two API processes and two workers on MariaDB + Redis. A screening
// of CLUSTER_HOUSEHOLDS (default 20,000) households started through one API process, followed by
// server-sent events through the other, with a worker SIGKILLed in the middle of a shard, ends with
// exactly the results of the same screening in one process: no shard lost, none committed twice.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DataSource } from 'typeorm';
import { loadHouseholds } from '../../bench/load-households.mjs';
import { api, clusterSetup, demoToken, readProgress, referenceApp, sleep, sql, startCluster } from './harness.mjs';

const HOUSEHOLDS = Number(process.env.CLUSTER_HOUSEHOLDS || 20_000);
let setup;
let db;
let cluster;
const T0 = Date.now();
const step = (what) => console.log(`  [${((Date.now() - T0) / 1000).toFixed(1)} s] ${what}`);

/** Everything a screening decided, independent of run ids, hit ids and timestamps. */
async function outcome(runId) {
  const [[run]] = await db.query('SELECT status, total, processed, summary, error FROM screening_run WHERE id = ?', [runId]);
  const [current] = await db.query(
    'SELECT householdId, policyCode, outcome, policyVersion, missingFacts FROM eligibility_current ORDER BY householdId, policyCode',
  );
  const [hits] = await db.query(
    'SELECT policyCode, householdId, category, missingFacts, graceUntil FROM screening_hit WHERE runId = ? ORDER BY policyCode, householdId, category',
    [runId],
  );
  const [coverage] = await db.query(
    'SELECT streetCode, policyCode, eligibleHouseholds, eligiblePeople, receivingHouseholds, receivingPeople, silentHouseholds, silentPeople, exitHouseholds FROM screening_coverage WHERE runId = ? ORDER BY streetCode, policyCode',
    [runId],
  );
  return { run: { ...run, summary: JSON.parse(run.summary) }, current, hits, coverage };
}

/** 2 API + 2 worker processes: small shards and a short lock so a killed worker's shard comes back quickly. */
function startTestCluster() {
  return startCluster({
    apis: 2,
    workers: 2,
    databaseUrl: setup.databaseUrl,
    redisUrl: setup.redisUrl,
    redisPrefix: setup.redisPrefix,
    env: { ...setup.env, JOB_SHARD_SIZE: '1000', IMPORT_SHARD_ROWS: '4', JOB_LOCK_MS: '4000', JOB_STALLED_CHECK_MS: '1500', SCREENING_WORKERS: '1' },
  });
}

before(async () => {
  setup = await clusterSetup('jobs');
  db = await sql(setup.databaseUrl);
});

after(async () => {
  await cluster?.stop();
  await db?.end();
  await setup?.cleanup();
});

test(
  `a screening of ${HOUSEHOLDS.toLocaleString()} households on 2 API + 2 worker processes equals the single-process run, a worker killed mid-shard`,
  { timeout: 600_000 },
  async () => {
    // 1. The single-process reference: no Redis, one process does everything.
    const t0 = Date.now();
    const ref = await referenceApp(setup);
    let reference;
    try {
      step('reference app up');
      await loadHouseholds(ref.app, ref.config, HOUSEHOLDS, 11, { quiet: true });
      step(`${HOUSEHOLDS} households loaded`);
      const { ScreeningsService } = await import('../../apps/api/dist/screenings/screenings.service.js');
      const screenings = ref.app.get(ScreeningsService);
      const run = await screenings.finished((await screenings.begin('cluster-test', ref.config.districtCode)).id);
      assert.equal(run.status, 'completed', run.error ?? '');
      reference = await outcome(run.id);
      step('reference screening done');
      // Back to the state before the screening, so the cluster run finds the same "previous" results.
      await ref.app.get(DataSource).query('DELETE FROM eligibility_current');
    } finally {
      await ref.app.close();
    }
    const tRef = Date.now();
    assert.equal(reference.run.processed, HOUSEHOLDS);
    assert.ok(reference.hits.length > 1000, `reference hits ${reference.hits.length}`);

    // 2. The cluster (startTestCluster).
    cluster = await startTestCluster();
    const tUp = Date.now();
    step('cluster up');
    const [api1, api2] = cluster.apis;
    const token = await demoToken(api1.base, 'district_reviewer');
    const started = await api(api1.base, token, 'POST', '/api/v1/screenings');
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const runId = started.body.id;
    // Progress through the other API process, as server-sent events.
    const events = readProgress(api2.base, token, `/api/v1/screenings/${runId}/events`);

    // 3. Kill (SIGKILL) a worker while it holds a shard it has not committed.
    let killed = null;
    for (let i = 0; i < 600 && !killed; i++) {
      const pids = new Map(cluster.workers.filter((w) => !w.exited).map((w) => [String(w.pid), w]));
      const [rows] = await db.query("SELECT shardIndex, takenBy FROM job_shard WHERE jobId = ? AND status = 'pending' AND takenBy IS NOT NULL", [runId]);
      const target = rows.map((r) => ({ index: r.shardIndex, worker: pids.get(r.takenBy.split(':').pop()) })).find((r) => r.worker);
      if (!target) {
        await sleep(25);
        continue;
      }
      target.worker.child.kill('SIGKILL');
      await new Promise((r) => (target.worker.exited ? r() : target.worker.child.once('exit', r)));
      await sleep(200);
      const [[shard]] = await db.query('SELECT status FROM job_shard WHERE jobId = ? AND shardIndex = ?', [runId, target.index]);
      // Killed just after it committed: that proves nothing; a new worker replaces it, and again.
      if (shard.status === 'pending') killed = { index: target.index, pid: target.worker.pid };
      else await cluster.addWorker();
    }
    assert.ok(killed, 'no worker was caught holding a shard');
    step(`worker ${killed.pid} killed holding shard ${killed.index}`);

    // 4. The job finishes on the surviving worker; progress seen from the other API process.
    let run;
    for (let i = 0; i < 1200; i++) {
      run = (await api(api2.base, token, 'GET', `/api/v1/screenings/${runId}`)).body;
      if (run.status !== 'running') break;
      await sleep(100);
    }
    assert.equal(run.status, 'completed', `${JSON.stringify(run)}\n${cluster.workers.map((w) => w.output).join('\n')}`);
    const progress = await events;
    assert.ok(progress.length >= 2, `progress events ${progress.length}`);
    assert.deepEqual(
      progress.map((p) => p.processed),
      [...progress.map((p) => p.processed)].sort((a, b) => a - b),
    );
    assert.equal(progress.at(-1).status, 'completed');
    const tDone = Date.now();
    step('cluster screening completed');

    // 5. Every shard committed exactly once; the killed one again, by another process.
    const [[job]] = await db.query('SELECT status, shardsTotal, shardsDone, processed FROM job WHERE id = ?', [runId]);
    const [shards] = await db.query('SELECT shardIndex, status, attempts, processed, doneBy FROM job_shard WHERE jobId = ? ORDER BY shardIndex', [runId]);
    assert.equal(job.status, 'completed');
    assert.equal(job.shardsTotal, shards.length);
    assert.ok(shards.length >= HOUSEHOLDS / 1000, `shards ${shards.length}`);
    assert.equal(job.shardsDone, shards.length);
    assert.equal(job.processed, HOUSEHOLDS);
    assert.ok(shards.every((s) => s.status === 'done'));
    assert.equal(
      shards.reduce((n, s) => n + s.processed, 0),
      HOUSEHOLDS,
    );
    const redone = shards.find((s) => s.shardIndex === killed.index);
    assert.ok(redone.attempts >= 2, `killed shard attempts ${redone.attempts}`);
    assert.notEqual(redone.doneBy.split(':').pop(), String(killed.pid));
    const [[dups]] = await db.query('SELECT COUNT(*) - COUNT(DISTINCT policyCode, householdId, category) AS n FROM screening_hit WHERE runId = ?', [runId]);
    assert.equal(Number(dups.n), 0);

    // 6. Exactly the single-process results.
    const mine = await outcome(runId);
    assert.equal(mine.run.total, HOUSEHOLDS);
    assert.equal(mine.run.processed, HOUSEHOLDS);
    assert.deepEqual(mine.run.summary, reference.run.summary);
    assert.equal(mine.hits.length, reference.hits.length);
    assert.deepEqual(mine.hits, reference.hits);
    assert.deepEqual(mine.coverage, reference.coverage);
    assert.deepEqual(mine.current, reference.current);
    console.log(
      `  reference (1 process): ${((tRef - t0) / 1000).toFixed(1)} s incl. loading; cluster up ${((tUp - tRef) / 1000).toFixed(1)} s; cluster screening with a worker killed ${((tDone - tUp) / 1000).toFixed(1)} s; ${shards.length} shards, shard ${killed.index} redone`,
    );
  },
);

test(
  'a CSV import uploaded to one API process runs in shards on the workers: exact counts, row numbers and records; a re-import takes nothing',
  { timeout: 300_000 },
  async () => {
    if (!cluster) {
      // Run alone (--test-name-pattern): a few households, then the cluster.
      const ref = await referenceApp(setup);
      try {
        await loadHouseholds(ref.app, ref.config, 200, 11, { quiet: true });
      } finally {
        await ref.app.close();
      }
      cluster = await startTestCluster();
    }
    const [api1, api2] = cluster.apis;
    const token = await demoToken(api1.base, 'district_reviewer');
    const { FieldCipher } = await import('../../apps/api/dist/crypto/field-cipher.js');
    const cipher = new FieldCipher(Buffer.from(setup.env.ENCRYPTION_KEY, 'base64'), Buffer.from(setup.env.HASH_KEY, 'base64'));
    const [members] = await db.query(
      "SELECT m.idNumberEnc FROM member m JOIN household h ON h.id = m.householdId WHERE h.status = 'active' AND m.idNumberEnc IS NOT NULL ORDER BY m.id LIMIT 300",
    );
    // Born before 2024: an admission dated before the birth date is an error row (members are
    // picked by random id, and the demo data has babies).
    const ids = members
      .map((m) => cipher.decrypt(m.idNumberEnc))
      .filter((id) => id.slice(6, 14) < '20240101')
      .slice(0, 30);
    assert.equal(ids.length, 30);
    // Quoted fields with newlines, empty lines and CRLF everywhere; no row repeated (two workers may
    // hold both copies at once: see ImportsRepository.shardStatements).
    const lines = ['\uFEFF身份证号,录取日期,录取院校'];
    const taken = [];
    const errors = [];
    for (let i = 0; i < ids.length; i++) {
      if (i % 4 === 1) lines.push('');
      if (i === 17) {
        lines.push(`11010119800101000X,2024-03-01,"错\r\n误"`);
        errors.push(lines.length);
      }
      lines.push(`${ids[i]},2024-0${1 + (i % 9)}-${String(1 + i).padStart(2, '0')},"学\n\n校 ${i}"`);
      taken.push(lines.length);
    }
    const csv = lines.join('\r\n') + '\r\n';
    const upload = async () => {
      const form = new globalThis.FormData();
      form.append('file', new globalThis.Blob([csv], { type: 'text/csv' }), 'admissions.csv');
      const r = await fetch(`${api1.base}/api/v1/imports/university_admission`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      assert.equal(r.status, 202, await r.clone().text());
      const started = await r.json();
      let run = started;
      for (let i = 0; i < 1200 && run.status === 'running'; i++) {
        await sleep(100);
        run = (await api(api2.base, token, 'GET', `/api/v1/imports/${started.id}`)).body;
      }
      return run;
    };
    const run = await upload();
    assert.equal(run.status, 'completed', JSON.stringify(run));
    assert.deepEqual(
      {
        processedRows: run.processedRows,
        takenRows: run.takenRows,
        duplicateRows: run.duplicateRows,
        unmatchedRows: run.unmatchedRows,
        errorRows: run.errorRows,
      },
      { processedRows: 31, takenRows: 30, duplicateRows: 0, unmatchedRows: 0, errorRows: 1 },
    );
    const [records] = await db.query('SELECT rowNumber FROM department_record WHERE importId = ? ORDER BY rowNumber', [run.id]);
    assert.deepEqual(
      records.map((r) => r.rowNumber),
      taken,
    );
    const [errorRows] = await db.query('SELECT DISTINCT rowNumber FROM import_error WHERE importId = ? ORDER BY rowNumber', [run.id]);
    assert.deepEqual(
      errorRows.map((r) => r.rowNumber),
      errors,
    );
    // The shards of rows, then one of rules for the households they touched (fewer than a shard's size).
    const [[job]] = await db.query('SELECT status, shardsTotal, shardsDone FROM job WHERE id = ?', [run.id]);
    const [[rowShards]] = await db.query("SELECT COUNT(*) AS n FROM job_shard WHERE jobId = ? AND fromKey NOT LIKE 'rules:%'", [run.id]);
    const rows = Math.ceil((lines.length - 1) / 4);
    assert.deepEqual({ ...job, rowShards: Number(rowShards.n) }, { status: 'completed', shardsTotal: rows + 1, shardsDone: rows + 1, rowShards: rows });
    assert.equal(existsSync(join(setup.dataDir, 'imports', `${run.id}.csv`)), false);

    const again = await upload();
    assert.equal(again.status, 'completed', JSON.stringify(again));
    assert.deepEqual(
      { takenRows: again.takenRows, duplicateRows: again.duplicateRows, errorRows: again.errorRows },
      { takenRows: 0, duplicateRows: 30, errorRows: 1 },
    );
  },
);
