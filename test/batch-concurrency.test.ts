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

describe.each(DB_KINDS)('ingest past capacity (%s)', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    // One transaction may wait: the third of several batches sent at once finds the queue full.
    p = await openTestPlatform(kind, new Date('2026-06-01T03:00:00Z'), { sequencer: { autoStart: false }, ingestQueueMax: 1 });
  });
  afterAll(() => p.cleanup());

  it('refuses what it cannot queue with 503 overloaded and Retry-After, records nothing of it, and takes it when sent again', async () => {
    const trc = await agencyToken(p.app, 'trc');
    // Batches big enough that each holds the database for a while, all sent at once.
    const people: string[] = [];
    for (let i = 0; i < 60; i++) people.push((await enrolPerson(p.app, { consents: ['enrolment', 'health'] })).id);
    const batches = Array.from({ length: 12 }, (_, b) => ({
      items: people.map((id, i) => ({
        ref: `bp-${b}-${i}`,
        subject: { accountId: id },
        indicator: 'trc.blood.red-cell',
        occurredAt: `2026-01-${String(b + 1).padStart(2, '0')}T09:00:00+07:00`,
        evidence: { donationNo: `BP-${b}-${i}` },
      })),
    }));
    const send = (payload: (typeof batches)[number]) => p.app.inject({ method: 'POST', url: '/api/v1/attestations/batch', headers: auth(trc), payload });
    // Ingest is busy for a moment (SQLite's one writer; PostgreSQL's eight ingest turns), so the
    // batches sent meanwhile wait for their turn: past one waiting, new ones are refused.
    const turns = kind === 'sqlite' ? 1 : 8;
    const holds = Array.from({ length: turns }, () => p.writeGate.run('ingest', () => new Promise((r) => setTimeout(r, 300))));
    const answers = await Promise.all(batches.map(send));
    await Promise.all(holds);
    const refused = answers.flatMap((res, i) => (res.statusCode === 503 ? [i] : []));
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.every((res) => res.statusCode === 200 || res.statusCode === 503)).toBe(true);
    for (const i of refused) {
      const res = answers[i]!;
      expect(res.json().error).toMatchObject({ code: 'overloaded', correlationId: expect.any(String), messages: { th: expect.any(String), en: expect.any(String) } });
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    const count = async () =>
      Number(
        (
          await p.store.db
            .selectFrom('attestations')
            .select((e) => e.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe((batches.length - refused.length) * people.length);
    // Sent again one at a time, each refused batch is taken; nothing is recorded twice.
    for (const i of refused) expect((await send(batches[i]!)).statusCode).toBe(200);
    expect(await count()).toBe(batches.length * people.length);
  });
});
