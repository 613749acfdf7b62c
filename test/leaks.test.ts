// What an agency must not learn from the platform's answers: whether a national ID is enrolled (an
// issuer), where a person lives (a certifier refused for being outside its area).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, ADMIN_TOKEN, auth, nextNationalId, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken, rowCounts } from './support/helpers.js';

describe.each(DB_KINDS)('no enrolment oracle, no home area to a refused certifier (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let khuangpao: string;
  let nongsarai: string;
  beforeAll(async () => {
    p = await openTestPlatform(kind);
    trc = await agencyToken(p.app, 'trc');
    khuangpao = await agencyToken(p.app, 'khuangpao');
    nongsarai = await agencyToken(p.app, 'nongsarai');
  });
  afterAll(async () => p?.cleanup());

  /** The answer without its correlation id: what the caller can compare. */
  const comparable = (res: { statusCode: number; json: () => { error: Record<string, unknown> } }) => {
    const { correlationId: _id, ...error } = res.json().error;
    return { status: res.statusCode, error };
  };

  it('answers an issuer the same for a national ID nobody enrolled and for an enrolled person the indicator is not for, storing nothing', async () => {
    const outsider = await enrolPerson(p.app, { areaCode: '710911' });
    const deed = (nationalId: string, ref: string) => ({ ref, subject: { nationalId }, indicator: 'khuangpao.village-meeting', occurredAt: '2026-05-01T19:00:00+07:00' });
    const before = await rowCounts(p.store.db);
    const enrolled = await attest(p.app, khuangpao, deed(outsider.nationalId, 'oracle-1'));
    const nobody = await attest(p.app, khuangpao, deed(nextNationalId(), 'oracle-2'));
    expect(enrolled.statusCode).toBe(422);
    expect(comparable(enrolled)).toEqual(comparable(nobody));
    expect(enrolled.json().error.code).toBe('subject_not_enrolled');
    expect(enrolled.json().error.details).toBeUndefined();

    // An organisation for a person-only indicator, by account id, against an id nobody has.
    const org = await p.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: auth(ADMIN_TOKEN),
      payload: { kind: 'organisation', displayName: 'สหกรณ์ทดสอบ', areaCode: '500204', consents: ['enrolment'] },
    });
    expect(org.statusCode, org.body).toBe(201);
    const byAccount = (accountId: string, ref: string) =>
      attest(p.app, trc, { ref, subject: { accountId }, indicator: 'trc.blood.red-cell', occurredAt: '2026-05-01T09:00:00+07:00', evidence: { donationNo: ref } });
    const orgAnswer = await byAccount(org.json().id, 'oracle-3');
    const noAccount = await byAccount('01a00000-0000-7000-8000-000000000000', 'oracle-4');
    expect(comparable(orgAnswer)).toEqual(comparable(noAccount));

    // The same in a batch, item by item.
    const batch = await p.app.inject({
      method: 'POST',
      url: '/api/v1/attestations/batch',
      headers: auth(khuangpao),
      payload: { items: [deed(outsider.nationalId, 'oracle-5'), deed(nextNationalId(), 'oracle-6')] },
    });
    const [a, b] = batch.json().items as Array<{ ok: boolean; error: Record<string, unknown> }>;
    expect(a!.ok).toBe(false);
    expect({ ...a!.error, correlationId: undefined }).toEqual({ ...b!.error, correlationId: undefined });
    expect(await rowCounts(p.store.db)).toEqual({ ...before, accounts: before.accounts! + 1, consents: before.consents! + 1 });
  });

  it('still tells the person why their own declaration does not apply to them', async () => {
    const person = await enrolPerson(p.app, { areaCode: '500204' });
    const token = await personToken(p.app, person.id);
    const res = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${person.id}/declarations`,
      headers: auth(token),
      payload: { ref: 'not-my-village', indicator: 'nongsarai.unity.1', occurredAt: '2026-05-05T19:00:00+07:00' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'indicator_not_applicable', details: { indicator: 'nongsarai.unity.1', area: '710911' } });
  });

  it("refuses a certifier outside the person's area without telling it the area", async () => {
    const villager = await enrolPerson(p.app, { areaCode: '710911' });
    const token = await personToken(p.app, villager.id);
    const declared = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${villager.id}/declarations`,
      headers: auth(token),
      payload: { ref: 'meeting-leak', indicator: 'nongsarai.unity.1', occurredAt: '2026-05-05T19:00:00+07:00' },
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const refused = await p.app.inject({
      method: 'POST',
      url: `/api/v1/attestations/${declared.json().id}/certify`,
      headers: auth(khuangpao),
      payload: { decision: 'approve' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('out_of_scope');
    expect(refused.json().error.details).toBeUndefined();
    expect(refused.body).not.toContain('710911');
    // Its own certifier still decides it.
    const approved = await p.app.inject({ method: 'POST', url: `/api/v1/attestations/${declared.json().id}/certify`, headers: auth(nongsarai), payload: { decision: 'approve' } });
    expect(approved.json().status).toBe('credited');
  });
});
