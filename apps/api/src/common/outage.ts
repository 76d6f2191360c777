import type { ErrorCode } from './errors.js';

/** Seconds a client is asked to wait (Retry-After) when the database or Redis is unreachable. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** Error codes of Node sockets, mysql2 and SQLite that mean "the database cannot be reached now", not "the query is wrong". */
const DATABASE_DOWN = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_NORMAL_SHUTDOWN',
  'ER_SHUTDOWN_COMPLETE',
  'ER_CONNECTION_KILLED',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_CLIENT_INTERACTION_TIMEOUT',
  'CR_SERVER_GONE_ERROR',
  'CR_SERVER_LOST',
  'CR_CONNECTION_ERROR',
  'CR_CONN_HOST_ERROR',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

const DATABASE_DOWN_MESSAGES = [
  /connection lost/i,
  /Pool is closed/i,
  /Can't add new command when connection is in closed state/i,
  /connect ETIMEDOUT/i,
  /Too many connections/i,
  // This process is shutting down: a request still in flight is answered 503 (a load balancer
  // retries it on another process), not 500.
  /read pool closed/i,
  /SQLite write worker closed/i,
  /The database connection is not open/i,
];

const REDIS_DOWN_MESSAGES = [/Stream isn't writeable/i, /Connection is closed/i, /MaxRetriesPerRequest/i, /Command timed out/i, /ECONNREFUSED.*6379/];

function codesOf(e: unknown): { code?: string; message: string; fatal?: boolean; name?: string }[] {
  const out: Array<{ code?: string; message: string; fatal?: boolean; name?: string }> = [];
  let cur: unknown = e;
  for (let depth = 0; cur && typeof cur === 'object' && depth < 4; depth++) {
    const o = cur as { code?: unknown; message?: unknown; fatal?: unknown; name?: unknown; driverError?: unknown; cause?: unknown };
    out.push({
      code: typeof o.code === 'string' ? o.code : undefined,
      message: typeof o.message === 'string' ? o.message : '',
      fatal: o.fatal === true,
      name: typeof o.name === 'string' ? o.name : undefined,
    });
    cur = o.driverError ?? o.cause;
  }
  return out;
}

/**
 * Which part is down when an unexpected error is an outage (database or Redis unreachable), so the
 * client gets 503 with a stable code and Retry-After instead of a bare 500; null for anything else.
 */
export function outageOf(e: unknown): Extract<ErrorCode, 'DATABASE_UNAVAILABLE' | 'CACHE_UNAVAILABLE'> | null {
  const chain = codesOf(e);
  if (chain.some((c) => c.name === 'MaxRetriesPerRequestError' || REDIS_DOWN_MESSAGES.some((r) => r.test(c.message)))) return 'CACHE_UNAVAILABLE';
  if (chain.some((c) => (c.code && DATABASE_DOWN.has(c.code)) || c.fatal || DATABASE_DOWN_MESSAGES.some((r) => r.test(c.message))))
    return 'DATABASE_UNAVAILABLE';
  return null;
}
