// A batch (and a file import) posts its items a chunk at a time, with the chunk's history read
// once and kept in memory (src/services/chunk-history.ts). That must decide every item exactly as
// posting the items one by one does. Here the same mixed stream of deeds — intervals, one a year,
// once a lifetime, the same act twice on a day, the yearly ceiling, missing consent, people not
// enrolled, repeated and conflicting refs, closed years, reversed credits — goes through both paths
// on two platforms, and every answer, point and log entry must agree, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttestationInput, BatchOutcome } from '../src/services/attestations.js';
import type { Principal } from '../src/core/access.js';
import { AppError } from '../src/core/errors.js';
import { prng } from '../src/core/merkle/testdata.js';
import { agencyToken, enrolPerson } from './support/helpers.js';
import { DB_KINDS, auth, nextNationalId, openTestPlatform, type TestPlatform } from './support/platforms.js';

const TRC: Principal = { kind: 'agency', agency: 'trc', roles: ['issuer'], indicatorScopes: ['trc.*'], areaScopes: [] };
const INDICATORS = ['trc.blood.red-cell', 'trc.blood.plasma', 'trc.blood.platelets', 'trc.stem-cell', 'trc.organ-pledge', 'trc.body-pledge'];

/** A deterministic stream of deeds over `ids` (some of them never enrolled). */
function deeds(ids: readonly string[], n: number, seed: number, tag: string): AttestationInput[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out: AttestationInput[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.08 && out.length) {
      // The same ref again: the same deed (a replay) or, now and then, another one (a conflict).
      const again = pick(out);
      out.push(rnd() < 0.7 ? again : { ...again, evidence: { donationNo: `X${i}` } });
      continue;
    }
    // Mostly this year; a few last year (closed after its grace period) and in the late autumn before.
    const month = r < 0.12 ? 11 : 1 + Math.floor(rnd() * 5);
    const year = r < 0.12 ? 2025 : 2026;
    const day = 1 + Math.floor(rnd() * 28);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    out.push({
      ref: `${tag}-${i}`,
      subject: { nationalId: pick(ids) },
      indicator: pick(INDICATORS),
      occurredAt: `${date}T${String(7 + Math.floor(rnd() * 10)).padStart(2, '0')}:00:00+07:00`,
      evidence: { donationNo: `${tag}${i}` },
    });
  }
  return out;
}

/** What an answer says, without the ids each platform makes up. */
function answer(o: BatchOutcome): unknown {
  if (!o.ok) return { error: o.error.code, details: o.error.details };
  const r = o.result;
  return { ref: r.ref, status: r.status, reason: r.reason?.code, details: r.reason?.details, credit: r.credit, replayed: r.replayed };
}

async function oneByOne(p: TestPlatform, items: readonly AttestationInput[]): Promise<BatchOutcome[]> {
  const out: BatchOutcome[] = [];
  for (const item of items) {
    try {
      out.push({ ok: true, result: await p.services.attestations.submit(TRC, item) });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      out.push({ ok: false, ref: item.ref, error: err });
    }
  }
  return out;
}

async function ledger(p: TestPlatform) {
  const credits = await p.store.db
    .selectFrom('credits')
    .innerJoin('attestations', 'attestations.id', 'credits.attestation_id')
    .select(['attestations.ref', 'credits.points', 'credits.points_requested', 'credits.cut_reason', 'credits.year', 'credits.bangkok_day'])
    .orderBy('attestations.ref')
    .execute();
  const attestations = await p.store.db.selectFrom('attestations').select(['ref', 'status', 'reason_code', 'reason_details']).orderBy('ref').execute();
  const log = await p.store.db
    .selectFrom('log_entries')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { credits, attestations, log: Number(log.n) };
}

describe.each(DB_KINDS)('posting a chunk decides as posting one by one (%s)', (kind) => {
  let chunked: TestPlatform;
  let single: TestPlatform;
  const ids: string[] = [];
  beforeAll(async () => {
    const now = new Date('2026-06-15T03:00:00Z');
    const open = () => openTestPlatform(kind, now, { sequencer: { autoStart: false } });
    [chunked, single] = await Promise.all([open(), open()]);
    // 40 people: most consented to health data, some did not; 4 IDs nobody enrolled.
    for (let i = 0; i < 40; i++) {
      const nationalId = nextNationalId('3');
      const consents = i % 7 === 0 ? ['enrolment'] : ['enrolment', 'health'];
      for (const p of [chunked, single]) await enrolPerson(p.app, { nationalId, consents });
      ids.push(nationalId);
    }
    for (let i = 0; i < 4; i++) ids.push(nextNationalId('3'));
  }, 180_000);
  afterAll(async () => {
    await chunked?.cleanup();
    await single?.cleanup();
  });

  it('gives the same answers, credits and log, before and after credits are reversed', async () => {
    const first = deeds(ids, 600, 7, 'a');
    const viaChunks = await chunked.services.attestations.submitMany(TRC, first);
    const viaItems = await oneByOne(single, first);
    expect(viaChunks.map(answer)).toEqual(viaItems.map(answer));
    const statuses = new Set(
      viaItems.map((o) => (o.ok ? `${o.result.status}${o.result.reason ? `:${o.result.reason.code}` : ''}${o.result.replayed ? ':replay' : ''}` : o.error.code)),
    );
    // The stream reaches every kind of answer it is meant to compare.
    for (const s of [
      'credited',
      'credited:replay',
      'rejected:cap_exceeded',
      'rejected:duplicate_deed',
      'rejected:consent_missing',
      'subject_not_enrolled',
      'ref_conflict',
      'year_closed',
    ])
      expect(statuses, [...statuses].join(' ')).toContain(s);
    expect(viaItems.some((o) => o.ok && o.result.credit?.cutReason)).toBe(true);

    // The same credits reversed on both sides; then more deeds, whose history must not count them.
    const trc = await Promise.all([chunked, single].map((p) => agencyToken(p.app, 'trc')));
    const reversedRefs = viaItems.flatMap((o) => (o.ok && o.result.status === 'credited' && !o.result.replayed ? [o.result.ref] : [])).filter((_, i) => i % 5 === 0);
    expect(reversedRefs.length).toBeGreaterThan(10);
    for (const [k, p] of [chunked, single].entries()) {
      // A credit is reversed once it is in the public log.
      await p.sequencer.catchUp();
      for (const ref of reversedRefs) {
        const c = await p.store.db
          .selectFrom('credits')
          .innerJoin('attestations', 'attestations.id', 'credits.attestation_id')
          .select('credits.id')
          .where('attestations.ref', '=', ref)
          .executeTakeFirstOrThrow();
        const res = await p.app.inject({ method: 'POST', url: `/api/v1/credits/${c.id}/reversal`, headers: auth(trc[k]!), payload: { reason: 'wrong_person', text: 'บันทึกผิดคน' } });
        expect(res.statusCode, res.body).toBe(201);
      }
    }
    const second = deeds(ids, 500, 11, 'b');
    expect((await chunked.services.attestations.submitMany(TRC, second)).map(answer)).toEqual((await oneByOne(single, second)).map(answer));
    expect(await ledger(chunked)).toEqual(await ledger(single));
  }, 240_000);
});
