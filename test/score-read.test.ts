// The score, history and credits of an account are read without loading the holder's name,
// national ID or keys (data minimisation; and the narrower row is cheaper on the hottest read).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolPerson, personToken } from './support/helpers.js';
import { auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { watchSql } from './support/sql-seen.js';

describe('reads that show only points', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform('sqlite');
  });
  afterAll(async () => p?.cleanup());

  it('load no name, identifier or key of the account, while the account page still shows the name', async () => {
    const a = await enrolPerson(p.app);
    const token = await personToken(p.app, a.id);
    const { seen, stop } = watchSql(p.store.db);
    try {
      for (const path of ['score?year=2026', 'years', 'credits?year=2026', 'attestations?year=2026']) {
        seen.length = 0;
        const r = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${a.id}/${path}`, headers: auth(token) });
        expect(r.statusCode, `${path}: ${r.body}`).toBe(200);
        const accountReads = seen.filter((s) => /from "accounts"/.test(s));
        expect(accountReads, path).toHaveLength(1);
        expect(accountReads[0]).not.toMatch(/\*|display_name|identifier|subject_key/);
      }
      seen.length = 0;
      const page = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${a.id}`, headers: auth(token) });
      expect(page.json().displayName).toBeTruthy();
    } finally {
      stop();
    }
  });
});
