/**
 * The offline self-check: a few answers become an anonymous household snapshot, evaluated on the
 * phone with @zczr/eligibility. Only public policy definitions are fetched (once, then cached);
 * the answers never leave the phone.
 */
import {
  compilePolicy,
  createParameterResolver,
  evaluateHousehold,
  type CompiledPolicy,
  type EligibilityResult,
  type HouseholdSnapshot,
  type ParameterDefinition,
  type PolicyDefinition,
  type SnapshotMember,
} from '@zczr/eligibility';
import parameterSnapshot from '../generated/parameters.json';
import { api } from './api';
import { readStored, writeStored } from './storage';

const DEFS_KEY = 'zczr.policyDefinitions';
const MAX_AGE_MS = 7 * 24 * 3600_000;

interface CachedDefinitions {
  fetchedAt: number;
  definitions: PolicyDefinition[];
}

const snapshot = parameterSnapshot as { region: string; parameters: ParameterDefinition[] };
export const SELF_CHECK_REGION = snapshot.region;
const resolver = createParameterResolver(snapshot.parameters);
/** Chinese names of the parameters ("城乡低保标准"), for plain-language explanations. */
export const PARAMETER_LABELS: Readonly<Record<string, string>> = Object.fromEntries(snapshot.parameters.map((p) => [p.name, p.label]));

async function fetchDefinitions(): Promise<PolicyDefinition[]> {
  const list = await api.policies({});
  const out: PolicyDefinition[] = [];
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const code = list[next++].code;
      const d = await api.policy(code);
      out.push({ ...d.definition, references: [] });
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  const order = new Map(list.map((p, i) => [p.code, i]));
  return out.sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
}

let compiled: CompiledPolicy[] | null = null;

/** The policy library, compiled; from the phone's cache when fresh, else fetched (public data only). */
export async function loadPolicies(): Promise<{ policies: CompiledPolicy[]; fromCache: boolean }> {
  if (compiled) return { policies: compiled, fromCache: true };
  const cached = readStored<CachedDefinitions>(DEFS_KEY);
  let definitions: PolicyDefinition[];
  let fromCache = false;
  if (cached && Date.now() - cached.fetchedAt < MAX_AGE_MS) {
    definitions = cached.definitions;
    fromCache = true;
  } else {
    try {
      definitions = await fetchDefinitions();
      writeStored(DEFS_KEY, { fetchedAt: Date.now(), definitions });
    } catch (e) {
      if (!cached) throw e;
      definitions = cached.definitions; // stale but usable offline
      fromCache = true;
    }
  }
  const known = new Set(snapshot.parameters.map((p) => p.name));
  compiled = definitions.flatMap((d) => {
    try {
      return [compilePolicy(d, { knownParams: known })];
    } catch {
      return []; // a policy needing a parameter we do not have: left out of the estimate
    }
  });
  return { policies: compiled, fromCache };
}

export interface SelfCheckAnswers {
  elderly: number;
  adults: number;
  minors: number;
  monthlyIncome: number;
  deposits: number;
  homes: number;
  hasCar: boolean;
  seriousIllness: boolean;
  severeDisability: boolean;
  jobless: boolean;
  medical12m: number;
}

export const EMPTY_ANSWERS: SelfCheckAnswers = {
  elderly: 0,
  adults: 1,
  minors: 0,
  monthlyIncome: NaN,
  deposits: 0,
  homes: 1,
  hasCar: false,
  seriousIllness: false,
  severeDisability: false,
  jobless: false,
  medical12m: 0,
};

function birthDate(asOf: string, age: number): string {
  return `${Number(asOf.slice(0, 4)) - age}${asOf.slice(4, 7)}-01`;
}

export function toSnapshot(a: SelfCheckAnswers, asOf: string): HouseholdSnapshot {
  const members: SnapshotMember[] = [];
  const add = (m: Omit<SnapshotMember, 'relation' | 'coResident' | 'sex'>) =>
    members.push({
      relation: members.length === 0 ? 'head' : 'other',
      sex: members.length % 2 ? 'female' : 'male',
      coResident: true,
      disability: null,
      health: { chronicIllness: false, seriousIllness: false },
      ...m,
    });
  for (let i = 0; i < a.adults; i++)
    add({ birthDate: birthDate(asOf, 40), employment: a.jobless && i === 0 ? 'unemployed' : 'employed', labourCapacity: 'full' });
  for (let i = 0; i < a.elderly; i++) add({ birthDate: birthDate(asOf, 70), employment: 'retired', labourCapacity: 'none' });
  for (let i = 0; i < a.minors; i++) add({ birthDate: birthDate(asOf, 10), employment: 'student', education: 'primary', labourCapacity: 'none' });
  if (members.length > 0) {
    if (a.seriousIllness) members[0].health = { chronicIllness: false, seriousIllness: true };
    if (a.severeDisability) members[0].disability = { category: 4, grade: 1 };
  }
  // Children of the head, so the household is not read as minors without a parent.
  for (const m of members) if (m.relation === 'other' && m.birthDate > birthDate(asOf, 18)) m.relation = 'child';
  for (const m of members) if (m.relation === 'other') m.relation = m.employment === 'retired' ? 'parent' : 'spouse';
  return {
    regionCode: SELF_CHECK_REGION,
    members,
    incomes: [{ type: 'wage', monthlyAmount: a.monthlyIncome }],
    assets: [
      { type: 'deposit', value: a.deposits },
      ...Array.from({ length: a.homes }, () => ({ type: 'home' as const })),
      ...(a.hasCar ? [{ type: 'vehicle' as const }] : []),
    ],
    expenses: a.medical12m > 0 ? [{ type: 'medical_self_paid', amount12m: a.medical12m }] : [],
    hardships: [],
    benefits: [],
  };
}

export function selfCheck(policies: CompiledPolicy[], a: SelfCheckAnswers, asOf: string): EligibilityResult[] {
  return evaluateHousehold(policies, toSnapshot(a, asOf), { asOf, parameters: resolver });
}

export function todayInChina(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
