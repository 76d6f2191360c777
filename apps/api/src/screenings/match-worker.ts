/**
 * A screening worker thread: decrypts household snapshots, derives their facts and evaluates every
 * published policy, so the main thread only reads and writes the database. Started by MatchPool.
 */
import {
  compilePolicy,
  createParameterResolver,
  deriveFacts,
  type Facts,
  type HouseholdSnapshot,
  type ParameterDefinition,
  type PolicyDefinition,
} from '@zczr/eligibility';
import { parentPort, workerData } from 'node:worker_threads';
import { FieldCipher } from '../crypto/field-cipher.js';

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

export interface MatchOutput {
  id: string;
  regionCode: string;
  benefits: string[];
  facts: Facts;
  /** Per policy, in library order: 0 ineligible, 1 eligible, 2 unknown. */
  outcomes: Uint8Array;
  /** Missing facts of the unknown results, by policy index. */
  missing: Record<number, readonly string[]>;
}

const data = workerData as MatchWorkerData;
const cipher = new FieldCipher(Buffer.from(data.encryptionKey, 'base64'), Buffer.from(data.hashKey, 'base64'));
const compiled = data.policies.map((p) => compilePolicy(p.definition, { version: p.version }));
const resolve = createParameterResolver(data.parameters);

parentPort!.on('message', (batch: MatchInput[]) => {
  const out: MatchOutput[] = batch.map((h) => {
    const snapshot = cipher.decryptJson<HouseholdSnapshot>(h.snapshotEnc);
    const params = resolve(snapshot.regionCode, data.asOf);
    const facts = deriveFacts(snapshot, { asOf: data.asOf, params });
    const outcomes = new Uint8Array(compiled.length);
    const missing: Record<number, readonly string[]> = {};
    compiled.forEach((p, i) => {
      const r = p.evaluate(facts, params);
      outcomes[i] = r.outcome === 'eligible' ? 1 : r.outcome === 'unknown' ? 2 : 0;
      if (r.outcome === 'unknown') missing[i] = r.missing;
    });
    return { id: h.id, regionCode: snapshot.regionCode, benefits: snapshot.benefits.map((b) => b.policyCode), facts, outcomes, missing };
  });
  parentPort!.postMessage(out);
});
