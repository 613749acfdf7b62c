import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cosignatureSigner, decodeEntryBundle, formatCosignatureVerifierKey, parseNote, signNote, toBase64 } from '../core/merkle/index.js';
import { FakeLog } from '../log/verifier-testlog.js';
import { defaultStatePath, runLogVerify, type VerifyState } from './log-verify.js';

const URL = 'https://khwamdee.test';
let home: string;
let lines: string[];
const out = (line: string) => {
  lines.push(line);
};
const statePath = () => defaultStatePath(URL, home);
const state = (): VerifyState => JSON.parse(readFileSync(statePath(), 'utf8')) as VerifyState;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'khwamdee-verify-'));
  lines = [];
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

describe('khwamdee log verify', () => {
  it('pins the key on first use, then checks each new checkpoint extends the last verified one', async () => {
    const log = new FakeLog().grow(300);
    expect(await runLogVerify(URL, { out, fetch: log.fetch, home })).toBe(0);
    expect(lines.join('\n')).toContain('trust on first use');
    expect(state()).toMatchObject({ version: 1, url: URL, origin: log.origin, size: 300, rootHash: toBase64(log.tree.rootHash()), logKey: log.verifierKey });

    log.grow(100);
    lines = [];
    expect(await runLogVerify(URL, { out, fetch: log.fetch, home })).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain(`pinned in ${statePath()}`);
    expect(text).toContain('previous: size 300');
    expect(text).toContain('consistency proof verified');
    expect(text).toContain('checked: 400 entries in 2 entry bundles');
    expect(state().size).toBe(400);
    expect(log.requests.filter((r) => r === 'GET /log/key')).toHaveLength(1);
  });

  it('refuses a log that rewrote history since the last run, and keeps the old state', async () => {
    const log = new FakeLog().grow(300);
    expect(await runLogVerify(URL, { out, fetch: log.fetch, home })).toBe(0);
    const before = readFileSync(statePath(), 'utf8');
    const fork = new FakeLog({ privateKey: log.privateKey, seed: 'fork' }).grow(350);
    lines = [];
    expect(await runLogVerify(URL, { out, fetch: fork.fetch, home })).toBe(1);
    expect(lines.join('\n')).toContain('history was rewritten');
    expect(lines.join('\n')).toContain('NOT extended');
    expect(readFileSync(statePath(), 'utf8')).toBe(before);
  });

  it('names the first bad entry', async () => {
    const log = new FakeLog().grow(600);
    const bundle = log.files.get('tile/entries/001')!;
    const entries = decodeEntryBundle(bundle);
    let offset = 0;
    for (let k = 0; k < 210; k++) offset += 2 + entries[k]!.length;
    bundle[offset + 10] = bundle[offset + 10]! ^ 0x20;
    expect(await runLogVerify(URL, { out, fetch: log.fetch, home })).toBe(1);
    expect(lines).toContain('BAD: entry 466: leaf hash does not match tile 0/1 position 210 (first bad entry: 466)');
    expect(existsSync(statePath())).toBe(false);
  });

  it('refuses a log whose key changed from the pinned one', async () => {
    const log = new FakeLog().grow(10);
    expect(await runLogVerify(URL, { out, fetch: log.fetch, home })).toBe(0);
    const impostor = new FakeLog({ origin: log.origin }).grow(20);
    lines = [];
    expect(await runLogVerify(URL, { out, fetch: impostor.fetch, home })).toBe(1);
    expect(lines.some((l) => l.includes('[signature]'))).toBe(true);
  });

  it('applies the witness policy', async () => {
    const log = new FakeLog().grow(10);
    const w = generateKeyPairSync('ed25519').privateKey;
    const key = formatCosignatureVerifierKey('w.test', w);
    const other = formatCosignatureVerifierKey('v.test', generateKeyPairSync('ed25519').privateKey);
    const note = parseNote(log.checkpointNote);
    log.checkpointNote = signNote(note.text, cosignatureSigner('w.test', w, 1_750_000_000), note.signatures);
    const state = join(home, 'custom.json');
    expect(await runLogVerify(URL, { out, fetch: log.fetch, state, logKey: log.verifierKey, witness: [key, other], quorum: 1 })).toBe(0);
    expect(lines).toContain('witnesses: 1 of 2 cosigned (w.test), quorum 1: met');
    expect(existsSync(state)).toBe(true);
    lines = [];
    expect(await runLogVerify(URL, { out, fetch: log.fetch, state, witness: [key, other] })).toBe(1);
    expect(lines).toContain('witnesses: 1 of 2 cosigned (w.test), quorum 2: NOT met');
  });

  it('returns 2 for usage, network and state file errors', async () => {
    expect(await runLogVerify('nonsense', { out, home })).toBe(2);
    expect(await runLogVerify('file:///etc/passwd', { out, home })).toBe(2);
    expect(await runLogVerify(URL, { out, home, fetch: () => Promise.reject(new Error('getaddrinfo ENOTFOUND')) })).toBe(2);
    expect(lines.at(-1)).toContain('ENOTFOUND');
    const bad = join(home, 'bad.json');
    writeFileSync(bad, '{"version":1}');
    expect(await runLogVerify(URL, { out, state: bad, fetch: new FakeLog().grow(1).fetch })).toBe(2);
    expect(lines.at(-1)).toContain('is not a log verification state');
    expect(await runLogVerify(URL, { out, home, fetch: new FakeLog().grow(1).fetch, quorum: 1 })).toBe(2);
  });

  it('verifies a log served over real HTTP', async () => {
    const log = new FakeLog().grow(257);
    const server = await log.listen();
    try {
      expect(await runLogVerify(server.url, { out, home, logKey: log.verifierKey })).toBe(0);
      expect(existsSync(defaultStatePath(server.url, home))).toBe(true);
      expect(defaultStatePath(server.url, home)).toMatch(/verify-127\.0\.0\.1_\d+\.json$/);
    } finally {
      await server.close();
    }
  });
});
