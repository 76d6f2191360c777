// A local cluster: API processes and worker processes of the built API on one MariaDB/MySQL database
// and one Redis, plus a small round-robin proxy in front of the APIs. `npm run start:cluster` runs it;
// the cluster test (test/cluster) and the benchmarks import startCluster/startProxy from here.
//
//   DATABASE_URL  (default mysql://root@127.0.0.1:3306/zczr_cluster, created if missing)
//   REDIS_URL     (default redis://127.0.0.1:6379/0)   REDIS_PREFIX (default zczr)
//   PORT          proxy port (default 3000); the APIs listen on PORT+1, PORT+2, …
//   CLUSTER_APIS / CLUSTER_WORKERS   how many of each (default 2 and 2)
import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import { mkdirSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'apps/api/dist/main.js');

export function freePort() {
  return new Promise((res, rej) => {
    const s = netServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Creates the database named in a mysql:// URL if it does not exist (drop: empty it first). */
export async function ensureDatabase(url, { drop = false } = {}) {
  const { default: mysql } = await import('mysql2/promise');
  const u = new URL(url);
  const db = u.pathname.slice(1);
  const conn = await mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    connectTimeout: 3000,
  });
  try {
    if (drop) await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

/** One process of the built API with a role; its output is kept (and echoed with a tag when `echo`). */
function spawnProcess(tag, env, echo) {
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc = { tag, child, pid: child.pid, output: '', exited: false };
  const take = (d) => {
    const text = d.toString('utf8');
    proc.output = (proc.output + text).slice(-20_000);
    if (echo) for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`[${tag}] ${line}\n`);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  child.once('exit', () => (proc.exited = true));
  return proc;
}

async function waitFor(proc, ready, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exited) throw new Error(`${proc.tag} exited early:\n${proc.output}`);
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${proc.tag} not ready after ${timeoutMs / 1000} s:\n${proc.output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopProcess(proc, signal = 'SIGTERM') {
  if (proc.exited) return;
  proc.child.kill(signal);
  const killer = setTimeout(() => proc.child.kill('SIGKILL'), 15_000);
  await new Promise((r) => (proc.exited ? r() : proc.child.once('exit', r)));
  clearTimeout(killer);
}

/**
 * Starts `apis` API processes (PROCESS_ROLE=api) and `workers` workers (PROCESS_ROLE=worker) on
 * one database and Redis. The first API starts alone (it runs the migrations and the demo seed),
 * then the others. Every process gets the same `env` (keys, DATA_DIR) so they read each other's data.
 */
export async function startCluster({
  apis = 2,
  workers = 2,
  databaseUrl,
  redisUrl,
  redisPrefix = 'zczr',
  env = {},
  ports = [],
  echo = false,
  timeoutMs = 180_000,
}) {
  const common = { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix, HOST: '127.0.0.1', ...env };
  const cluster = { apis: [], workers: [], env: common };
  const startApi = async (i) => {
    const port = ports[i] ?? (await freePort());
    const proc = spawnProcess(`api${i + 1}`, { ...common, PROCESS_ROLE: 'api', PORT: String(port) }, echo);
    const api = { ...proc, port, base: `http://127.0.0.1:${port}` };
    Object.defineProperty(api, 'exited', { get: () => proc.exited });
    Object.defineProperty(api, 'output', { get: () => proc.output });
    cluster.apis.push(api);
    await waitFor(api, async () => (await fetch(`${api.base}/api/health`)).ok, timeoutMs);
    return api;
  };
  cluster.addWorker = async () => {
    const proc = spawnProcess(`worker${cluster.workers.length + 1}`, { ...common, PROCESS_ROLE: 'worker' }, echo);
    cluster.workers.push(proc);
    await waitFor(proc, async () => proc.output.includes('worker') && proc.output.includes('已启动'), timeoutMs);
    return proc;
  };
  cluster.stop = async () => {
    await Promise.all([...cluster.workers, ...cluster.apis].map((p) => stopProcess(p)));
    await cluster.proxy?.close();
  };
  try {
    if (apis > 0) await startApi(0);
    await Promise.all([...Array.from({ length: apis - 1 }, (_, i) => startApi(i + 1)), ...Array.from({ length: workers }, () => cluster.addWorker())]);
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return cluster;
}

/** A tiny round-robin HTTP proxy (streams bodies, so server-sent events pass). */
export function startProxy(port, targets, host = '0.0.0.0') {
  let next = 0;
  const server = createServer((req, res) => {
    const target = targets[next++ % targets.length];
    const up = request({ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'UPSTREAM_UNAVAILABLE', message: '服务暂时不可用，请稍后重试' }));
    });
    req.pipe(up);
  });
  return new Promise((resolveListen) =>
    server.listen(port, host, () =>
      resolveListen({
        port: server.address().port,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      }),
    ),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const databaseUrl = process.env.DATABASE_URL || 'mysql://root@127.0.0.1:3306/zczr_cluster';
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379/0';
  const port = Number(process.env.PORT || 3000);
  const apis = Number(process.env.CLUSTER_APIS || 2);
  const workers = Number(process.env.CLUSTER_WORKERS || 2);
  if (!databaseUrl.startsWith('mysql://') && !databaseUrl.startsWith('mariadb://')) {
    console.error("start:cluster needs DATABASE_URL=mysql://… (SQLite is one process's file)");
    process.exit(1);
  }
  await ensureDatabase(databaseUrl.replace(/^mariadb:/, 'mysql:'));
  const dataDir = resolve(ROOT, process.env.DATA_DIR || 'data/cluster');
  mkdirSync(dataDir, { recursive: true });
  console.log(
    `starting ${apis} API processes and ${workers} workers on ${databaseUrl.replace(/\/\/[^@]*@/, '//***@')} and ${redisUrl.replace(/\/\/[^@]*@/, '//***@')}`,
  );
  const cluster = await startCluster({
    apis,
    workers,
    databaseUrl,
    redisUrl,
    redisPrefix: process.env.REDIS_PREFIX || 'zczr',
    echo: true,
    env: { DATA_DIR: dataDir },
    ports: Array.from({ length: apis }, (_, i) => port + 1 + i),
  });
  cluster.proxy = await startProxy(
    port,
    cluster.apis.map((a) => a.port),
  );
  console.log(`
政策找人 集群已启动：${apis} 个 API 进程（端口 ${cluster.apis.map((a) => a.port).join(', ')}），${workers} 个 worker 进程
  轮询代理     http://localhost:${port}/  （民政工作台 /admin/，居民端 H5 /h5/，接口文档 /api/docs）
  Ctrl+C 停止全部进程`);
  const shutdown = async () => {
    await cluster.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}
