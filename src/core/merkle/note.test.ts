import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.js';
import {
  ed25519NoteSigner,
  ed25519NoteVerifier,
  ed25519PublicKeyBytes,
  formatEd25519VerifierKey,
  formatSignerKey,
  generateNoteKey,
  isValidKeyName,
  noteSignerFromKey,
  noteVerifierFromKey,
  parseSignerKey,
  parseVerifierKey,
} from './note-keys.js';
import { NoteFormatError, formatNote, parseNote, signNote, verifyNote } from './note.js';

// golang.org/x/mod/sumdb/note example_test.go (ExampleSign / ExampleOpen).
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_TEXT = 'If you think cryptography is the answer to your problem,\n' + "then you don't know what your problem is.\n";
const PETER_NOTE = `${PETER_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

// c2sp.org/signed-note v1.1.0, "Verifier keys" example.
const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE = 'This is an example message.\n\n' + '\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

describe('known signed notes', () => {
  it('Go sumdb/note example: signing with the PeterNeumann key reproduces the published note', () => {
    const signer = noteSignerFromKey(PETER_SKEY);
    expect(signer.keyId.toString(16)).toBe('c74f20a3');
    expect(signNote(PETER_TEXT, signer)).toBe(PETER_NOTE);
  });

  it('Go sumdb/note example: the published note verifies', () => {
    const result = verifyNote(PETER_NOTE, [noteVerifierFromKey(PETER_VKEY)]);
    expect(result).toMatchObject({ ok: true, text: PETER_TEXT });
    if (result.ok) expect(result.verified.map((s) => [s.name, s.keyId])).toEqual([['PeterNeumann', 0xc74f20a3]]);
  });

  it('signer key and verifier key of the Go example agree', () => {
    const parsed = parseSignerKey(PETER_SKEY);
    expect(formatEd25519VerifierKey(parsed.name, parsed.publicKey)).toBe(PETER_VKEY);
    expect(formatSignerKey(parsed.name, parsed.privateKey)).toBe(PETER_SKEY);
  });

  it('c2sp.org/signed-note example note verifies with the example key', () => {
    const vkey = parseVerifierKey(SPEC_VKEY);
    expect(vkey).toMatchObject({ name: 'example.com/foo', keyId: 0x530d903a, type: 1 });
    expect(toHex(vkey.key)).toBe('e932791ae6e7a840a46164c904786426d5e7821dd8b29a00d61cae72afdd4da4');
    expect(verifyNote(SPEC_NOTE, [noteVerifierFromKey(SPEC_VKEY)])).toMatchObject({
      ok: true,
      text: 'This is an example message.\n',
    });
    expect(verifyNote(SPEC_NOTE.replace('example', 'Example'), [noteVerifierFromKey(SPEC_VKEY)]).ok).toBe(false);
  });
});

describe('generated keys', () => {
  const { signerKey, verifierKey } = generateNoteKey('khwamdee.example/log');
  const signer = noteSignerFromKey(signerKey);
  const verifier = noteVerifierFromKey(verifierKey);
  const text = 'khwamdee.example/log\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n';

  it('have the standard text forms', () => {
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+khwamdee\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(verifierKey).toMatch(/^khwamdee\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(signerKey.split('+')[3]).toBe(verifierKey.split('+')[1]);
    expect(signer.keyId).toBe(verifier.keyId);
  });

  it('round trip', () => {
    const note = signNote(text, signer);
    const result = verifyNote(note, [verifier]);
    expect(result).toMatchObject({ ok: true, text, unverified: [] });
    expect(parseNote(note)).toMatchObject({ text, signatures: [{ name: 'khwamdee.example/log' }] });
    expect(verifyNote(new TextEncoder().encode(note), [verifier]).ok).toBe(true);
  });

  it('tampered text fails', () => {
    const note = signNote(text, signer);
    expect(verifyNote(note.replace('\n3\n', '\n4\n'), [verifier])).toEqual({
      ok: false,
      reason: 'invalid signature from khwamdee.example/log',
    });
  });

  it('tampered signature fails', () => {
    const note = signNote(text, signer);
    const parsed = parseNote(note);
    const sig = parsed.signatures[0]!;
    const bad = Uint8Array.from(sig.signature);
    bad[10]! ^= 1;
    expect(verifyNote(formatNote({ text, signatures: [{ ...sig, signature: bad }] }), [verifier]).ok).toBe(false);
  });

  it('ignores unknown keys but requires one known signature', () => {
    const other = ed25519NoteSigner('other.example/witness', generateKeyPairSync('ed25519').privateKey);
    const note = signNote(text, [other, signer]);
    const result = verifyNote(note, [verifier]);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.verified.map((s) => s.name)).toEqual(['khwamdee.example/log']);
      expect(result.unverified.map((s) => s.name)).toEqual(['other.example/witness']);
    }
    expect(verifyNote(signNote(text, other), [verifier])).toEqual({
      ok: false,
      reason: 'no signature from a known key',
    });
  });

  it('ignores a signature that shares only the name or only the key ID with a known key', () => {
    const impostorKey = generateKeyPairSync('ed25519').privateKey;
    const sameName = ed25519NoteSigner('khwamdee.example/log', impostorKey);
    const sameId = { name: 'someone.else', keyId: signer.keyId, sign: sameName.sign };
    const note = signNote(text, [sameName, sameId, signer]);
    const result = verifyNote(note, [verifier]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.unverified).toHaveLength(2);
  });

  it('adds a signature to an already-signed note', () => {
    const witnessKey = generateKeyPairSync('ed25519');
    const witness = ed25519NoteSigner('witness.example', witnessKey.privateKey);
    const first = parseNote(signNote(text, signer));
    const both = signNote(first.text, witness, first.signatures);
    const result = verifyNote(both, [verifier, ed25519NoteVerifier('witness.example', witnessKey.publicKey)]);
    expect(result.ok && result.verified.map((s) => s.name)).toEqual(['khwamdee.example/log', 'witness.example']);
  });
});

describe('format strictness', () => {
  const signer = noteSignerFromKey(PETER_SKEY);

  it('signNote requires newline-terminated text without control characters', () => {
    expect(() => signNote('no newline', signer)).toThrow(NoteFormatError);
    expect(() => signNote('tab\there\n', signer)).toThrow(NoteFormatError);
    expect(() => signNote('cr\r\n', signer)).toThrow(NoteFormatError);
  });

  it('text may contain blank lines; the last blank line separates the signatures', () => {
    const text = 'a\n\nb\n';
    const note = signNote(text, signer);
    expect(verifyNote(note, [noteVerifierFromKey(PETER_VKEY)])).toMatchObject({ ok: true, text });
  });

  it('rejects malformed notes', () => {
    const bad = [
      PETER_TEXT, // no signature block
      PETER_NOTE.slice(0, -1), // no final newline
      PETER_NOTE.replace('\u2014 ', '-- '),
      PETER_NOTE.replace('\u2014 PeterNeumann ', '\u2014 PeterNeumann'),
      PETER_NOTE.replace('AM=\n', 'AM\n'), // bad base64
      PETER_NOTE.replace('x08go', 'x08g\u0001'),
      `${PETER_TEXT}\n\u2014 PeterNeumann AAAA\n`, // too short (3 bytes)
      `${PETER_NOTE}\n`,
    ];
    for (const note of bad) {
      expect(() => parseNote(note), JSON.stringify(note)).toThrow(NoteFormatError);
      expect(verifyNote(note, [noteVerifierFromKey(PETER_VKEY)]).ok).toBe(false);
    }
    expect(() => parseNote(new Uint8Array([0xff, 0x0a, 0x0a]))).toThrow(NoteFormatError);
  });

  it('validates key names and key strings', () => {
    expect(isValidKeyName('example.com/log')).toBe(true);
    for (const name of ['', 'a b', 'a+b', 'a\u00a0b', 'a\u3000b', 'a\nb']) expect(isValidKeyName(name)).toBe(false);
    expect(() => generateNoteKey('bad name')).toThrow(TypeError);
    expect(() => parseVerifierKey(PETER_VKEY.replace('c74f20a3', 'c74f20a4'))).toThrow(/key ID/);
    expect(() => parseVerifierKey(PETER_VKEY.slice(0, -4))).toThrow(TypeError);
    expect(() => parseVerifierKey('PeterNeumann+c74f20a3')).toThrow(TypeError);
    expect(() => parseSignerKey(PETER_SKEY.replace('c74f20a3', '00000000'))).toThrow(/key ID/);
    expect(() => parseSignerKey(PETER_VKEY)).toThrow(TypeError);
    // Every strict substring of the verifier key is rejected (as Go's TestNewVerifier does).
    for (let i = 0; i < PETER_VKEY.length; i++) {
      for (let j = i + 1; j <= PETER_VKEY.length; j++) {
        if (i === 0 && j === PETER_VKEY.length) continue;
        expect(() => noteVerifierFromKey(PETER_VKEY.slice(i, j))).toThrow();
      }
    }
  });

  it('derives the key ID from the raw public key', () => {
    const parsed = parseSignerKey(PETER_SKEY);
    expect(toHex(ed25519PublicKeyBytes(parsed.privateKey))).toBe(toHex(parseVerifierKey(PETER_VKEY).key));
  });
});
