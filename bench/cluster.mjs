// Screening and a department-data import on MariaDB + Redis with one and then two worker processes
// (PROCESS_ROLE=worker; one API process enqueues), on the same households and the same file, and a
// capacity model for a province of 20 million households built from the measured per-shard costs and
// write volumes. BENCH_CLUSTER_HOUSEHOLDS (default 100,000), BENCH_CLUSTER_IMPORT_ROWS (default
// 500,000; 0 skips the import); BENCH_MYSQL_URL's server, database zczr_bench_cluster; Redis at
// BENCH_REDIS_URL (default redis://127.0.0.1:6379/1, key prefix zczr-bench-cluster; BENCH_CLUSTER_DB,
// BENCH_REDIS_PREFIX). The machine's cores are shared by every process here (and the database), so the
// two-worker ratio is bounded by them: read it so.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { api, clusterSetup, demoToken, referenceApp, sql, startCluster } from '../test/cluster/harness.mjs';
import { loadHouseholds } from './load-households.mjs';
import { fmt } from './lib.mjs';
import { MEDICAL_HEADER, medicalRow, rng } from './monitoring.mjs';

const PROVINCE = 20_000_000;
const WINDOW_S = 2 * 3600;
// The province's monthly department data for the model: one medical-insurance settlement row per
// household per month from each of five sources (medical insurance, hospitals, disability
// federation, human resources, courts): an assumption, stated where it is printed.
const PROVINCE_IMPORT_ROWS = 5 * PROVINCE;
// The tables an import writes (records, error rows, warnings and the tasks they raise, risk scores,
// residents' notices): emptied before each run so that both runs do the same work from the same state.
const IMPORT_TABLES = ['department_record', 'import_error', 'warning', 'verification_task', 'household_risk', 'risk_history', 'notification'];

/** One API process and `workers` worker processes on the setup's database and Redis, for `fn(base, token)`. */
async function withCluster(setup, workers, env, fn) {
  const cluster = await startCluster({
    apis: 1,
    workers,
    databaseUrl: setup.databaseUrl,
    redisUrl: setup.redisUrl,
    redisPrefix: setup.redisPrefix,
    env: { ...setup.env, ...env },
  });
  try {
    const base = cluster.apis[0].base;
    return await fn(base, await demoToken(base, 'district_reviewer'));
  } finally {
    await cluster.stop();
  }
}

async function screenOnce(setup, db, workers, shardSize) {
  await db.query('DELETE FROM eligibility_current');
  return withCluster(setup, workers, { JOB_SHARD_SIZE: String(shardSize), SCREENING_WORKERS: '1' }, async (base, token) => {
    const t = performance.now();
    const started = await api(base, token, 'POST', '/api/v1/screenings');
    if (started.status !== 201) throw new Error(JSON.stringify(started.body));
    let run;
    for (;;) {
      run = (await api(base, token, 'GET', `/api/v1/screenings/${started.body.id}`)).body;
      if (run.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (performance.now() - t) / 1000;
    if (run.status !== 'completed') throw new Error(`screening ${run.status}: ${run.error}`);
    const [[shards]] = await db.query('SELECT COUNT(*) AS n FROM job_shard WHERE jobId = ?', [run.id]);
    const [[hits]] = await db.query('SELECT COUNT(*) AS n FROM screening_hit WHERE runId = ?', [run.id]);
    const [[current]] = await db.query('SELECT COUNT(*) AS n FROM eligibility_current');
    return { seconds, processed: run.processed, shards: Number(shards.n), hits: Number(hits.n), current: Number(current.n) };
  });
}

/** A CSV of `rows` medical settlements over the members' ID numbers (deterministic), as the SQLite import benchmark writes them. */
function medicalCsv(ids, rows) {
  const rand = rng(7);
  const today = Date.now();
  const lines = [MEDICAL_HEADER];
  for (let i = 0; i < rows; i++) lines.push(medicalRow(rand, ids, today));
  return lines.join('\n') + '\n';
}

/** ID numbers of loaded members (decrypted with the setup's key), for the import's rows. */
async function memberIds(setup, db, limit) {
  const { FieldCipher } = await import('../apps/api/dist/crypto/field-cipher.js');
  const cipher = new FieldCipher(Buffer.from(setup.env.ENCRYPTION_KEY, 'base64'), Buffer.from(setup.env.HASH_KEY, 'base64'));
  const [rows] = await db.query('SELECT idNumberEnc FROM member WHERE idNumberEnc IS NOT NULL ORDER BY id LIMIT ?', [limit]);
  return rows.map((r) => cipher.decrypt(r.idNumberEnc));
}

async function importOnce(setup, db, workers, shardRows, file, rows) {
  const [tables] = await db.query('SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()');
  const present = new Set(tables.map((r) => r.t));
  for (const table of IMPORT_TABLES) if (present.has(table)) await db.query(`DELETE FROM ${table}`);
  return withCluster(setup, workers, { IMPORT_SHARD_ROWS: String(shardRows) }, async (base, token) => {
    const t = performance.now();
    const form = new globalThis.FormData();
    form.append('file', new globalThis.Blob([file], { type: 'text/csv' }), 'medical.csv');
    const r = await fetch(`${base}/api/v1/imports/medical_settlement`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const started = await r.json();
    if (r.status !== 202) throw new Error(`import upload: ${r.status} ${JSON.stringify(started)}`);
    let run = started;
    let storedS = null;
    while (run.status === 'running') {
      await new Promise((res) => setTimeout(res, 200));
      run = (await api(base, token, 'GET', `/api/v1/imports/${started.id}`)).body;
      if (storedS === null && run.processedRows >= rows) storedS = (performance.now() - t) / 1000;
    }
    const seconds = (performance.now() - t) / 1000;
    if (run.status !== 'completed') throw new Error(`import ${run.status}: ${run.error}`);
    const [[shards]] = await db.query('SELECT COUNT(*) AS n, SUM(attempts) AS attempts FROM job_shard WHERE jobId = ?', [run.id]);
    const [[records]] = await db.query('SELECT COUNT(*) AS n FROM department_record WHERE importId = ?', [run.id]);
    const [[warnings]] = await db.query('SELECT COUNT(*) AS n FROM warning');
    const [[tasks]] = await db.query('SELECT COUNT(*) AS n FROM verification_task');
    return {
      seconds,
      storedS,
      processed: run.processedRows,
      taken: run.takenRows,
      errors: run.errorRows,
      shards: Number(shards.n),
      records: Number(records.n),
      warnings: Number(warnings.n),
      tasks: Number(tasks.n),
    };
  });
}

export async function benchCluster({
  count = Number(process.env.BENCH_CLUSTER_HOUSEHOLDS ?? 100_000),
  importRows = Number(process.env.BENCH_CLUSTER_IMPORT_ROWS ?? 500_000),
} = {}) {
  process.env.CLUSTER_MYSQL = (process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/zczr_bench').replace(/\/[^/]*$/, '');
  process.env.CLUSTER_DB = process.env.BENCH_CLUSTER_DB ?? 'zczr_bench_cluster';
  process.env.CLUSTER_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/1';
  process.env.CLUSTER_REDIS_PREFIX = process.env.BENCH_REDIS_PREFIX ?? 'zczr-bench';
  let setup;
  try {
    setup = await clusterSetup('cluster');
  } catch (e) {
    console.log(`\n[cluster] MariaDB or Redis not reachable (${e.message}); skipped`);
    return null;
  }
  const db = await sql(setup.databaseUrl);
  try {
    console.log(
      `\n[MariaDB + Redis] screening of ${count.toLocaleString()} households by worker processes (${cpus().length} cores, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})`,
    );
    const ref = await referenceApp(setup);
    try {
      await loadHouseholds(ref.app, ref.config, count, 5, { quiet: true });
    } finally {
      await ref.app.close();
    }
    // Enough shards for two workers to share evenly at small sizes; the model is per 10,000 either way.
    const shardSize = Math.min(10_000, Math.max(100, Math.ceil(count / 16)));
    const one = await screenOnce(setup, db, 1, shardSize);
    console.log(`  1 worker process:  ${fmt(one.seconds)} s (${fmt(one.processed / one.seconds, 0)} households/s), ${one.shards} shards`);
    const two = await screenOnce(setup, db, 2, shardSize);
    console.log(
      `  2 worker processes: ${fmt(two.seconds)} s (${fmt(two.processed / two.seconds, 0)} households/s); ratio ${fmt(one.seconds / two.seconds, 2)}× on ${cpus().length} cores shared with MariaDB and the API`,
    );
    console.log(
      `  load after: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );

    // Capacity model: one worker process = one core's worth of shard work; the database takes the rows.
    const perHousehold = one.seconds / one.processed;
    const perShard = perHousehold * 10_000;
    const rowsPerHousehold = (one.current + one.hits) / one.processed;
    const shards = Math.ceil(PROVINCE / 10_000);
    const processes = Math.ceil((PROVINCE * perHousehold) / WINDOW_S);
    const bytesPerRow = 120;
    console.log(`  capacity model, province of ${PROVINCE.toLocaleString()} households, monthly run in ≤ 2 h:`);
    console.log(`    per shard of 10,000: ${fmt(perShard, 1)} s of one worker process (${fmt(perHousehold * 1000, 3)} ms per household)`);
    console.log(
      `    ${shards.toLocaleString()} shards = ${fmt((PROVINCE * perHousehold) / 3600, 1)} worker-process hours → ${processes} worker processes (one core each) for 2 h, before headroom`,
    );
    console.log(
      `    database writes (first run): ${fmt(rowsPerHousehold, 2)} rows per household (current results + hits) → ${fmt((rowsPerHousehold * PROVINCE) / 1e6, 0)} M rows, ≈ ${fmt((rowsPerHousehold * PROVINCE * bytesPerRow) / 1e9, 1)} GB, ${fmt((rowsPerHousehold * PROVINCE) / WINDOW_S, 0)} rows/s sustained over 2 h`,
    );
    if (!(importRows > 0)) return { one, two, perShard, processes, rowsPerHousehold };

    // The same department file imported by one, then two, worker processes from the same state.
    const ids = await memberIds(setup, db, 50_000);
    const file = medicalCsv(ids, importRows);
    writeFileSync(join(setup.dataDir, 'bench-medical.csv'), file);
    // Shards of 100,000 rows (the default) once the file has enough of them for two workers; smaller below.
    const shardRows = Math.min(100_000, Math.max(1_000, Math.ceil(importRows / 8)));
    const [[pool]] = await db.query('SELECT @@innodb_buffer_pool_size AS b');
    console.log(
      `\n[MariaDB + Redis] department import of ${importRows.toLocaleString()} medical rows (InnoDB buffer pool ${fmt(Number(pool.b) / 1048576, 0)} MB) (${(file.length / 1048576).toFixed(0)} MB, over ${ids.length.toLocaleString()} members) by worker processes, shards of ${shardRows.toLocaleString()} rows`,
    );
    const i1 = await importOnce(setup, db, 1, shardRows, file, importRows);
    const line = (r) =>
      `${fmt(r.seconds)} s (${fmt(r.processed / r.seconds, 0)} rows/s), rows stored after ${r.storedS === null ? '?' : `${fmt(r.storedS)} s`}, ${r.shards} shards; taken ${r.taken.toLocaleString()}, errors ${r.errors}, warnings ${r.warnings.toLocaleString()}, tasks ${r.tasks.toLocaleString()}`;
    console.log(`  1 worker process:   ${line(i1)}`);
    const i2 = await importOnce(setup, db, 2, shardRows, file, importRows);
    console.log(`  2 worker processes: ${line(i2)}; ratio ${fmt(i1.seconds / i2.seconds, 2)}× on ${cpus().length} cores shared with MariaDB and the API`);
    const same = i1.taken === i2.taken && i1.records === i2.records && i1.warnings === i2.warnings && i1.tasks === i2.tasks;
    console.log(`  the same rows taken, warnings and tasks by both: ${same ? 'yes' : 'NO'}`);
    const perRow = i1.seconds / i1.processed;
    const importHours = (PROVINCE_IMPORT_ROWS * perRow) / 3600;
    console.log(
      `  capacity model, imports: ${fmt(perRow * 1e6, 1)} s of one worker process per million rows (${fmt(perRow * 100_000, 1)} s per shard of 100,000) → ${fmt(PROVINCE_IMPORT_ROWS / 1e6, 0)} M rows a month (assumed: one row per household from each of five sources) = ${fmt(importHours, 1)} worker-process hours → ${Math.ceil((importHours * 3600) / WINDOW_S)} worker processes for 2 h; ${fmt(PROVINCE_IMPORT_ROWS / WINDOW_S, 0)} department_record rows/s written over 2 h`,
    );
    return { one, two, perShard, processes, rowsPerHousehold, import: { one: i1, two: i2, perRow, importHours } };
  } finally {
    await db.end();
    await setup.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  await benchCluster({
    count: Number(process.argv[2] ?? process.env.BENCH_CLUSTER_HOUSEHOLDS ?? 100_000),
    importRows: Number(process.argv[3] ?? process.env.BENCH_CLUSTER_IMPORT_ROWS ?? 500_000),
  });
