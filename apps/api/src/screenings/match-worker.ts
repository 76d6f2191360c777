/**
 * A screening worker thread: decrypts household snapshots, derives their facts and evaluates every
 * published policy, so the main thread only reads and writes the database. Started by MatchPool.
 */
import {
  compilePolicy,
  createParameterResolver,
  deriveFacts,
  type HouseholdSnapshot,
  type ParameterDefinition,
  type PolicyDefinition,
} from '@zczr/eligibility';
import { parentPort, workerData } from 'node:worker_threads';
import { FieldCipher } from '../crypto/field-cipher.js';
import { matchBatch } from './match-batch.js';

export interface MatchWorkerData {
  policies: Array<{ definition: PolicyDefinition; version: number }>;
  parameters: ParameterDefinition[];
  encryptionKey: string;
  hashKey: string;
  asOf: string;
}

export interface MatchInput {
  id: string;
  snapshotEnc: string;
}

const data = workerData as MatchWorkerData;
const cipher = new FieldCipher(Buffer.from(data.encryptionKey, 'base64'), Buffer.from(data.hashKey, 'base64'));
const compiled = data.policies.map((p) => compilePolicy(p.definition, { version: p.version }));
const resolve = createParameterResolver(data.parameters);

parentPort!.on('message', (batch: MatchInput[]) => {
  const out = matchBatch(
    batch.map((h) => cipher.decryptJson<HouseholdSnapshot>(h.snapshotEnc)),
    (snapshot) => {
      const params = resolve(snapshot.regionCode, data.asOf);
      return { facts: deriveFacts(snapshot, { asOf: data.asOf, params }), params };
    },
    compiled,
  );
  // The typed arrays move to the main thread rather than being copied.
  parentPort!.postMessage(out, [out.numeric.buffer, out.outcomes.buffer]);
});
