import { describe, expect, it } from 'vitest';
import { openSqlite, sqliteConnections } from './database.js';
import { creditsRepo } from './repos/attestations.js';

describe('score index (migration 0019)', () => {
  it('answers a year’s score by domain from the index alone on SQLite, without a sort', async () => {
    const store = await openSqlite(':memory:');
    try {
      const conn = sqliteConnections.get(store.db.getExecutor().adapter)!;
      const seen: string[] = [];
      const prepare = conn.prepare.bind(conn);
      conn.prepare = (text: string) => {
        seen.push(text);
        return prepare(text);
      };
      expect(await creditsRepo.byDomain(store.db, 'no-such-account', 2026)).toEqual([]);
      conn.prepare = prepare;
      const byDomain = seen.find((s) => s.includes('sum('))!;
      const plan = (prepare(`explain query plan ${byDomain}`).all(['no-such-account']) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan).toContain('USING COVERING INDEX credits_account_year_domain');
      expect(plan).not.toContain('TEMP B-TREE');
      // The year is in the text (prepared.ts `literals`), the account the one parameter.
      expect(byDomain).toContain('"year" = 2026');
    } finally {
      await store.close();
    }
  });
});
