/**
 * Cluster-state harness: API processes started from the built dist (`node dist/main.js`) as child
 * processes on one MariaDB database and one Redis, and TCP proxies in front of MariaDB and Redis that
 * a test takes down and brings back (CI's MariaDB and Redis are shared and cannot be restarted).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';

export const API_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const MAIN = join(API_DIR, 'dist/main.js');
export const VERIFY_CLI = join(API_DIR, 'dist/audit/verify-cli.js');

/** MariaDB for these tests (never CI's `test`): CLUSTER_STATE_DATABASE_URL, else test_state2. */
export const DATABASE_URL = process.env.CLUSTER_STATE_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test_state2';
/** Redis DB 2; every run uses its own key prefix under zczr-state-test. */
export const REDIS_URL = process.env.CLUSTER_STATE_REDIS_URL ?? 'redis://127.0.0.1:6379/2';

export function requireBuild(): void {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build:libs && npm run build -w @zczr/api first`);
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

export async function emptyDatabase(url = DATABASE_URL): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  const admin = new DataSource({ type: 'mysql', url: `${u.protocol}//${u.username}${u.password ? ':' + u.password : ''}@${u.host}/` });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.destroy();
}

/** Settings every process of one test cluster shares: keys, database, Redis prefix, anchor file. */
export function clusterEnv(extra: Record<string, string> = {}): { env: Record<string, string>; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'zczr-cluster-state-'));
  const env = {
    NODE_ENV: 'test',
    DEMO_MODE: 'true',
    DATA_DIR: dir,
    DATABASE_URL,
    REDIS_URL,
    REDIS_PREFIX: `zczr-state-test-${randomBytes(4).toString('hex')}`,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    HASH_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    AUDIT_ANCHOR_PATH: join(dir, 'audit-anchor.json'),
    DEMO_HOUSEHOLDS: '20',
    DEMO_ACTIVITY: 'false',
    OCR_WORKERS: '0',
    SCREENING_WORKERS: '0',
    MONITORING_SCHEDULER: 'false',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    ...extra,
  };
  return { env, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ApiProcess {
  url: string;
  proc: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `node dist/main.js` and waits until its health endpoint answers (any status). */
export async function startApi(env: Record<string, string>, name: string): Promise<ApiProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, [MAIN], {
    cwd: API_DIR,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${name} exited with ${proc.exitCode}:\n${out}`);
    try {
      await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${name} did not answer within 90 s:\n${out}`);
      await sleep(250);
    }
  }
  return {
    url,
    proc,
    output: () => out,
    stop: async () => {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface Proxy {
  port: number;
  /** Stops accepting and cuts every open connection (the service looks gone). */
  down: () => Promise<void>;
  /** Listens again on the same port. */
  up: () => Promise<void>;
  close: () => Promise<void>;
}

/** A TCP proxy to 127.0.0.1:targetPort that a test can take down and bring back. */
export async function tcpProxy(targetPort: number): Promise<Proxy> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const up = async (): Promise<void> => {
    if (server) return;
    server = createServer((client) => {
      const upstream = connect(targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
  };
  const down = async (): Promise<void> => {
    const s = server;
    server = null;
    for (const sock of sockets) sock.destroy();
    sockets.clear();
    if (s) await new Promise((r) => s.close(r));
  };
  await up();
  return { port, up, down, close: down };
}

/** JSON over fetch with a bearer token. */
export async function call(
  url: string,
  path: string,
  opts: { method?: string; token?: string; body?: unknown } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of many shapes, read by the tests
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${url}${path}`, {
    method: opts.method ?? 'GET',
    headers: { ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}), ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, headers: res.headers };
}

export async function demoToken(url: string, role: string): Promise<string> {
  const r = await call(url, '/api/v1/auth/demo-login', { method: 'POST', body: { role } });
  if (r.status !== 200) throw new Error(`demo-login ${role}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.accessToken as string;
}
