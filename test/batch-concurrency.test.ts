// Two batches naming the same people in opposite orders, sent at the same time (issue 9: on
// PostgreSQL each locked accounts in item order, deadlocked, and one caller got a 500 — sometimes
// after its first chunk had committed). Locks are now taken in one order for a whole chunk, and a
// deadlock victim is run again: both batches answer 200 and every deed is credited exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, enrolPerson } from './support/helpers.js';

const PEOPLE = 120;

describe.each(DB_KINDS)('concurrent batches over the same people (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let people: string[];
  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-06-01T03:00:00Z'), { sequencer: { autoStart: false } });
    trc = await agencyToken(p.app, 'trc');
    people = [];
    for (let i = 0; i < PEOPLE; i++) people.push((await enrolPerson(p.app, { consents: ['enrolment', 'health'] })).id);
  }, 120_000);
  afterAll(() => p.cleanup());

  it('answers both batches in full, twice over, crediting each deed once', async () => {
    const batch = (tag: string, order: string[], day: string) => ({
      items: order.map((id) => ({
        ref: `${tag}-${id}`,
        subject: { accountId: id },
        indicator: 'trc.blood.red-cell',
        occurredAt: `${day}T09:00:00+07:00`,
        evidence: { donationNo: `${tag}-${id.slice(-6)}` },
      })),
    });
    const forward = batch('fwd', people, '2026-01-10');
    const backward = batch('bwd', [...people].reverse(), '2026-05-10');
    for (let round = 0; round < 2; round++) {
      // The second round repeats both batches: every item replays its first answer.
      const [a, b] = await Promise.all([
        p.app.inject({ method: 'POST', url: '/api/v1/attestations/batch', headers: auth(trc), payload: forward }),
        p.app.inject({ method: 'POST', url: '/api/v1/attestations/batch', headers: auth(trc), payload: backward }),
      ]);
      for (const res of [a, b]) {
        expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
        const items = res.json().items as { ok: boolean; result?: { status: string } }[];
        expect(items).toHaveLength(PEOPLE);
        expect(items[0], JSON.stringify(items[0])).toMatchObject({ ok: true });
        expect(items.filter((i) => i.ok && i.result?.status === 'credited')).toHaveLength(PEOPLE);
      }
    }
    const credits = await p.store.db
      .selectFrom('credits')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(credits.n)).toBe(2 * PEOPLE);
  }, 120_000);
});
