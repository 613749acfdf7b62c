// Posting a deed reads of its subject only what deciding and logging it need: never the name or the
// sealed national ID (data minimisation; an import reads tens of thousands of accounts a minute).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyToken, attest, enrolPerson } from './support/helpers.js';
import { auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { watchSql } from './support/sql-seen.js';

describe('posting a deed', () => {
  let p: TestPlatform;
  let trc: string;
  beforeAll(async () => {
    p = await openTestPlatform('sqlite');
    trc = await agencyToken(p.app, 'trc');
  });
  afterAll(async () => p?.cleanup());

  it('loads no name or sealed identifier of the subject, one deed or a batch, by national ID or account id', async () => {
    const { seen, stop } = watchSql(p.store.db);
    const deed = (ref: string, subject: Record<string, string>, day: string) => ({
      ref,
      subject,
      indicator: 'trc.blood.red-cell',
      occurredAt: `2026-${day}T09:00:00+07:00`,
      evidence: { donationNo: ref },
    });
    try {
      const a = await enrolPerson(p.app);
      const b = await enrolPerson(p.app);
      seen.length = 0;
      const byId = await attest(p.app, trc, deed(`cols-${a.id}`, { accountId: a.id }, '03-01'));
      const byNationalId = await attest(p.app, trc, deed(`cols-${b.id}`, { nationalId: b.nationalId }, '03-01'));
      const batch = await p.app.inject({
        method: 'POST',
        url: '/api/v1/attestations/batch',
        headers: auth(trc),
        payload: { items: [deed(`cols-${a.id}-2`, { nationalId: a.nationalId }, '06-01'), deed(`cols-${b.id}-2`, { accountId: b.id }, '06-01')] },
      });
      for (const r of [byId, byNationalId]) expect(r.json(), r.body).toMatchObject({ status: 'credited' });
      expect(batch.json().items.map((i: { result?: { status: string } }) => i.result?.status)).toEqual(['credited', 'credited']);
      const accountReads = seen.filter((s) => /from "accounts"/.test(s) && /^select/.test(s));
      expect(accountReads.length).toBeGreaterThanOrEqual(3);
      for (const s of accountReads) expect(s).not.toMatch(/\*|display_name|identifier_enc|erased_by/);
    } finally {
      stop();
    }
  });
});
