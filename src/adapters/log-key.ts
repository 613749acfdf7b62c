// The log's Ed25519 signing key lives in the data directory (file `log-key`, mode 0600), generated
// on first start in the C2SP signer-key text form. It is never logged. Its name is the log origin,
// so a different configured origin is refused: that would be a different log.
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKeyFileOnce } from './key-files.js';
import { formatEd25519VerifierKey, generateNoteKey, isValidKeyName, noteSignerFromKey, parseSignerKey, type NoteSigner } from '../core/merkle/index.js';

export const LOG_KEY_FILE = 'log-key';

export interface LogKey {
  origin: string;
  signer: NoteSigner;
  /** `origin+keyid+base64(0x01 || public key)`, what /log/key serves. */
  verifierKey: string;
}

export function logKeyFromSignerKey(signerKey: string): LogKey {
  const parsed = parseSignerKey(signerKey);
  return { origin: parsed.name, signer: noteSignerFromKey(signerKey), verifierKey: formatEd25519VerifierKey(parsed.name, parsed.publicKey) };
}

export function loadOrCreateLogKey(dataDir: string, origin: string): LogKey {
  if (!isValidKeyName(origin)) throw new Error(`log origin ${JSON.stringify(origin)} is not a valid key name (no spaces or '+')`);
  const file = join(dataDir, LOG_KEY_FILE);
  createKeyFileOnce(file, () => `${generateNoteKey(origin).signerKey}\n`);
  chmodSync(file, 0o600);
  let key: LogKey;
  try {
    key = logKeyFromSignerKey(readFileSync(file, 'utf8').trim());
  } catch {
    throw new Error(`${file} is not a valid log signing key`);
  }
  if (key.origin !== origin) {
    throw new Error(`${file} signs the log "${key.origin}" but the configured origin is "${origin}"; the origin must stay stable`);
  }
  return key;
}
