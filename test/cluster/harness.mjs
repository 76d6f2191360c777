// Shared harness for cluster tests: MariaDB + Redis on this machine, the built API started as several
// processes (scripts/cluster.mjs), a single-process reference app in this process, and helpers to
// read the database and drive the API. Other cluster suites (audit chain, disabled accounts, login
// rate limit across processes) start from `clusterSetup()` and `startCluster()` the same way.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDatabase, startCluster, startProxy } from '../../scripts/cluster.mjs';

export { startCluster, startProxy };

/**
 * Where a cluster test runs: its own database (CLUSTER_DB, default test_cluster), Redis DB and key
 * prefix (CLUSTER_REDIS_URL, default redis://127.0.0.1:6379/1; CLUSTER_REDIS_PREFIX), fresh keys
 * and a data directory shared by every process of the test.
 */
export async function clusterSetup(name = 'cluster') {
  const db = process.env.CLUSTER_DB || 'test_cluster';
  const databaseUrl = `${process.env.CLUSTER_MYSQL || 'mysql://root@127.0.0.1:3306'}/${db}`;
  const redisUrl = process.env.CLUSTER_REDIS_URL || 'redis://127.0.0.1:6379/1';
  const redisPrefix = `${process.env.CLUSTER_REDIS_PREFIX || 'zczr-cluster-test'}-${name}`;
  await ensureDatabase(databaseUrl, { drop: true });
  await clearRedis(redisUrl, redisPrefix);
  const dataDir = mkdtempSync(join(tmpdir(), `zczr-${name}-`));
  const env = {
    NODE_ENV: 'development',
    DEMO_MODE: 'true',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    OCR_WORKERS: '0',
    DEMO_HOUSEHOLDS: '0',
    DEMO_ACTIVITY: 'false',
    MONITORING_SCHEDULER: 'false',
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    HASH_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(32).toString('hex'),
  };
  return {
    databaseUrl,
    redisUrl,
    redisPrefix,
    env,
    dataDir,
    async cleanup() {
      await clearRedis(redisUrl, redisPrefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Deletes this test's keys only (SCAN by prefix; never FLUSHALL/FLUSHDB: Redis is shared). */
export async function clearRedis(url, prefix) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A mysql2 connection to the test's database, for assertions on stored rows. */
export async function sql(databaseUrl) {
  const { default: mysql } = await import('mysql2/promise');
  const u = new URL(databaseUrl);
  return mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  });
}

/**
 * The built app in this process on the same database, without Redis: one process does everything
 * (the single-process reference). `extraEnv` is merged over the setup's env.
 */
export async function referenceApp(setup, extraEnv = {}) {
  const { createApp } = await import('../../apps/api/dist/bootstrap.js');
  const { loadConfig } = await import('../../apps/api/dist/config/app-config.js');
  const config = loadConfig({ ...setup.env, DATABASE_URL: setup.databaseUrl, ...extraEnv });
  const app = await createApp(config);
  return { app, config };
}

export async function demoToken(base, role) {
  const r = await fetch(`${base}/api/v1/auth/demo-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role }) });
  if (!r.ok) throw new Error(`demo-login ${role} at ${base}: ${r.status} ${await r.text()}`);
  return (await r.json()).accessToken;
}

export async function api(base, token, method, path, body) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

/** Reads a server-sent-event stream to its end; returns the `progress` events' data. */
export async function readProgress(base, token, path) {
  const r = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!r.ok) throw new Error(`SSE ${path}: ${r.status}`);
  const text = await r.text();
  const events = [];
  for (const block of text.split('\n\n')) {
    const lines = block.split('\n');
    if (!lines.some((l) => l === 'event: progress')) continue;
    const data = lines
      .filter((l) => l.startsWith('data: '))
      .map((l) => l.slice(6))
      .join('\n');
    events.push(JSON.parse(data));
  }
  return events;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
