import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatCheckpoint, parseVerifierKey, signNote, verifyNote, noteVerifierFromKey, emptyRoot } from '../core/merkle/index.js';
import { LOG_KEY_FILE, loadOrCreateLogKey } from './log-key.js';

describe('loadOrCreateLogKey', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'khwamdee-logkey-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('creates a 0600 signer key on first start and loads the same key afterwards', () => {
    const d = dir();
    const first = loadOrCreateLogKey(d, 'example.org/log');
    expect(statSync(join(d, LOG_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(d, LOG_KEY_FILE), 'utf8')).toMatch(/^PRIVATE\+KEY\+example\.org\/log\+[0-9a-f]{8}\+/);
    const again = loadOrCreateLogKey(d, 'example.org/log');
    expect(again.verifierKey).toBe(first.verifierKey);
    expect(parseVerifierKey(first.verifierKey)).toMatchObject({ name: 'example.org/log', type: 1, keyId: first.signer.keyId });
    const note = signNote(formatCheckpoint({ origin: 'example.org/log', size: 0, rootHash: emptyRoot() }), again.signer);
    expect(verifyNote(note, [noteVerifierFromKey(first.verifierKey)]).ok).toBe(true);
  });

  it('refuses a different origin than the key was made for, an invalid origin and a damaged file', () => {
    const d = dir();
    loadOrCreateLogKey(d, 'example.org/log');
    expect(() => loadOrCreateLogKey(d, 'other.org/log')).toThrow(/origin must stay stable/);
    expect(() => loadOrCreateLogKey(dir(), 'has space')).toThrow(/not a valid key name/);
    const broken = dir();
    writeFileSync(join(broken, LOG_KEY_FILE), 'PRIVATE+KEY+nonsense');
    expect(() => loadOrCreateLogKey(broken, 'example.org/log')).toThrow(/not a valid log signing key/);
  });
});
