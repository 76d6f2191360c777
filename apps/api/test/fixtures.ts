import { makeIdNumber } from '@zczr/id-card';
import type { TestApp } from './harness.js';
import { bearer } from './harness.js';

let counter = 0;

/** A fresh valid ID number (Beijing Chaoyang area code, so it never collides with Wenjiang demo data). */
export function freshIdNumber(birthYear = 1980, female = false): string {
  counter += 1;
  const day = 1 + (counter % 28);
  const month = 1 + (Math.floor(counter / 28) % 12);
  const seq = (Math.floor(counter / 336) % 400) * 2 + (female ? 0 : 1) + 100;
  return makeIdNumber('110105', `${birthYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, seq);
}

export interface Placement {
  communityCode: string;
  gridId: string;
  streetCode: string;
}

export async function workerPlacement(t: TestApp): Promise<Placement> {
  const token = await t.tokenFor('grid_worker');
  const res = await t.http().get('/api/v1/grids').set(bearer(token)).expect(200);
  const g = (res.body as Array<{ id: string; communityCode: string; streetCode: string }>)[0]!;
  return { communityCode: g.communityCode, gridId: g.id, streetCode: g.streetCode };
}

/** A community in another street than the demo street reviewer's. */
export async function otherStreetPlacement(t: TestApp): Promise<Placement> {
  const token = await t.tokenFor('admin');
  const mine = await workerPlacement(t);
  const res = await t.http().get('/api/v1/grids').set(bearer(token)).expect(200);
  const g = (res.body as Array<{ id: string; communityCode: string; streetCode: string }>).find((x) => x.streetCode !== mine.streetCode)!;
  return { communityCode: g.communityCode, gridId: g.id, streetCode: g.streetCode };
}

export interface PersonFixture {
  name: string;
  idNumber: string;
}

export function person(name: string, birthYear = 1980, female = false): PersonFixture {
  return { name, idNumber: freshIdNumber(birthYear, female) };
}

export async function giveConsent(t: TestApp, token: string, subject: PersonFixture, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t
    .http()
    .post('/api/v1/consents')
    .set(bearer(token))
    .send({
      subjectName: subject.name,
      subjectIdNumber: subject.idNumber,
      purposes: ['assistance_assessment', 'economic_check'],
      sensitiveData: true,
      textVersion: '2026-11',
      method: 'in_person_signature',
      signatureImage: 'data:image/png;base64,iVBORw0KGgo=',
      ...extra,
    });
  if (res.status !== 201) throw new Error(`consent failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

export function householdBody(consentId: string, place: Placement, head: PersonFixture, others: PersonFixture[] = []): Record<string, unknown> {
  return {
    consentId,
    address: '四川省成都市温江区测试路 1 号',
    communityCode: place.communityCode,
    gridId: place.gridId,
    members: [
      {
        relation: 'head',
        name: head.name,
        idNumber: head.idNumber,
        phone: '13800138000',
        employment: 'unemployed',
        labourCapacity: 'full',
        health: { chronicIllness: false, seriousIllness: false },
        coResident: true,
      },
      ...others.map((o) => ({
        relation: 'child',
        name: o.name,
        idNumber: o.idNumber,
        coResident: true,
        health: { chronicIllness: true, seriousIllness: true, diagnosis: '骨髓增生异常综合征（测试）' },
      })),
    ],
    incomes: [{ type: 'wage', monthlyAmount: 1200 }],
    assets: [{ type: 'deposit', value: 5000, bankAccount: '6222020200112233445' }],
    expenses: [{ type: 'medical_self_paid', amount12m: 30000 }],
    hardships: [],
    benefits: [],
  };
}

/** Staff create a household directly (active at once). */
export async function createHouseholdAsStaff(
  t: TestApp,
  place: Placement,
  head: PersonFixture,
  others: PersonFixture[] = [],
): Promise<{ id: string; version: number }> {
  const token = await t.tokenFor('district_reviewer');
  const consentId = await giveConsent(t, token, head);
  const res = await t
    .http()
    .post('/api/v1/households')
    .set(bearer(token))
    .send(householdBody(consentId, place, head, others));
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  const h = (res.body as { household: { id: string; version: number } }).household;
  return { id: h.id, version: h.version };
}

/** When this module was loaded: once per test file (jest loads the modules of each file afresh). */
const LOADED_AT = Date.now();

/**
 * A date `offset` days from today in China (UTC+8), as YYYY-MM-DD, "today" being the day the test
 * file started on: the same date every time it is asked for, even once China's midnight (16:00 UTC)
 * has passed while the file runs. A file that builds the same CSV twice, or names the same event in
 * two places, would otherwise get two different dates across midnight.
 */
export const chinaDay = (offset: number): string => new Date(LOADED_AT + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
