import { QueryFailedError } from 'typeorm';
import { outageOf } from './outage.js';

const err = (fields: Record<string, unknown>, message = 'x'): Error => Object.assign(new Error(message), fields);

describe('outageOf', () => {
  it('tells an unreachable database from a bad query', () => {
    expect(outageOf(err({ code: 'ECONNREFUSED' }, 'connect ECONNREFUSED 127.0.0.1:3306'))).toBe('DATABASE_UNAVAILABLE');
    expect(outageOf(err({ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }, 'Connection lost: The server closed the connection.'))).toBe('DATABASE_UNAVAILABLE');
    expect(outageOf(new QueryFailedError('SELECT 1', [], err({ code: 'ECONNRESET', fatal: true })))).toBe('DATABASE_UNAVAILABLE');
    expect(outageOf(err({ code: 'SQLITE_BUSY' }))).toBe('DATABASE_UNAVAILABLE');
    // A process shutting down: its read pool and its SQLite connection are closed under a request.
    expect(outageOf(new Error('read pool closed'))).toBe('DATABASE_UNAVAILABLE');
    expect(outageOf(new TypeError('The database connection is not open'))).toBe('DATABASE_UNAVAILABLE');
    expect(outageOf(new QueryFailedError('SELECT x', [], err({ code: 'ER_BAD_FIELD_ERROR', errno: 1054 }, "Unknown column 'x'")))).toBeNull();
    expect(outageOf(err({ code: 'ER_DUP_ENTRY' }))).toBeNull();
  });

  it('tells an unreachable Redis', () => {
    expect(outageOf(err({}, "Stream isn't writeable and enableOfflineQueue options is false"))).toBe('CACHE_UNAVAILABLE');
    expect(outageOf(err({ name: 'MaxRetriesPerRequestError' }, 'Reached the max retries per request limit (which is 1).'))).toBe('CACHE_UNAVAILABLE');
    expect(outageOf(err({}, 'Command timed out'))).toBe('CACHE_UNAVAILABLE');
  });

  it('leaves everything else alone', () => {
    expect(outageOf(new TypeError('undefined is not a function'))).toBeNull();
    expect(outageOf('a string')).toBeNull();
    expect(outageOf(null)).toBeNull();
  });
});
