// `npm run bench`: every benchmark, each with its baseline measured in the same run, figures printed.
// Sizes: BENCH_SCREENING_HOUSEHOLDS (default 1,000,000), BENCH_HOUSEHOLDS (in-process, default 10,000),
// BENCH_DURATION (HTTP load, s), BENCH_CONSOLE_HOUSEHOLDS (console reads, default 1,000,000).
// BENCH_ONLY=submissions,eligibility,screening,console,monitoring picks a subset.
import { cpus } from 'node:os';
import { prepareMysql } from './lib.mjs';
import { benchSubmissions } from './submissions.mjs';
import { benchMonitoring } from './monitoring.mjs';
import { runInProcessBench } from './eligibility/in-process.mjs';
import { benchScreening } from './screening.mjs';
import { benchCluster } from './cluster.mjs';
import { benchConsole } from './console.mjs';

const MYSQL_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/zczr_bench';
const only = new Set((process.env.BENCH_ONLY ?? 'submissions,eligibility,screening').split(','));

console.log(`政策找人 benchmarks — node ${process.version}, ${cpus().length} cores`);
if (only.has('submissions')) {
  await benchSubmissions('SQLite', undefined);
  if (await prepareMysql(MYSQL_URL)) await benchSubmissions('MariaDB', MYSQL_URL);
}
if (only.has('eligibility')) await runInProcessBench();
if (only.has('screening')) {
  await benchScreening({ label: 'SQLite' });
  if (await prepareMysql(MYSQL_URL)) await benchScreening({ label: 'MariaDB', databaseUrl: MYSQL_URL });
}
// The console at a million households (BENCH_CONSOLE_HOUSEHOLDS, default 1,000,000): every console read timed against
// GET /api/health after a screening, with the event loop's longest delay; BENCH_ONLY=console for just this.
if (!process.env.BENCH_ONLY || only.has('console')) {
  await benchConsole({ label: 'SQLite' });
  if (await prepareMysql(MYSQL_URL)) await benchConsole({ label: 'MariaDB', databaseUrl: MYSQL_URL });
}
// Department import + warnings (BENCH_MONITORING_ROWS, default 1,000,000) and claim throughput; BENCH_ONLY=monitoring for just this.
if (!process.env.BENCH_ONLY || only.has('monitoring')) {
  await benchMonitoring({ label: 'SQLite' });
  if (await prepareMysql(MYSQL_URL)) await benchMonitoring({ label: 'MariaDB', databaseUrl: MYSQL_URL });
}
// Screening by one and two worker processes on MariaDB + Redis, and the 20-million capacity model; BENCH_ONLY=cluster for just this.
if (!process.env.BENCH_ONLY || only.has('cluster')) await benchCluster();
