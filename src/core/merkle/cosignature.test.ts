import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readUint64BE, toHex, utf8 } from './bytes.js';
import { formatCheckpoint } from './checkpoint.js';
import {
  COSIGNATURE_SIZE,
  cosignatureKeyId,
  cosignatureSigner,
  cosignatureTimestamp,
  cosignatureVerifier,
  cosignatureVerifierFromKey,
  cosignedMessage,
  formatCosignatureVerifierKey,
  signCosignature,
  verifyCosignature,
} from './cosignature.js';
import { leafHash } from './hash.js';
import { ed25519NoteSigner, ed25519NoteVerifier, ed25519PublicKeyBytes, noteKeyId, noteVerifierFromKey, parseVerifierKey } from './note-keys.js';
import { parseNote, signNote, verifyNote } from './note.js';

// A production checkpoint of the arche2025h1 static-ct log with witness
// cosignatures, as captured in the test suite of the tlog_scales Python
// package (tests: TestCheckpointVerification). The log's Ed25519 key and
// the remora.n621.de witness's cosignature/v1 key are those listed there.
const REAL_CHECKPOINT = [
  'arche2025h1.staging.ct.transparency.dev',
  '1432088532',
  'U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=',
  '',
  '\u2014 arche2025h1.staging.ct.transparency.dev zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFbon5Ch9MNL5zRNZ55lvGt0=',
  '\u2014 arche2025h1.staging.ct.transparency.dev ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=',
  '\u2014 transparency.dev/DEV:witness-little-garden 2AQqhwAAAABqEiEgzgFIqqhbUoDwjMWE6UP8nd8/KYTzwZ2rhIgcqoXHAwVkjZr4AscylP3v7sEodkRAErumC2q44vdgJY096st5BQ==',
  '\u2014 witness1.smartit.nu/witness1 pIyCDwAAAABqEiEghIp82KWebrw7/oHQwlTAm3g2RKS4+eebl8eO0WH+/iEcxZ75W3u5hNI7TOQtmJbqmNWVuE0tgh0XwzdZsDsUAQ==',
  '\u2014 remora.n621.de 2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==',
  '\u2014 witness.stagemole.eu Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/2TUFucgKi7lI7cUiOvKFYe/TmN9DAg==',
  '',
].join('\n');
const LOG_VKEY = 'arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f';
const REMORA_VKEY = 'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2';

const body = formatCheckpoint({ origin: 'khwamdee.example/log', size: 7, rootHash: leafHash(utf8('x')) });

describe('tlog-cosignature v1 (Ed25519)', () => {
  const cosigner = generateKeyPairSync('ed25519');
  const name = 'witness.khwamdee.example';

  it('signs the spec message layout', () => {
    const text = new TextDecoder().decode(cosignedMessage(body, 1679315147));
    expect(text).toBe(`cosignature/v1\ntime 1679315147\n${body}`);
    expect(text.startsWith('cosignature/v1\ntime 1679315147\nkhwamdee.example/log\n7\n')).toBe(true);
  });

  it('key ID uses signature type 0x04', () => {
    const pub = ed25519PublicKeyBytes(cosigner.publicKey);
    expect(cosignatureKeyId(name, cosigner.publicKey)).toBe(noteKeyId(name, 0x04, pub));
    expect(cosignatureKeyId(name, cosigner.publicKey)).not.toBe(noteKeyId(name, 0x01, pub));
    const vkey = formatCosignatureVerifierKey(name, cosigner.publicKey);
    expect(parseVerifierKey(vkey)).toMatchObject({ name, type: 4, keyId: cosignatureKeyId(name, cosigner.publicKey) });
  });

  it('round trip: timestamp || signature, verified with the time', () => {
    const sig = signCosignature(body, cosigner.privateKey, 1_700_000_000);
    expect(sig.length).toBe(COSIGNATURE_SIZE);
    expect(readUint64BE(sig)).toBe(1_700_000_000n);
    expect(cosignatureTimestamp(sig)).toBe(1_700_000_000);
    expect(verifyCosignature(body, cosigner.publicKey, sig)).toEqual({ ok: true, timestamp: 1_700_000_000 });
  });

  it('a changed checkpoint, timestamp or key fails', () => {
    const sig = signCosignature(body, cosigner.privateKey, 1_700_000_000);
    const changed = formatCheckpoint({ origin: 'khwamdee.example/log', size: 8, rootHash: leafHash(utf8('x')) });
    expect(verifyCosignature(changed, cosigner.publicKey, sig).ok).toBe(false);
    const retimed = Uint8Array.from(sig);
    retimed[7]! ^= 1;
    expect(verifyCosignature(body, cosigner.publicKey, retimed).ok).toBe(false);
    expect(verifyCosignature(body, generateKeyPairSync('ed25519').publicKey, sig).ok).toBe(false);
    expect(verifyCosignature(body, cosigner.publicKey, sig.slice(0, 71)).ok).toBe(false);
  });

  it('only cosigns checkpoint text and takes the time as an argument', () => {
    expect(() => signCosignature('not a checkpoint\n', cosigner.privateKey, 1)).toThrow(TypeError);
    expect(() => cosignedMessage(body, -1)).toThrow(RangeError);
    expect(() => cosignedMessage(body, 1.5)).toThrow(RangeError);
  });

  it('as note signatures: a log-signed checkpoint cosigned by a witness', () => {
    const log = generateKeyPairSync('ed25519');
    const logSigner = ed25519NoteSigner('khwamdee.example/log', log.privateKey);
    const signed = parseNote(signNote(body, logSigner));
    const cosigned = signNote(signed.text, cosignatureSigner(name, cosigner.privateKey, 1_700_000_123), signed.signatures);

    const witnessVerifier = cosignatureVerifierFromKey(formatCosignatureVerifierKey(name, cosigner.publicKey));
    const result = verifyNote(cosigned, [ed25519NoteVerifier('khwamdee.example/log', log.publicKey), witnessVerifier]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const witnessSig = result.verified.find((s) => s.name === name)!;
    expect(cosignatureTimestamp(witnessSig.signature)).toBe(1_700_000_123);

    const tampered = cosigned.replace('\n7\n', '\n8\n');
    expect(verifyNote(tampered, [witnessVerifier]).ok).toBe(false);
    // The same key as a plain Ed25519 note key has a different key ID: the line is ignored.
    expect(verifyNote(cosigned, [ed25519NoteVerifier(name, cosigner.publicKey)])).toMatchObject({ ok: false });
  });

  it('verifies a real witnessed checkpoint: log signature (0x01) and remora.n621.de cosignature (0x04)', () => {
    // Lines from unknown keys (the RFC 6962 0x05 signature under the same
    // name, the other witnesses) are ignored.
    const log = verifyNote(REAL_CHECKPOINT, [noteVerifierFromKey(LOG_VKEY)]);
    expect(log.ok).toBe(true);
    if (log.ok) expect(log.unverified).toHaveLength(5);

    const witness = verifyNote(REAL_CHECKPOINT, [cosignatureVerifierFromKey(REMORA_VKEY)]);
    expect(witness.ok).toBe(true);
    if (!witness.ok) return;
    const sig = witness.verified[0]!;
    expect(sig.keyId.toString(16)).toBe('da77ade7');
    expect(cosignatureTimestamp(sig.signature)).toBe(0x6a122120);

    const clobbered = REAL_CHECKPOINT.replace('\n1432088532\n', '\n42\n');
    expect(verifyNote(clobbered, [cosignatureVerifierFromKey(REMORA_VKEY)]).ok).toBe(false);
    expect(toHex(parseVerifierKey(REMORA_VKEY).key)).toHaveLength(64);
  });

  it('cosignatureVerifier rejects garbage without throwing', () => {
    const v = cosignatureVerifier(name, cosigner.publicKey);
    expect(v.verify(new Uint8Array([0xff]), new Uint8Array(72))).toBe(false);
    expect(v.verify(utf8(body), new Uint8Array(72))).toBe(false);
  });
});
