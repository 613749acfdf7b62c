// DESIGN.md §1, pinned: each principle has a test here that fails if the platform drifts from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';

describe('principles', () => {
  let p: TestPlatform;
  let trc: string;
  beforeAll(async () => {
    p = await openTestPlatform('sqlite');
    trc = await agencyToken(p.app, 'trc');
  });
  afterAll(async () => p?.cleanup());

  it('1. positive only: no endpoint deducts, penalises, ranks or lists people; debits are only chosen redemptions and their refunds', async () => {
    const doc = (await p.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { summary?: string }>> };
    const text = JSON.stringify(Object.entries(doc.paths).map(([path, ops]) => [path, Object.values(ops).map((o) => o.summary)]));
    expect(text).not.toMatch(/\bdeduct(?!ion)|penal|blacklist|ranking|leaderboard|low.score|report(ing)? (on|other)|shame/i);
    expect(Object.keys(doc.paths).filter((path) => /accounts\/?$/.test(path))).toEqual(['/api/v1/accounts']);
    expect(Object.keys(doc.paths['/api/v1/accounts'] ?? {})).toEqual(['post']); // no listing of people
    const negative = await p.app.inject({
      method: 'POST',
      url: '/api/v1/indicators',
      headers: auth(ADMIN_TOKEN),
      payload: {
        definition: {
          code: 'trc.penalty',
          name: { th: 'หักคะแนน', en: 'Penalty' },
          domain: 'safety',
          accountKinds: ['person'],
          owner: { kind: 'agency', agency: 'trc' },
          unit: 'occurrence',
          points: -50,
          certification: 'auto',
        },
      },
    });
    expect(negative.json().error.code).toBe('invalid_rule');
    const informant = await p.app.inject({
      method: 'POST',
      url: '/api/v1/indicators',
      headers: auth(ADMIN_TOKEN),
      payload: {
        definition: {
          code: 'trc.tipoff',
          name: { th: 'แจ้งเบาะแสผู้กระทำผิด', en: 'Reporting illegal behaviour' },
          domain: 'safety',
          accountKinds: ['person'],
          owner: { kind: 'agency', agency: 'trc' },
          unit: 'occurrence',
          points: 10,
          certification: 'auto',
        },
      },
    });
    expect(informant.json().error.code).toBe('rule_violates_principle');
  });

  it('2. voluntary: no enrolment without consent, and health deeds need their own consent', async () => {
    const r = await p.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: auth(ADMIN_TOKEN),
      payload: { kind: 'person', nationalId: '1101700230708', displayName: 'x', areaCode: '500204', consents: ['statistics'] },
    });
    expect(r.json().error.code).toBe('consent_required');
    const person = await enrolPerson(p.app, { consents: ['enrolment'] });
    const blood = await attest(p.app, trc, {
      ref: 'pr-2',
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-05-01T09:00:00+07:00',
      evidence: { donationNo: 'X' },
    });
    expect(blood.json().reason.code).toBe('consent_missing');
  });

  it('3. privileges never touch basic rights', async () => {
    const r = await p.app.inject({
      method: 'POST',
      url: '/api/v1/privileges',
      headers: auth(ADMIN_TOKEN),
      payload: {
        code: 'ptt.welfare',
        partner: 'ptt',
        name: { th: 'เพิ่มเบี้ยยังชีพ', en: 'State welfare top-up' },
        category: 'discount',
        kind: 'threshold',
        criteria: { minScore: 1 },
        nationwide: true,
        validFrom: '2026-01-01T00:00:00+07:00',
        validUntil: '2027-01-01T00:00:00+07:00',
      },
    });
    expect(r.json().error.code).toBe('privilege_touches_basic_rights');
  });

  it('4 and 5. a trusted attestation credits in one call, and the person sees deed, rule version, points, issuer, certifier and log index', async () => {
    const person = await enrolPerson(p.app);
    const r = await attest(p.app, trc, {
      ref: 'pr-4',
      subject: { nationalId: person.nationalId },
      indicator: 'trc.blood.plasma',
      occurredAt: '2026-05-01T09:00:00+07:00',
      evidence: { donationNo: 'P' },
    });
    expect(r.json().status).toBe('credited');
    const token = await personToken(p.app, person.id);
    const credits = (await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/credits?year=2026`, headers: auth(token) })).json();
    expect(Object.keys(credits.items[0]).sort()).toEqual(
      [
        'attestationId',
        'certifier',
        'certifierName',
        'domain',
        'id',
        'inclusion',
        'indicator',
        'indicatorName',
        'issuer',
        'issuerName',
        'logIndex',
        'occurredAt',
        'points',
        'reversal',
        'ruleVersion',
      ].sort(),
    );
    expect(credits.items[0]).toMatchObject({
      indicator: 'trc.blood.plasma',
      indicatorName: { th: 'บริจาคพลาสมา' },
      points: 70,
      ruleVersion: 1,
      issuer: 'trc',
      issuerName: { th: 'สภากาชาดไทย' },
      certifierName: null,
    });
  });

  it('6. data minimisation: no national ID or name in storage outside the encrypted copy, and none in the public log', async () => {
    const person = await enrolPerson(p.app);
    await attest(p.app, trc, {
      ref: 'pr-6',
      subject: { nationalId: person.nationalId },
      indicator: 'trc.blood.platelets',
      occurredAt: '2026-05-02T09:00:00+07:00',
      evidence: { donationNo: 'Q' },
    });
    for (const table of ['accounts', 'attestations', 'credits', 'log_entries', 'consents'] as const) {
      const rows = await p.store.db.selectFrom(table).selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(person.nationalId);
    }
    const leaves = await p.store.db.selectFrom('log_entries').select('leaf').execute();
    const allLeaves = leaves.map((l) => l.leaf).join('\n');
    expect(allLeaves).not.toContain(person.id);
    expect(allLeaves).not.toContain('สมชาย');
  });
});
