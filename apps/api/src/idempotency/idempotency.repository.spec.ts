import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type Repository } from 'typeorm';
import { Transactor } from '../database/transactor.js';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';
import { IdempotencyRepository } from './idempotency.repository.js';

describe('IdempotencyRepository.claim', () => {
  let dir: string;
  let ds: DataSource;
  let tx: Transactor;
  let repo: IdempotencyRepository;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zczr-idem-'));
    ds = new DataSource({ type: 'better-sqlite3', database: join(dir, 'i.sqlite'), entities: [IdempotencyRecordEntity] });
    await ds.initialize();
    await ds.query(
      'CREATE TABLE idempotency_record (id VARCHAR(64) PRIMARY KEY, requestHash VARCHAR(64) NOT NULL, statusCode INT NULL, responseEnc TEXT NULL, createdAt VARCHAR(30) NOT NULL)',
    );
    tx = new Transactor(ds);
    repo = new IdempotencyRepository(ds.getRepository(IdempotencyRecordEntity) as Repository<IdempotencyRecordEntity>, tx);
  });

  afterAll(async () => {
    await tx.onApplicationShutdown().catch(() => undefined);
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('claims a key once: the second claim of the same key is refused, not an error', async () => {
    const at = new Date().toISOString();
    expect(await Promise.all([repo.claim('k1', 'h', at), repo.claim('k1', 'h', at)])).toEqual([true, false]);
    await repo.complete('k1', 201, 'enc');
    expect(await repo.find('k1')).toMatchObject({ statusCode: 201, responseEnc: 'enc' });
  });

  it('a database that cannot write is an error (answered 503), never taken for a key already claimed', async () => {
    await tx.onApplicationShutdown();
    await expect(repo.claim('k2', 'h', new Date().toISOString())).rejects.toThrow(/write worker closed/);
  });
});
