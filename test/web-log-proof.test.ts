// The browser's own check of the public log (web/src/lib/log-proof.ts) against the real server's
// checkpoints and proofs, and against tampered ones: what a person's phone relies on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCredit, leafHashOf, parseVerifierKey, verifyCheckpoint } from '../web/src/lib/log-proof.js';
import { auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';

describe('checking credits in the browser', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform('sqlite', undefined, { sequencer: { autoStart: false } });
  });
  afterAll(async () => p?.cleanup());

  it('verifies every credit against the signed checkpoint and refuses any change', async () => {
    const trc = await agencyToken(p.app, 'trc');
    const people = [await enrolPerson(p.app), await enrolPerson(p.app)];
    let n = 0;
    for (const person of people)
      for (const indicator of ['trc.blood.red-cell', 'trc.organ-pledge', 'trc.stem-cell'])
        expect(
          (
            await attest(p.app, trc, {
              ref: `wlp-${++n}`,
              subject: { accountId: person.id },
              indicator,
              occurredAt: `2026-0${(n % 5) + 1}-01T09:00:00+07:00`,
              evidence: { n: String(n) },
            })
          ).json().status,
        ).toBe('credited');
    await p.sequencer.integrateOnce();

    const note = (await p.app.inject({ method: 'GET', url: '/log/checkpoint' })).body;
    const verifierKey = (await p.app.inject({ method: 'GET', url: '/log/key' })).body;
    const key = parseVerifierKey(verifierKey);
    expect(verifyCheckpoint(note, key).size).toBe(6);

    const token = await personToken(p.app, people[1]!.id);
    const credits = (await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${people[1]!.id}/credits?year=2026`, headers: auth(token) })).json().items as Array<{
      logIndex: number;
      inclusion: { size: number; leafHash: string; proof: string[] };
    }>;
    expect(credits).toHaveLength(3);
    const entries = await p.store.db.selectFrom('log_entries').select(['leaf_index', 'leaf']).execute();
    for (const c of credits) {
      const input = { note, verifierKey, index: c.logIndex, ...c.inclusion };
      expect(checkCredit(input)).toMatchObject({ ok: true, checkpoint: { size: 6 } });
      const leaf = entries.find((e) => Number(e.leaf_index) === c.logIndex)!.leaf;
      expect(Buffer.from(leafHashOf(new TextEncoder().encode(leaf))).toString('base64')).toBe(c.inclusion.leafHash);

      const flipped = Buffer.from(c.inclusion.proof[0]!, 'base64');
      flipped[0]! ^= 1;
      expect(checkCredit({ ...input, proof: [flipped.toString('base64'), ...c.inclusion.proof.slice(1)] })).toEqual({ ok: false, reason: 'proof' });
      expect(checkCredit({ ...input, index: (c.logIndex + 1) % 6 })).toEqual({ ok: false, reason: 'proof' });
      expect(checkCredit({ ...input, note: note.replace('\n6\n', '\n7\n') })).toEqual({ ok: false, reason: 'signature' });
      expect(checkCredit({ ...input, size: 5 })).toEqual({ ok: false, reason: 'size' });
    }
    // A key with another name, or a key id that does not belong to the key, is refused.
    expect(checkCredit({ note, verifierKey: verifierKey.replace(/^[^+]+/, 'other.example/log'), index: 0, ...credits[0]!.inclusion })).toMatchObject({
      ok: false,
      reason: 'signature',
    });
    expect(() => parseVerifierKey(verifierKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+'))).toThrow(/key id/);
  });
});
