// Loads generated households (and their members) straight into the database, encoded exactly as the
// API stores them (HouseholdCodec with the app's keys): two worker threads generate and encrypt, the
// main thread inserts (with the address index, household_address_gram). Used by the screening benchmark and the cluster test.
import { Worker } from 'node:worker_threads';
import { RegionsRepository } from '../apps/api/dist/regions/regions.repository.js';
import { Transactor } from '../apps/api/dist/database/transactor.js';

const HOUSEHOLD_COLUMNS = [
  'id',
  'status',
  'version',
  'districtCode',
  'streetCode',
  'communityCode',
  'gridId',
  'address',
  'headName',
  'memberCount',
  'consentId',
  'economics',
  'financialEnc',
  'snapshotEnc',
  'createdBy',
  'createdAt',
  'updatedAt',
];
const MEMBER_COLUMNS = [
  'id',
  'householdId',
  'position',
  'relation',
  'name',
  'idNumberEnc',
  'idNumberHash',
  'sex',
  'birthDate',
  'ethnicity',
  'phoneEnc',
  'education',
  'employment',
  'labourCapacity',
  'healthEnc',
  'disabilityEnc',
  'selfCareEnc',
  'coResident',
];

async function bulkInsert(ds, table, columns, rows) {
  if (rows.length === 0) return;
  const isMysql = ds.connection.options.type === 'mysql';
  const q = (c) => (isMysql ? `\`${c}\`` : `"${c}"`);
  const tuple = `(${columns.map(() => '?').join(',')})`;
  const params = [];
  for (const r of rows) for (const c of columns) params.push(typeof r[c] === 'boolean' ? (r[c] ? 1 : 0) : (r[c] ?? null));
  await ds.query(`INSERT INTO ${q(table)} (${columns.map(q).join(',')}) VALUES ${rows.map(() => tuple).join(',')}`, params);
}

/**
 * Loads `count` generated households (and their members) as the API would store them: two worker
 * threads generate and encrypt, the main thread inserts.
 */
export async function loadHouseholds(app, config, count, seed, { quiet = false, offset = 0 } = {}) {
  const tx = app.get(Transactor);
  const grids = await app.get(RegionsRepository).allGrids();
  const gridsByCommunity = {};
  for (const g of grids) (gridsByCommunity[g.communityCode] ??= []).push(g);
  const now = new Date().toISOString();
  const workers = 2;
  const per = Math.ceil(count / workers);
  let loaded = 0;
  let nextReport = 100000;
  const queue = [];
  let wake = null;
  const live = new Set();
  for (let w = 0; w < workers; w++) {
    const start = offset + w * per;
    const end = Math.min(offset + count, start + per);
    if (start >= end) continue;
    const worker = new Worker(new URL('./screening-loader.mjs', import.meta.url), {
      workerData: {
        seed,
        start,
        end,
        batch: 1000,
        now,
        gridsByCommunity,
        encryptionKey: config.encryptionKey.toString('base64'),
        hashKey: config.hashKey.toString('base64'),
      },
    });
    live.add(worker);
    worker.on('message', (msg) => {
      queue.push({ worker, msg });
      wake?.();
    });
    worker.on('error', (e) => {
      queue.push({ worker, error: e });
      wake?.();
    });
  }
  while (live.size > 0) {
    if (queue.length === 0) await new Promise((r) => (wake = r));
    wake = null;
    const item = queue.shift();
    if (!item) continue;
    if (item.error) throw item.error;
    const { hs, ms, gs, done } = item.msg;
    // Through the app's queue of writes, as the app writes: on SQLite the WAL is started over
    // between batches once past its limit (a transaction of its own here kept it growing: 37 GB
    // at 613,000 households).
    await tx.run(async (m) => {
      for (let i = 0; i < hs.length; i += 100) await bulkInsert(m, 'household', HOUSEHOLD_COLUMNS, hs.slice(i, i + 100));
      for (let i = 0; i < ms.length; i += 100) await bulkInsert(m, 'member', MEMBER_COLUMNS, ms.slice(i, i + 100));
      for (let i = 0; i < gs.length; i += 400) await bulkInsert(m, 'household_address_gram', ['gram', 'householdId'], gs.slice(i, i + 400));
    });
    loaded += hs.length;
    if (!quiet && loaded >= nextReport) {
      process.stdout.write(`  loaded ${loaded.toLocaleString()}\n`);
      nextReport += 100000;
    }
    if (done) {
      live.delete(item.worker);
      await item.worker.terminate();
    } else item.worker.postMessage('next');
  }
}
