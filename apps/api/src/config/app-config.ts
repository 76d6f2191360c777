import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAttachmentStore, type AttachmentStoreConfig } from '../attachments/attachment-store.config.js';

/** Repository root: this file lives in apps/api/{src,dist}/config. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export type Retention = 'erase' | 'lock';

export interface DatabaseConfig {
  type: 'sqlite' | 'mysql';
  /** SQLite: absolute file path (or ':memory:'); MySQL: the URL. */
  location: string;
}

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  demoMode: boolean;
  dataDir: string;
  database: DatabaseConfig;
  encryptionKey: Buffer;
  hashKey: Buffer;
  /** HMAC key of the audit chain (AUDIT_KEY, else derived from HASH_KEY): kept outside the database. */
  auditKey: Buffer;
  /** Where the signed head of the audit chain is written (outside the database). */
  auditAnchorPath: string;
  jwtSecret: string;
  jwtAccessTtlSeconds: number;
  jwtRefreshTtlSeconds: number;
  wechat: {
    appId: string;
    secret: string;
    apiBase: string;
    /** 订阅消息 template ids (mp.weixin.qq.com → 订阅消息), and whether messages go out at all. */
    templates: { policyFound: string; statusChange: string };
    sendMessages: boolean;
    /** miniprogram_state of a message: which version of the mini-program it opens. */
    messageState: 'formal' | 'trial' | 'developer';
  };
  login: { maxFailures: number; lockoutMinutes: number; ratePerMinute: number };
  districtCode: string;
  /** activity: the demo also gets a first monitoring pass and pending reviews (≥ 200 households). */
  demo: { households: number; seed: number; activity: boolean };
  withdrawalRetention: Retention;
  logLevel: string;
  staticDirs: { admin: string; h5: string };
  bodyLimit: string;
  /** Deepest nesting a JSON body may have; deeper bodies are refused before they are parsed. */
  jsonMaxDepth: number;
  /** Express 'trust proxy': which hops may set X-Forwarded-For. Off unless a reverse proxy is named. */
  trustProxy: string | false;
  /** Who proves a resident's real name: WeChat's 人脸核身, or the demo stand-in (demo mode only). */
  realNameVerifier: 'wechat' | 'demo';
  /** Worker threads that match households during a screening (0 = in the main thread). */
  screeningWorkers: number;
  /** Department imports read, check, hash and encrypt rows in a worker thread (built API only). */
  importWorker: boolean;
  /** SQLite: worker threads with read-only connections that run the console's long reads off the event loop (0 = main thread). */
  readPoolSize: number;
  /** SQLite: past this size (MB) the WAL is started over (see `ReadPool`). */
  walLimitMb: number;
  /** Household list: a colour or category with at most this many households is read from its own index first. */
  listIndexFirstMax: number;
  /** Household list: for a deeper page, this many times the page's last row (see `leadLimit`); 0 keeps `listIndexFirstMax` at any depth. */
  listLeadPerRow: number;
  /** Console lists: matches counted exactly per request; above, a lower bound while the exact count runs in the background (`ReadPool.total`). */
  listCountCap: number;
  /**
   * OCR worker pool (0 = OCR off) and the time one document may take. `engine`: `paddle` reads
   * with PP-OCRv4 (one child process per worker) and re-reads numbers with tesseract.js;
   * `tesseract` reads with tesseract.js alone (less memory, weaker on other fonts and layouts).
   */
  ocr: { workers: number; timeoutMs: number; engine: 'paddle' | 'tesseract' };
  /** Uploaded images: bytes (multer limit) and decoded pixels (decompression bombs). */
  uploads: { maxBytes: number; maxPixels: number };
  attachments: AttachmentStoreConfig;
  /** Monitoring loop: task time limit and escalation step (working days), the monthly scheduler, import file size. */
  monitoring: { taskDueWorkingDays: number; escalationStepDays: number; scheduler: boolean; importMaxBytes: number };
  /** Redis (REDIS_URL): jobs go through BullMQ there; without it they run in this process. */
  redis: { url: string; prefix: string } | null;
  /** api: serves HTTP and enqueues jobs; worker: takes job shards, no HTTP; all: both (one process). */
  processRole: ProcessRole;
  /**
   * Households per job shard; data rows (records) per shard of a CSV import; shards taken by one
   * worker at a time; lock and stall check of a shard (BullMQ).
   */
  jobs: { shardSize: number; concurrency: number; importShardRows: number; lockMs: number; stalledCheckMs: number };
}

export type ProcessRole = 'api' | 'worker' | 'all';

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], def: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!(values as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
  return raw as T;
}

function bool(env: Env, name: string, def: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function key(env: Env, name: string, generated: string | undefined): Buffer {
  const raw = env[name] || generated;
  if (!raw) throw new ConfigError(`${name} is required outside demo mode (base64 of 32 random bytes)`);
  const buf = Buffer.from(raw, 'base64');
  if (buf.length !== 32) throw new ConfigError(`${name} must be base64 of exactly 32 bytes`);
  return buf;
}

function parseDatabase(url: string): DatabaseConfig {
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    try {
      new URL(url);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid URL`);
    }
    return { type: 'mysql', location: url.replace(/^mariadb:/, 'mysql:') };
  }
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file === ':memory:') return { type: 'sqlite', location: file };
    if (!file) throw new ConfigError('DATABASE_URL sqlite: needs a file path');
    return { type: 'sqlite', location: isAbsolute(file) ? file : resolve(REPO_ROOT, file) };
  }
  throw new ConfigError(`DATABASE_URL must start with sqlite: or mysql://, got "${url.replace(/\/\/[^@]*@/, '//***@')}"`);
}

function parseRedis(env: Env): { url: string; prefix: string } | null {
  const url = env.REDIS_URL;
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('REDIS_URL is not a valid URL');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new ConfigError('REDIS_URL must start with redis:// or rediss://');
  const prefix = env.REDIS_PREFIX || 'zczr';
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(prefix)) throw new ConfigError(`REDIS_PREFIX must be 1-40 letters, digits, - or _, got "${prefix}"`);
  return { url, prefix };
}

/** Demo mode keeps generated secrets in data/keys.json so a restart can still decrypt its data. */
function demoSecrets(dataDir: string): Record<string, string> {
  const file = resolve(dataDir, 'keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const secrets = {
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    HASH_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(32).toString('base64'),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Reads and validates the environment once, at boot. Throws ConfigError naming the bad setting. */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const demoMode = bool(env, 'DEMO_MODE', nodeEnv !== 'production');
  const dataDir = resolve(REPO_ROOT, env.DATA_DIR || 'data');
  const database = parseDatabase(env.DATABASE_URL || `sqlite:${resolve(dataDir, 'zczr.sqlite')}`);
  const secrets = demoMode ? demoSecrets(dataDir) : {};
  const jwtSecret = env.JWT_SECRET || secrets.JWT_SECRET;
  if (!jwtSecret || jwtSecret.length < 32) throw new ConfigError('JWT_SECRET is required and must be at least 32 characters');
  const districtCode = env.DISTRICT_CODE || '510115';
  if (!/^\d{6}$/.test(districtCode)) throw new ConfigError(`DISTRICT_CODE must be a 6-digit division code, got "${districtCode}"`);
  if (!demoMode && (!env.WECHAT_APPID || !env.WECHAT_SECRET)) throw new ConfigError('WECHAT_APPID and WECHAT_SECRET are required outside demo mode');
  if (!demoMode && env.REALNAME_VERIFIER === 'demo') throw new ConfigError('REALNAME_VERIFIER=demo is only allowed in demo mode');
  const host = env.HOST || '0.0.0.0';
  const bodyLimit = env.BODY_LIMIT || '1mb';
  const redis = parseRedis(env);
  const processRole = oneOf(env, 'PROCESS_ROLE', ['api', 'worker', 'all'] as const, 'all');
  if (processRole !== 'all' && !redis) throw new ConfigError(`PROCESS_ROLE=${processRole} needs REDIS_URL: without Redis one process does both`);
  if (processRole !== 'all' && database.type === 'sqlite')
    throw new ConfigError(`PROCESS_ROLE=${processRole} needs a shared database (DATABASE_URL=mysql://…): SQLite is one process's file`);
  if (!/^\d+(kb|mb)$/.test(bodyLimit)) throw new ConfigError(`BODY_LIMIT must look like 512kb or 1mb, got "${bodyLimit}"`);
  return {
    nodeEnv,
    host,
    port: int(env, 'PORT', 3000, 0, 65535),
    demoMode,
    dataDir,
    database,
    encryptionKey: key(env, 'ENCRYPTION_KEY', secrets.ENCRYPTION_KEY),
    hashKey: key(env, 'HASH_KEY', secrets.HASH_KEY),
    auditKey: env.AUDIT_KEY
      ? key(env, 'AUDIT_KEY', undefined)
      : createHmac('sha256', key(env, 'HASH_KEY', secrets.HASH_KEY))
          .update('zczr-audit-chain-v2')
          .digest(),
    auditAnchorPath: resolve(REPO_ROOT, env.AUDIT_ANCHOR_PATH || resolve(dataDir, 'audit-anchor.json')),
    jwtSecret,
    jwtAccessTtlSeconds: int(env, 'JWT_ACCESS_TTL', 900, 30, 86400),
    jwtRefreshTtlSeconds: int(env, 'JWT_REFRESH_TTL', 7 * 86400, 60, 90 * 86400),
    wechat: {
      appId: env.WECHAT_APPID || (demoMode ? 'wx-demo-appid' : ''),
      secret: env.WECHAT_SECRET || (demoMode ? 'demo-secret' : ''),
      apiBase: env.WECHAT_API_BASE || 'https://api.weixin.qq.com',
      templates: {
        policyFound: env.WECHAT_TEMPLATE_POLICY_FOUND || 'demo-tmpl-policy-found',
        statusChange: env.WECHAT_TEMPLATE_STATUS_CHANGE || 'demo-tmpl-status-change',
      },
      // A demo without a WeChat API of its own (no WECHAT_API_BASE) records messages but sends none: nothing leaves the machine.
      sendMessages: bool(env, 'WECHAT_SEND_MESSAGES', !demoMode || Boolean(env.WECHAT_API_BASE)),
      messageState: oneOf(env, 'WECHAT_MESSAGE_STATE', ['formal', 'trial', 'developer'] as const, 'formal'),
    },
    login: {
      maxFailures: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 100),
      lockoutMinutes: int(env, 'LOGIN_LOCKOUT_MINUTES', 15, 1, 1440),
      ratePerMinute: int(env, 'LOGIN_RATE_LIMIT', 20, 1, 10000),
    },
    districtCode,
    demo: {
      households: int(env, 'DEMO_HOUSEHOLDS', 3000, 0, 10_000_000),
      seed: int(env, 'DEMO_SEED', 20261101, 0, 2 ** 31),
      activity: bool(env, 'DEMO_ACTIVITY', true),
    },
    withdrawalRetention: oneOf(env, 'WITHDRAWAL_RETENTION', ['erase', 'lock'] as const, 'lock'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, nodeEnv === 'test' ? 'silent' : 'info'),
    staticDirs: {
      admin: resolve(REPO_ROOT, env.ADMIN_STATIC_DIR || 'apps/admin/dist'),
      h5: resolve(REPO_ROOT, env.H5_STATIC_DIR || 'apps/miniprogram/dist/h5'),
    },
    bodyLimit,
    jsonMaxDepth: int(env, 'JSON_MAX_DEPTH', 32, 4, 256),
    trustProxy: env.TRUST_PROXY ? env.TRUST_PROXY : false,
    realNameVerifier: oneOf(env, 'REALNAME_VERIFIER', ['wechat', 'demo'] as const, demoMode ? 'demo' : 'wechat'),
    screeningWorkers: int(env, 'SCREENING_WORKERS', 2, 0, 16),
    importWorker: bool(env, 'IMPORT_WORKER', true),
    readPoolSize: int(env, 'READ_POOL_SIZE', 2, 0, 16),
    walLimitMb: int(env, 'SQLITE_WAL_LIMIT_MB', 128, 1, 65_536),
    listIndexFirstMax: int(env, 'LIST_INDEX_FIRST_MAX', 10_000, 0, 10_000_000),
    listLeadPerRow: int(env, 'LIST_LEAD_PER_ROW', 6, 0, 1000),
    listCountCap: int(env, 'LIST_COUNT_CAP', 50_000, 1, 10_000_000),
    ocr: {
      workers: int(env, 'OCR_WORKERS', 2, 0, 16),
      timeoutMs: int(env, 'OCR_TIMEOUT_MS', 20_000, 1000, 600_000),
      engine: oneOf(env, 'OCR_ENGINE', ['paddle', 'tesseract'] as const, 'paddle'),
    },
    uploads: {
      maxBytes: int(env, 'UPLOAD_MAX_BYTES', 8 * 1024 * 1024, 1024, 100 * 1024 * 1024),
      maxPixels: int(env, 'UPLOAD_MAX_PIXELS', 40_000_000, 10_000, 1_000_000_000),
    },
    attachments: parseAttachmentStore(env, (message) => new ConfigError(message)),
    monitoring: {
      taskDueWorkingDays: int(env, 'TASK_DUE_WORKING_DAYS', 15, 1, 250),
      escalationStepDays: int(env, 'TASK_ESCALATION_STEP_DAYS', 3, 1, 60),
      scheduler: bool(env, 'MONITORING_SCHEDULER', nodeEnv !== 'test'),
      importMaxBytes: int(env, 'IMPORT_MAX_BYTES', 512 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024),
    },
    redis,
    processRole,
    jobs: {
      shardSize: int(env, 'JOB_SHARD_SIZE', 10_000, 10, 1_000_000),
      concurrency: int(env, 'JOB_CONCURRENCY', 2, 1, 8),
      importShardRows: int(env, 'IMPORT_SHARD_ROWS', 100_000, 1, 1_000_000),
      lockMs: int(env, 'JOB_LOCK_MS', 15_000, 1000, 600_000),
      stalledCheckMs: int(env, 'JOB_STALLED_CHECK_MS', 5_000, 500, 600_000),
    },
  };
}

/** Injection token for the typed configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
