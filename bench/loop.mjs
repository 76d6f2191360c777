// Event-loop delay during a population screening (issue 17: no request blocks the loop > 100 ms).
// Loads N households (BENCH_LOOP_HOUSEHOLDS, default 20,000) with the screening loader, runs a
// screening, and reports the loop's max and p99 delay (perf_hooks.monitorEventLoopDelay) during it,
// against the same monitor over an idle second as the baseline. BENCH_LOOP_TRACE=1 also lists the
// synchronous SQLite statements that took longer than 20 ms on the main thread.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { createApp } from '../apps/api/dist/bootstrap.js';
import { loadConfig } from '../apps/api/dist/config/app-config.js';
import { ScreeningsService } from '../apps/api/dist/screenings/screenings.service.js';
import { fmt, prepareMysql } from './lib.mjs';
import { loadHouseholds } from './load-households.mjs';

function traceSqlite(ds, slow) {
  const db = ds.driver.databaseConnection;
  if (!db?.prepare) return;
  const prepare = db.prepare.bind(db);
  db.prepare = (sql) => {
    const st = prepare(sql);
    for (const fn of ['all', 'run', 'get']) {
      const orig = st[fn].bind(st);
      st[fn] = (...args) => {
        const t = performance.now();
        try {
          return orig(...args);
        } finally {
          const ms = performance.now() - t;
          const key = sql
            .replace(/\s+/g, ' ')
            .replace(/(\?, )+\?/g, '…')
            .replace(/(\(…\), )+\(…\)/g, '(…)…')
            .slice(0, 150);
          const agg = (slow.bySql ??= new Map()).get(key) ?? { n: 0, ms: 0, max: 0 };
          agg.n++;
          agg.ms += ms;
          agg.max = Math.max(agg.max, ms);
          slow.bySql.set(key, agg);
          if (ms > 20) slow.push({ ms, sql: key, n: args.flat().length });
        }
      };
    }
    return st;
  };
}

export async function benchLoop({ label, databaseUrl, count = Number(process.env.BENCH_LOOP_HOUSEHOLDS ?? 20_000) }) {
  const dir = mkdtempSync(join(tmpdir(), 'zczr-loop-'));
  const config = loadConfig({
    NODE_ENV: 'development',
    DEMO_MODE: 'true',
    DATA_DIR: dir,
    DATABASE_URL: databaseUrl ?? `sqlite:${join(dir, 'bench.sqlite')}`,
    DEMO_HOUSEHOLDS: '0',
    LOG_LEVEL: 'warn',
    // The monthly monitoring run would start at boot and run alongside: this measures the screening alone.
    MONITORING_SCHEDULER: 'false',
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    HASH_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(32).toString('hex'),
  });
  const app = await createApp(config);
  try {
    console.log(`\n[${label}] event loop during a screening of ${count.toLocaleString()} households`);
    let t = performance.now();
    await loadHouseholds(app, config, count, 7, { quiet: true });
    console.log(`  load: ${fmt((performance.now() - t) / 1000)} s`);
    const slow = [];
    if (process.env.BENCH_LOOP_TRACE) traceSqlite(app.get(DataSource), slow);
    const screenings = app.get(ScreeningsService);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    // Baseline: the same monitor over an idle second.
    loop.enable();
    await new Promise((r) => setTimeout(r, 1000));
    loop.disable();
    const idle = { max: loop.max / 1e6, p99: loop.percentile(99) / 1e6 };
    const runs = [];
    const session = process.env.BENCH_LOOP_PROFILE ? new (await import('node:inspector/promises')).Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
    }
    for (const pass of ['first', 'repeat']) {
      loop.reset();
      loop.enable();
      t = performance.now();
      const run = await screenings.begin('bench', config.districtCode);
      const done = await screenings.finished(run.id);
      const s = (performance.now() - t) / 1000;
      loop.disable();
      if (done.status !== 'completed') throw new Error(`screening ${done.status}: ${done.error}`);
      runs.push({ pass, s, max: loop.max / 1e6, p99: loop.percentile(99) / 1e6 });
      console.log(
        `  screening (${pass} run): ${done.processed.toLocaleString()} households in ${fmt(s)} s; loop max ${fmt(loop.max / 1e6)} ms, p99 ${fmt(loop.percentile(99) / 1e6)} ms`,
      );
    }
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      (await import('node:fs')).writeFileSync(process.env.BENCH_LOOP_PROFILE, JSON.stringify(profile));
    }
    // The finishing process's after-work (caches, notifications) ends just after the job's status.
    await new Promise((r) => setTimeout(r, 500));
    console.log(`  baseline idle second: loop max ${fmt(idle.max)} ms, p99 ${fmt(idle.p99)} ms`);
    if (slow.length) {
      slow.sort((a, b) => b.ms - a.ms);
      console.log(`  slow synchronous statements (> 20 ms): ${slow.length}`);
      for (const s of slow.slice(0, 15)) console.log(`    ${fmt(s.ms).padStart(7)} ms  params ${String(s.n).padStart(5)}  ${s.sql}`);
    }
    if (slow.bySql) {
      console.log('  statements by total time (count, total ms, max ms):');
      for (const [sql, a] of [...slow.bySql].sort((x, y) => y[1].ms - x[1].ms).slice(0, 15))
        console.log(`    ${String(a.n).padStart(6)} ${fmt(a.ms).padStart(8)} ${fmt(a.max).padStart(7)}  ${sql}`);
    }
    return { runs, idle };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.argv[2];
  if (url && !(await prepareMysql(url))) process.exit(1);
  await benchLoop({ label: url ? 'MariaDB' : 'SQLite', databaseUrl: url });
}
