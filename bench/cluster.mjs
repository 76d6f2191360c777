// Screening on MariaDB + Redis with one and then two worker processes (PROCESS_ROLE=worker; one API
// process enqueues), on the same households, and a capacity model for a province of 20 million
// households built from the measured per-shard cost and write volume. BENCH_CLUSTER_HOUSEHOLDS
// (default 100,000); BENCH_MYSQL_URL's server, database zczr_bench_cluster; Redis at BENCH_REDIS_URL
// (default redis://127.0.0.1:6379/1, key prefix zczr-bench-cluster; BENCH_CLUSTER_DB, BENCH_REDIS_PREFIX). The machine's cores are shared by
// every process here (and the database), so the two-worker ratio is bounded by them: read it so.
import { cpus, loadavg } from 'node:os';
import { api, clusterSetup, demoToken, referenceApp, sql, startCluster } from '../test/cluster/harness.mjs';
import { loadHouseholds } from './load-households.mjs';
import { fmt } from './lib.mjs';

const PROVINCE = 20_000_000;
const WINDOW_S = 2 * 3600;

async function screenOnce(setup, db, workers, shardSize) {
  await db.query('DELETE FROM eligibility_current');
  const cluster = await startCluster({
    apis: 1,
    workers,
    databaseUrl: setup.databaseUrl,
    redisUrl: setup.redisUrl,
    redisPrefix: setup.redisPrefix,
    env: { ...setup.env, JOB_SHARD_SIZE: String(shardSize), SCREENING_WORKERS: '1' },
  });
  try {
    const base = cluster.apis[0].base;
    const token = await demoToken(base, 'district_reviewer');
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
  } finally {
    await cluster.stop();
  }
}

export async function benchCluster({ count = Number(process.env.BENCH_CLUSTER_HOUSEHOLDS ?? 100_000) } = {}) {
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
    return { one, two, perShard, processes, rowsPerHousehold };
  } finally {
    await db.end();
    await setup.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCluster({ count: Number(process.argv[2] ?? process.env.BENCH_CLUSTER_HOUSEHOLDS ?? 100_000) });
