/**
 * Several signers per consent (经济状况核对授权): every co-resident adult of the household signs
 * beside the person who consented. Their ID numbers are stored encrypted and answered masked; a
 * missing adult leaves the consent valid but the economic check incomplete, with who is missing.
 */
import type { TestApp } from './harness.js';
import { bearer, startTestApp } from './harness.js';
import {
  chinaDay,
  freshIdNumber,
  giveConsent,
  householdBody,
  otherStreetPlacement,
  person,
  workerPlacement,
  type Placement,
  type PersonFixture,
} from './fixtures.js';

/** This year in China: the minors below are born some years before it, so they stay minors whatever the year. */
const YEAR = Number(chinaDay(0).slice(0, 4));

const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

interface EconomicCheck {
  status: string;
  statusLabel: string;
  adults: number | null;
  signed: number;
  missing: Array<{ name: string; relation: string; relationLabel: string; age: number }>;
}
interface Signer {
  name: string;
  relation: string;
  relationLabel: string;
  idNumber: string;
  hasSignature: boolean;
  signatureImage?: string | null;
}
interface Consent {
  id: string;
  signers: Signer[];
  economicCheck: EconomicCheck;
}

describe('consent signers (issue 16)', () => {
  let t: TestApp;
  let place: Placement;
  let worker: string;
  let street: string;

  beforeAll(async () => {
    t = await startTestApp();
    place = await workerPlacement(t);
    worker = await t.tokenFor('grid_worker');
    street = await t.tokenFor('street_reviewer');
  });
  afterAll(() => t.close());

  const signer = (p: PersonFixture, relation = 'spouse') => ({ name: p.name, relation, idNumber: p.idNumber, signatureImage: SIGNATURE });

  async function collect(
    head: PersonFixture,
    others: PersonFixture[],
    signers: Array<Record<string, unknown>>,
  ): Promise<{ consentId: string; householdId: string }> {
    const consentId = await giveConsent(t, worker, head, { signers });
    const res = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(worker))
      .send(householdBody(consentId, place, head, others));
    expect(res.status).toBe(201);
    return { consentId, householdId: (res.body as { household: { id: string } }).household.id };
  }

  it('two signers: both adults signed, the economic check is authorised; ID numbers masked, encrypted at rest', async () => {
    const head = person('贺建国', 1970);
    const spouse = person('贺秀兰', 1972, true);
    const { consentId, householdId } = await collect(head, [spouse], [signer(spouse)]);

    const seen = await t.http().get(`/api/v1/consents/${consentId}`).set(bearer(worker)).expect(200);
    const c = seen.body as Consent;
    expect(c.signers).toHaveLength(1);
    expect(c.signers[0]).toMatchObject({ name: '贺秀兰', relation: 'spouse', relationLabel: '配偶', hasSignature: true });
    expect(c.signers[0]!.idNumber).toMatch(/^\d{6}\*+\d{3}[\dX]$/);
    expect(c.signers[0]!.idNumber).not.toBe(spouse.idNumber);
    expect(c.signers[0]).not.toHaveProperty('signatureImage');
    expect(c.economicCheck).toMatchObject({ status: 'complete', adults: 2, signed: 2, missing: [] });

    // The reviewer sees each signer's signature; the read is audited like the rest of the record.
    const rec = await t.http().get(`/api/v1/consents/of-household/${householdId}`).set(bearer(street)).expect(200);
    const r = rec.body as Consent;
    expect(r.signers[0]!.signatureImage).toBe(SIGNATURE);
    expect(r.economicCheck.status).toBe('complete');

    const rows = await t.dataSource.query<Array<{ idNumberEnc: string; signatureEnc: string }>>(
      'SELECT idNumberEnc, signatureEnc FROM consent_signer WHERE consentId = ?',
      [consentId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.idNumberEnc).not.toContain(spouse.idNumber);
    expect(rows[0]!.signatureEnc).not.toContain('iVBOR');
  });

  it('a co-resident adult who did not sign: consent recorded, economic check incomplete, the reviewer sees who is missing', async () => {
    const head = person('沈福贵', 1960);
    const adultChild = person('沈小军', 1995);
    const minor = { name: '沈豆豆', idNumber: freshIdNumber(YEAR - 10) };
    const { consentId, householdId } = await collect(head, [adultChild, minor], []);

    const c = (await t.http().get(`/api/v1/consents/${consentId}`).set(bearer(worker)).expect(200)).body as Consent;
    expect(c.economicCheck.status).toBe('incomplete');
    expect(c.economicCheck.adults).toBe(2);
    expect(c.economicCheck.signed).toBe(1);
    expect(c.economicCheck.missing.map((m) => m.name)).toEqual(['沈小军']);
    expect(c.economicCheck.missing[0]).toMatchObject({ relation: 'child', relationLabel: '子女' });
    expect(c.economicCheck.statusLabel).toContain('不完整');

    const r = (await t.http().get(`/api/v1/consents/of-household/${householdId}`).set(bearer(street)).expect(200)).body as Consent;
    expect(r.economicCheck.missing.map((m) => m.name)).toEqual(['沈小军']);
  });

  it('before the household is on file the adults are unknown; without the economic-check purpose nothing is required', async () => {
    const p = person('邹德明', 1966);
    const awaiting = (
      await t
        .http()
        .get(`/api/v1/consents/${await giveConsent(t, worker, p)}`)
        .set(bearer(worker))
        .expect(200)
    ).body as Consent;
    expect(awaiting.economicCheck).toMatchObject({ status: 'awaiting_household', adults: null });
    const q = person('邹德华', 1968);
    const id = await giveConsent(t, worker, q, { purposes: ['assistance_assessment'] });
    const plain = (await t.http().get(`/api/v1/consents/${id}`).set(bearer(worker)).expect(200)).body as Consent;
    expect(plain.economicCheck.status).toBe('not_requested');
  });

  it('refuses a minor, a person signing twice, a signer without signature, too many signers and an oversized signature', async () => {
    const head = person('闵志强', 1975);
    const post = (signers: unknown[]) =>
      t
        .http()
        .post('/api/v1/consents')
        .set(bearer(worker))
        .send({
          subjectName: head.name,
          subjectIdNumber: head.idNumber,
          purposes: ['assistance_assessment', 'economic_check'],
          sensitiveData: true,
          textVersion: '2026-11',
          method: 'in_person_signature',
          signatureImage: SIGNATURE,
          signers,
        });
    const minor = await post([signer({ name: '闵小雨', idNumber: freshIdNumber(YEAR - 12) }, 'child')]);
    expect(minor.status).toBe(400);
    expect(minor.body.code).toBe('CONSENT_SIGNER_MINOR');
    const twice = await post([signer(head)]);
    expect(twice.status).toBe(400);
    expect(twice.body.code).toBe('CONSENT_SIGNER_DUPLICATE');
    const spouse = person('闵丽', 1976, true);
    const again = await post([signer(spouse), signer(spouse)]);
    expect(again.body.code).toBe('CONSENT_SIGNER_DUPLICATE');
    const unsigned = await post([{ name: spouse.name, relation: 'spouse', idNumber: spouse.idNumber }]);
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.code).toBe('VALIDATION_FAILED');
    const many = await post(Array.from({ length: 11 }, (_, i) => signer(person('闵众', 1970 + i))));
    expect(many.status).toBe(400);
    const huge = await post([{ ...signer(spouse), signatureImage: `data:image/png;base64,${'A'.repeat(50_000)}` }]);
    expect(huge.status).toBe(400);
    const badRelation = await post([{ ...signer(spouse), relation: 'boss' }]);
    expect(badRelation.status).toBe(400);
  });

  it('another street cannot read the record; withdrawal erases the signers’ signatures', async () => {
    const head = person('尤国庆', 1969);
    const spouse = person('尤桂芳', 1970, true);
    const { consentId, householdId } = await collect(head, [spouse], [signer(spouse)]);
    // A household of another street, signed by two: the demo street reviewer gets the same 404 as for a missing one.
    const district = await t.tokenFor('district_reviewer');
    const elsewhere = await otherStreetPlacement(t);
    const a = person('甄永福', 1961);
    const b = person('甄秀珍', 1962, true);
    const otherConsent = await giveConsent(t, district, a, { signers: [signer(b)] });
    const created = await t
      .http()
      .post('/api/v1/households')
      .set(bearer(district))
      .send(householdBody(otherConsent, elsewhere, a, [b]))
      .expect(201);
    const otherId = (created.body as { household: { id: string } }).household.id;
    expect((await t.http().get(`/api/v1/consents/of-household/${otherId}`).set(bearer(street))).status).toBe(404);
    expect((await t.http().get(`/api/v1/consents/${otherConsent}`).set(bearer(worker))).status).toBe(404);
    expect((await t.http().get(`/api/v1/consents/of-household/${otherId}`).set(bearer(district))).status).toBe(200);
    await t.http().post(`/api/v1/consents/${consentId}/withdraw`).set(bearer(worker)).send({ reason: '本人当面提出撤回' }).expect(200);
    const rows = await t.dataSource.query<Array<{ signatureEnc: string | null }>>('SELECT signatureEnc FROM consent_signer WHERE consentId = ?', [consentId]);
    expect(rows[0]!.signatureEnc).toBeNull();
    const r = (await t.http().get(`/api/v1/consents/of-household/${householdId}`).set(bearer(street)).expect(200)).body as Consent;
    expect(r.signers[0]).toMatchObject({ hasSignature: false, signatureImage: null });
  });
});
