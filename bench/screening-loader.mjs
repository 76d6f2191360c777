// Worker for bench/screening.mjs: generates households [start, end) and encodes them exactly as the
// API stores them (HouseholdCodec with the run's keys), one batch at a time, waiting for the main
// thread to insert each batch before making the next.
import { parentPort, workerData } from 'node:worker_threads';
import { generateHouseholds } from '@zczr/demo-data';
import { FieldCipher } from '../apps/api/dist/crypto/field-cipher.js';
import { HouseholdCodec, memberRecordOf } from '../apps/api/dist/households/household-codec.js';
import { addressGramRows } from '../apps/api/dist/households/address-grams.js';

const { seed, start, end, encryptionKey, hashKey, gridsByCommunity, batch, now } = workerData;
const codec = new HouseholdCodec(new FieldCipher(Buffer.from(encryptionKey, 'base64'), Buffer.from(hashKey, 'base64')));
// Spread over the last year, one household every ~30 s, so a list ordered by update time has no ties.
const base = Date.parse(now) - 365 * 86400000;
const stamp = (i) => new Date(base + ((i * 31_536) % (365 * 86400000))).toISOString();
const waitForNext = () => new Promise((resolve) => parentPort.once('message', resolve));

let hs = [];
let ms = [];
let gs = [];
let n = start;
for (const d of generateHouseholds({ seed, count: end - start, startIndex: start })) {
  const grids = gridsByCommunity[d.communityCode];
  const grid = grids[d.gridIndex % grids.length];
  const members = d.members.map(memberRecordOf);
  const content = {
    address: d.address,
    gridId: grid.id,
    members,
    incomes: d.incomes,
    assets: d.assets,
    expenses: d.expenses,
    hardships: d.hardships,
    benefits: d.benefits,
  };
  const id = `${String(n).padStart(8, '0')}-0000-4000-8000-${String(seed).padStart(12, '0')}`;
  hs.push({
    id,
    status: 'active',
    version: 1,
    districtCode: grid.districtCode,
    streetCode: grid.streetCode,
    communityCode: grid.communityCode,
    gridId: grid.id,
    ...codec.columns(content, grid.communityCode),
    consentId: id,
    createdBy: 'bench',
    createdAt: stamp(n),
    updatedAt: stamp(n),
  });
  ms.push(...codec.encodeMembers(id, members));
  gs.push(...addressGramRows(id, d.address));
  n++;
  if (hs.length >= batch) {
    parentPort.postMessage({ hs, ms, gs });
    hs = [];
    ms = [];
    gs = [];
    await waitForNext();
  }
}
parentPort.postMessage({ hs, ms, gs, done: true });
