// Shared helpers for the benchmarks: start the built API on a given database, wait for it, stop it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Is MariaDB/MySQL reachable at this URL? Creates the database if needed. */
export async function prepareMysql(url) {
  const { default: mysql } = await import('mysql2/promise');
  const u = new URL(url);
  const db = u.pathname.slice(1);
  try {
    const conn = await mysql.createConnection({
      host: u.hostname,
      port: Number(u.port || 3306),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      connectTimeout: 3000,
    });
    await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await conn.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.end();
    return true;
  } catch (e) {
    console.log(`  (MariaDB at ${u.host} not reachable: ${e.message}; skipped)`);
    return false;
  }
}

/** Starts apps/api/dist/main.js on a fresh database; resolves when /api/health answers. */
export async function startApi({ databaseUrl, env = {} }) {
  const dir = mkdtempSync(join(tmpdir(), 'zczr-bench-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROFILE] : []), join(ROOT, 'apps/api/dist/main.js')],
    {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DEMO_MODE: 'true',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dir,
        DATABASE_URL: databaseUrl ?? `sqlite:${join(dir, 'bench.sqlite')}`,
        DEMO_HOUSEHOLDS: '200',
        DEMO_ACTIVITY: 'false',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited early:\n${output}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`API did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function demoToken(base, role) {
  const r = await fetch(`${base}/api/v1/auth/demo-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role }) });
  if (!r.ok) throw new Error(`demo-login ${role}: ${r.status}`);
  return (await r.json()).accessToken;
}

export function fmt(n, digits = 1) {
  return Number(n).toFixed(digits);
}
