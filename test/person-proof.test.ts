// The dashboard's own check of a credit (web/src/features/person/proof.ts) against the real server:
// the entry the credits API sends is the credit shown and hashes to the leaf in the tree, a proof for
// an older tree is replaced by one for the published checkpoint, and every change fails loudly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CreditToCheck, checkOne, entryMatches, publishedSize } from '../web/src/features/person/proof.js';
import { auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';

describe("the dashboard's proof check", () => {
  let p: TestPlatform;
  let trc: string;
  let seq = 0;
  beforeAll(async () => {
    p = await openTestPlatform('sqlite', undefined, { sequencer: { autoStart: false } });
    trc = await agencyToken(p.app, 'trc');
  });
  afterAll(async () => p?.cleanup());

  const text = async (url: string) => (await p.app.inject({ method: 'GET', url })).body;
  const published = async () => {
    const [note, verifierKey] = [await text('/log/checkpoint'), await text('/log/key')];
    return { note, verifierKey, size: publishedSize(note, verifierKey) };
  };
  const proofAt = async (index: number, size: number) => JSON.parse(await text(`/api/v1/log/inclusion?index=${index}&size=${size}`));
  async function creditsOf(person: { id: string }, token: string): Promise<CreditToCheck[]> {
    const body = (await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/credits?year=2026`, headers: auth(token) })).json();
    return body.items.map((c: CreditToCheck) => ({ ...c, year: body.year }));
  }
  async function credit(accountId: string, indicator: string, day: string) {
    const r = await attest(p.app, trc, { ref: `pp-${++seq}`, subject: { accountId }, indicator, occurredAt: `${day}T06:30:00+07:00`, evidence: { n: String(seq) } });
    expect(r.json().status, r.body).toBe('credited');
  }

  it('verifies credits, also against a checkpoint newer than their proofs, and refuses every change', async () => {
    const person = await enrolPerson(p.app);
    const token = await personToken(p.app, person.id);
    // 06:30 in Bangkok is still the day before in UTC: the entry's day is the Bangkok one.
    await credit(person.id, 'trc.blood.red-cell', '2026-05-01');
    await credit(person.id, 'trc.organ-pledge', '2026-05-02');
    const before = await creditsOf(person, token);
    expect(before.every((c) => c.logIndex === null && c.inclusion === null)).toBe(true);
    await p.sequencer.integrateOnce();
    const credits = await creditsOf(person, token);
    const cp = await published();
    expect(cp.size).toBe(2);
    for (const c of credits) {
      expect(entryMatches(c, c.inclusion!.entry, c.inclusion!.leafHash)).toBe(true);
      expect(await checkOne(c, cp, proofAt)).toEqual({ state: 'verified', size: 2, index: c.logIndex });
    }
    // Not yet integrated: pending, whatever the checkpoint.
    expect(await checkOne({ ...credits[0]!, logIndex: null, inclusion: null }, cp, proofAt)).toEqual({ state: 'pending' });

    // The log grows after the credits were read: their proofs are for size 2, the checkpoint for 5.
    const other = await enrolPerson(p.app);
    for (const [i, indicator] of ['trc.blood.red-cell', 'trc.stem-cell', 'trc.body-pledge'].entries()) await credit(other.id, indicator, `2026-06-0${i + 1}`);
    await p.sequencer.integrateOnce();
    const grown = await published();
    expect(grown.size).toBe(5);
    let asked = 0;
    const counting = async (index: number, size: number) => {
      asked++;
      return proofAt(index, size);
    };
    for (const c of credits) expect(await checkOne(c, grown, counting)).toEqual({ state: 'verified', size: 5, index: c.logIndex });
    expect(asked).toBe(2);
    // A checkpoint older than a credit's place in the log does not hold it yet.
    expect(await checkOne({ ...credits[0]!, logIndex: 7 }, cp, proofAt)).toEqual({ state: 'pending' });

    const c = credits[0]!;
    const fails = async (changed: Partial<CreditToCheck>, reason: string, pub = cp) =>
      expect(await checkOne({ ...c, ...changed }, pub, proofAt)).toEqual({ state: 'failed', reason });
    // What the screen shows differs from the entry in the log.
    await fails({ points: c.points + 1 }, 'entry');
    await fails({ indicator: 'trc.stem-cell' }, 'entry');
    await fails({ ruleVersion: c.ruleVersion + 1 }, 'entry');
    await fails({ issuer: 'dsd' }, 'entry');
    await fails({ certifier: 'khuangpao' }, 'entry');
    await fails({ occurredAt: '2026-05-03T12:00:00Z' }, 'entry');
    await fails({ year: 2027 }, 'entry');
    await fails({ occurredAt: 'not a date' }, 'entry');
    await fails({ inclusion: { ...c.inclusion!, entry: 'null' } }, 'entry');
    await fails({ inclusion: { ...c.inclusion!, leafHash: '%%%' } }, 'entry');
    await fails({ id: credits[1]!.id }, 'entry');
    // An entry changed to match the screen no longer hashes to the leaf in the tree.
    const forged = c.inclusion!.entry.replace(`"points":${c.points}`, `"points":${c.points + 100}`);
    await fails({ points: c.points + 100, inclusion: { ...c.inclusion!, entry: forged } }, 'entry');
    // A proof with one byte changed, another leaf's position, a checkpoint the key did not sign.
    const flipped = Buffer.from(c.inclusion!.proof[0]!, 'base64');
    flipped[0]! ^= 1;
    await fails({ inclusion: { ...c.inclusion!, proof: [flipped.toString('base64'), ...c.inclusion!.proof.slice(1)] } }, 'proof');
    await fails({ logIndex: credits[1]!.logIndex }, 'proof');
    const unsigned = cp.note.replace('\n2\n', '\n9\n');
    await fails({}, 'signature', { ...cp, note: unsigned, size: publishedSize(unsigned, cp.verifierKey) });
    expect(publishedSize(cp.note, cp.verifierKey.replace(/^[^+]+/, 'other.example/log'))).toBeUndefined();
  });
});
