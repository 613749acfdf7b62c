// What a person sees: each credit carries its log index and an inclusion proof that verifies
// against the public signed checkpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, leafHash, parseCheckpoint, parseNote, toBase64, verifyInclusion, verifyNote, parseVerifierKey, noteVerifierFromKey } from '../src/core/merkle/index.js';
import { DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';

const b64 = (t: string): Uint8Array => {
  const bytes = fromBase64(t);
  if (!bytes) throw new Error(`not base64: ${t}`);
  return bytes;
};

describe.each(DB_KINDS)('credits with inclusion proofs (%s)', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform(kind);
  });
  afterAll(async () => p?.cleanup());

  it('proves every credit of a person against the latest signed checkpoint', async () => {
    const trc = await agencyToken(p.app, 'trc');
    const person = await enrolPerson(p.app);
    for (const [i, indicator] of ['trc.blood.red-cell', 'trc.organ-pledge', 'trc.stem-cell'].entries())
      expect(
        (
          await attest(p.app, trc, {
            ref: `lp-${person.id}-${i}`,
            subject: { accountId: person.id },
            indicator,
            occurredAt: `2026-0${i + 2}-01T09:00:00+07:00`,
            evidence: { no: String(i) },
          })
        ).json().status,
      ).toBe('credited');
    await p.sequencer.integrateOnce();

    const token = await personToken(p.app, person.id);
    const credits = (await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/credits?year=2026`, headers: auth(token) })).json().items as Array<{
      logIndex: number;
      inclusion: { size: number; leafHash: string; proof: string[] };
    }>;
    expect(credits).toHaveLength(3);

    const checkpoint = await p.app.inject({ method: 'GET', url: '/log/checkpoint' });
    const note = checkpoint.body;
    const key = (await p.app.inject({ method: 'GET', url: '/log/key' })).body;
    expect(verifyNote(note, [noteVerifierFromKey(key)]).ok).toBe(true);
    const cp = parseCheckpoint(parseNote(note).text);
    // The note has no time; Last-Modified says when the log signed it (to the second, as HTTP dates are).
    const stored = await p.services.log.latestCheckpoint();
    expect(stored?.size).toBe(cp.size);
    expect(checkpoint.headers['last-modified']).toBe(new Date(stored!.createdAt).toUTCString());
    expect(parseVerifierKey(key).name).toBe(cp.origin);

    const entries = await p.store.db.selectFrom('log_entries').select(['leaf_index', 'leaf']).execute();
    for (const c of credits) {
      expect(c.inclusion.size).toBe(cp.size);
      const ok = verifyInclusion(b64(c.inclusion.leafHash), c.logIndex, cp.size, c.inclusion.proof.map(b64), cp.rootHash);
      expect(ok).toBe(true);
      const stored = entries.find((e) => Number(e.leaf_index) === c.logIndex)!;
      expect(toBase64(leafHash(new TextEncoder().encode(stored.leaf)))).toBe(c.inclusion.leafHash);
      // A proof for another index does not verify.
      expect(verifyInclusion(b64(c.inclusion.leafHash), (c.logIndex + 1) % cp.size, cp.size, c.inclusion.proof.map(b64), cp.rootHash)).toBe(false);
    }
  });
});
