// The public statistics are cached per process for minutes; a withdrawn `statistics` consent must
// still take the person out of the figures at once in every process on the database, not only in
// the one that took the withdrawal. Two platforms on one database (as two server processes are),
// on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/http/app.js';
import { openPlatform, type Platform } from '../src/platform.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';

describe.each(DB_KINDS)('statistics caches of two processes (%s)', (kind) => {
  let p: TestPlatform;
  let other: Platform;
  let otherApp: FastifyInstance;
  const people: string[] = [];

  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-06-15T03:00:00Z'), { sequencer: { autoStart: false }, webhooks: { autoStart: false }, imports: { autoStart: false } });
    // The second process: its own store, services and caches on the same database, data and clock.
    other = await openPlatform({
      dataDir: p.dataDir,
      databaseUrl: p.databaseUrl,
      secrets: p.secrets,
      clock: p.clock,
      adminToken: ADMIN_TOKEN,
      sequencer: { autoStart: false },
      webhooks: { autoStart: false },
      imports: { autoStart: false },
    });
    otherApp = await buildApp({ services: other.services, db: other.store.db, sessionSecret: other.sessionSecret, now: () => p.clock.now() });
    const trc = await agencyToken(p.app, 'trc');
    for (let i = 0; i < 12; i++) {
      const { id } = await enrolPerson(p.app, { consents: ['enrolment', 'health', 'statistics'] });
      people.push(id);
      const r = await attest(p.app, trc, {
        ref: `sc-${i}`,
        subject: { accountId: id },
        indicator: 'trc.blood.red-cell',
        occurredAt: '2026-03-10T09:00:00+07:00',
        evidence: { donationNo: `SC-${i}` },
      });
      expect(r.json().status, r.body).toBe('credited');
    }
    // Figures count what was recorded before the Bangkok day began.
    p.clock.advance(24 * 3_600_000);
  }, 120_000);
  afterAll(async () => {
    await otherApp?.close();
    await other?.close();
    await p?.cleanup();
  });

  const people2026 = async (app: FastifyInstance) => (await app.inject({ method: 'GET', url: '/api/v1/stats?year=2026' })).json().national.people as number;

  it('drops a withdrawn person from the figures of the process that did not take the withdrawal, at once', async () => {
    // Both processes have computed and cached the figures.
    expect(await people2026(p.app)).toBe(12);
    expect(await people2026(otherApp)).toBe(12);
    const token = await personToken(p.app, people[0]!);
    const w = await p.app.inject({ method: 'POST', url: `/api/v1/accounts/${people[0]}/consents/statistics/withdraw`, headers: auth(token) });
    expect(w.statusCode, w.body).toBe(200);
    expect(await people2026(p.app)).toBe(11);
    expect(await people2026(otherApp)).toBe(11);
    // Given again through the other process: both count the person again.
    const g = await otherApp.inject({ method: 'POST', url: `/api/v1/accounts/${people[0]}/consents`, headers: auth(token), payload: { purpose: 'statistics' } });
    expect(g.statusCode, g.body).toBeLessThan(300);
    expect(await people2026(otherApp)).toBe(12);
    expect(await people2026(p.app)).toBe(12);
  });

  it('keeps serving the cached figures while nothing is announced (a change behind its back waits for the TTL)', async () => {
    await p.store.db.updateTable('consents').set({ withdrawn_at: p.clock.now().toISOString() }).where('account_id', '=', people[1]!).where('purpose', '=', 'statistics').execute();
    expect(await people2026(otherApp)).toBe(12);
    p.clock.advance(5 * 60_000 + 1);
    expect(await people2026(otherApp)).toBe(11);
  });
});
