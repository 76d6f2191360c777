/**
 * Audit tampering: each attack runs inside a transaction that is rolled back, and the chain read
 * through that transaction must fail verification. Before the keyed, anchored chain, all but the
 * one-row edit verified as intact.
 */
import { jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signAnchor, writeAnchor } from '../../src/audit/audit-chain.js';
import type { EntityManager } from 'typeorm';
import { AuditLogEntity } from '../../src/audit/audit-log.entity.js';
import { AuditService, verifyStoredChain } from '../../src/audit/audit.service.js';
import { UsersRepository } from '../../src/auth/users.repository.js';
import { Clock } from '../../src/common/time.js';
import { Transactor } from '../../src/database/transactor.js';
import { bearer, startTestApp, type TestApp } from '../harness.js';

describe('audit chain: keyed and anchored', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DEMO_HOUSEHOLDS: '10', DEMO_ACTIVITY: 'false' });
    const audit = t.app.get(AuditService);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        audit.record({ userId: 'tester', role: 'admin', ip: null }, { action: 'test.read', entityType: 'household', entityId: `h-${i}` }),
      ),
    );
    await audit.checkpoint();
  });
  afterAll(() => t.close());

  async function attacked(attack: (m: EntityManager) => Promise<void>) {
    const qr = t.dataSource.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      await attack(qr.manager);
      return await verifyStoredChain(qr.manager.getRepository(AuditLogEntity), t.config);
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  }
  const rows = (m: EntityManager) => m.getRepository(AuditLogEntity).find({ order: { id: 'ASC' } });

  it('the untouched chain verifies, through the API too', async () => {
    const r = await attacked(async () => undefined);
    expect(r).toEqual({ ok: true, checked: expect.any(Number) as number });
    const api = await t
      .http()
      .get('/api/v1/audit-logs/verify')
      .set(bearer(await t.tokenFor('audit_admin')))
      .expect(200);
    expect(api.body.ok).toBe(true);
  });

  it('writes every group commit with one statement text (the ids are parameters, not part of the SQL)', async () => {
    // TypeORM wrote a given generated id into the INSERT's text: a new statement to prepare at every
    // commit, each pushing a useful one out of the statement cache.
    const tx = t.app.get(Transactor);
    const seen: string[] = [];
    const original = tx.batch.bind(tx);
    const spy = jest.spyOn(tx, 'batch').mockImplementation((statements) =>
      original(() => {
        const list = [...statements()];
        for (const st of list) if (/^INSERT INTO [`"]audit_log[`"]/.test(st.sql)) seen.push(st.sql);
        return list;
      }),
    );
    try {
      const audit = t.app.get(AuditService);
      for (let i = 0; i < 3; i++)
        await audit.record({ userId: 'tester', role: 'admin', ip: null }, { action: 'test.read', entityType: 'household', entityId: `s-${i}` });
      await audit.checkpoint();
    } finally {
      spy.mockRestore();
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(1);
    const r = await attacked(async () => undefined);
    expect(r.ok).toBe(true);
  });

  it('two writers appending in turn (as two API processes would) leave one chain: each chains again to the head the other moved', async () => {
    const first = t.app.get(AuditService);
    const second = new AuditService(t.dataSource.getRepository(AuditLogEntity), t.app.get(Clock), t.app.get(Transactor), t.app.get(UsersRepository), t.config);
    const before = await first.storedHead();
    const actor = { userId: 'tester', role: 'admin' as const, ip: null };
    for (let i = 0; i < 4; i++) {
      // Each one's view of the head is stale by the other's last entry.
      await first.record(actor, { action: 'test.read', entityType: 'household', entityId: `p1-${i}` });
      await second.record(actor, { action: 'test.read', entityType: 'household', entityId: `p2-${i}` });
    }
    await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => first.record(actor, { action: 'test.read', entityType: 'household', entityId: `c1-${i}` })),
      ...Array.from({ length: 5 }, (_, i) => second.record(actor, { action: 'test.read', entityType: 'household', entityId: `c2-${i}` })),
    ]);
    await first.checkpoint();
    second.onApplicationShutdown();
    const after = await first.storedHead();
    expect(after.count).toBe(before.count + 18);
    expect(after.lastId).toBe(before.lastId + 18);
    const r = await attacked(async () => undefined);
    expect(r.ok).toBe(true);
  });

  it('detects a one-row edit', async () => {
    const r = await attacked(async (m) => {
      const [, second] = await rows(m);
      await m.getRepository(AuditLogEntity).update({ id: second!.id }, { detail: '{"forged":true}' });
    });
    expect(r).toMatchObject({ ok: false, reason: 'edited' });
  });

  it('detects an edit with every following hash recomputed without the key', async () => {
    const r = await attacked(async (m) => {
      const all = await rows(m);
      let prev = all[0]!.hash;
      for (const e of all.slice(1)) {
        const detail = e.id === all[1]!.id ? '{"forged":true}' : e.detail;
        const hash = createHash('sha256')
          .update(JSON.stringify([prev, e.at, e.actorId, e.actorRole, e.action, e.entityType, e.entityId, e.householdId, e.ip, detail]))
          .digest('hex');
        await m.getRepository(AuditLogEntity).update({ id: e.id }, { detail, prevHash: prev, hash });
        prev = hash;
      }
    });
    expect(r).toMatchObject({ ok: false, reason: 'edited' });
  });

  it('detects deletion of the last rows', async () => {
    const r = await attacked(async (m) => {
      const all = await rows(m);
      for (const e of all.slice(-3)) await m.getRepository(AuditLogEntity).delete({ id: e.id });
    });
    expect(r).toMatchObject({ ok: false, reason: 'truncated' });
  });

  it('detects deletion of every row', async () => {
    const r = await attacked(async (m) => {
      await m.createQueryBuilder().delete().from(AuditLogEntity).execute();
    });
    expect(r).toMatchObject({ ok: false, reason: 'truncated' });
  });

  it('detects a row removed from the middle', async () => {
    const r = await attacked(async (m) => {
      const all = await rows(m);
      await m.getRepository(AuditLogEntity).delete({ id: all[3]!.id });
    });
    expect(r).toMatchObject({ ok: false, reason: 'gap' });
  });

  it('detects a forged anchor', async () => {
    const original = readFileSync(t.config.auditAnchorPath, 'utf8');
    try {
      writeFileSync(t.config.auditAnchorPath, JSON.stringify({ ...JSON.parse(original), count: 1 }));
      const r = await attacked(async () => undefined);
      expect(r).toMatchObject({ ok: false, reason: 'anchor_forged' });
    } finally {
      writeFileSync(t.config.auditAnchorPath, original);
    }
  });
  it("holds the chain against another host's anchor too: an older head verifies, a forged or longer one does not", async () => {
    const all = await t.dataSource.getRepository(AuditLogEntity).find({ order: { id: 'ASC' } });
    const dir = mkdtempSync(join(tmpdir(), 'zczr-anchor-'));
    try {
      const other = join(dir, 'host-b.json');
      const mid = all[Math.floor(all.length / 2)]!;
      const midIndex = all.indexOf(mid) + 1;
      writeAnchor(other, signAnchor(t.config.auditKey, { lastId: mid.id, hash: mid.hash, count: midIndex, at: new Date().toISOString() }));
      expect(await verifyStoredChain(t.dataSource.getRepository(AuditLogEntity), t.config, [other])).toMatchObject({ ok: true });
      // A head the chain never passed through (another MAC at that id).
      writeAnchor(other, signAnchor(t.config.auditKey, { lastId: mid.id, hash: 'f'.repeat(64), count: midIndex, at: new Date().toISOString() }));
      expect(await verifyStoredChain(t.dataSource.getRepository(AuditLogEntity), t.config, [other])).toMatchObject({ ok: false, reason: 'edited' });
      // A host that saw more entries than the table holds now: rows were deleted.
      writeAnchor(
        other,
        signAnchor(t.config.auditKey, { lastId: all[all.length - 1]!.id + 5, hash: 'e'.repeat(64), count: all.length + 5, at: new Date().toISOString() }),
      );
      expect(await verifyStoredChain(t.dataSource.getRepository(AuditLogEntity), t.config, [other])).toMatchObject({ ok: false, reason: 'truncated' });
      writeFileSync(other, JSON.stringify({ lastId: mid.id, hash: mid.hash, count: midIndex, at: 'x', mac: '00' }));
      expect(await verifyStoredChain(t.dataSource.getRepository(AuditLogEntity), t.config, [other])).toMatchObject({ ok: false, reason: 'anchor_forged' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the head in the database: the stored head is the last entry, and an anchor never moves backwards', async () => {
    const audit = t.app.get(AuditService);
    await audit.record({ userId: 'tester', role: 'admin', ip: null }, { action: 'test.read', entityType: 'household', entityId: 'h-last' });
    await audit.checkpoint();
    const [last] = await t.dataSource.getRepository(AuditLogEntity).find({ order: { id: 'DESC' }, take: 1 });
    const head = await audit.storedHead();
    expect(head).toEqual({ lastId: last!.id, hash: last!.hash, count: await t.dataSource.getRepository(AuditLogEntity).count() });
    const before = readFileSync(t.config.auditAnchorPath, 'utf8');
    writeAnchor(t.config.auditAnchorPath, signAnchor(t.config.auditKey, { lastId: 1, hash: 'a'.repeat(64), count: 1, at: new Date().toISOString() }), {
      key: t.config.auditKey,
    });
    expect(readFileSync(t.config.auditAnchorPath, 'utf8')).toBe(before);
  });
});

describe('sensitive reads are on record', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DEMO_HOUSEHOLDS: '10', DEMO_ACTIVITY: 'false' });
  });
  afterAll(() => t.close());

  it('a task, a consent and a risk record read leave an audit entry each', async () => {
    const district = await t.tokenFor('district_reviewer');
    const list = await t.http().get('/api/v1/households').set(bearer(district)).expect(200);
    const hid = list.body.items[0].id as string;
    const detail = await t.http().get(`/api/v1/households/${hid}`).set(bearer(district)).expect(200);
    const task = await t.http().post('/api/v1/tasks').set(bearer(district)).send({ householdId: hid }).expect(201);
    await t.http().get(`/api/v1/tasks/${task.body.id}`).set(bearer(district)).expect(200);
    await t.http().get(`/api/v1/consents/${detail.body.consentId}`).set(bearer(district)).expect(200);
    await t.http().get(`/api/v1/risk/households/${hid}`).set(bearer(district)).expect(200);
    await t.app.get(AuditService).checkpoint();
    const actions = (await t.dataSource.getRepository(AuditLogEntity).find({ where: { householdId: hid } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['task.read', 'consent.read', 'risk.read']));
  });
});
