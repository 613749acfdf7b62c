// Server secrets live in one file in the data directory, generated on first start (mode 0600).
// They are never logged. Losing the file makes identifiers unrecoverable, so back it up.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { createKeyFileOnce } from './key-files.js';

const secretsSchema = z.object({
  version: z.literal(1),
  /** HMAC key for identifier lookup hashes. */
  identifierHashKey: z.string().regex(/^[0-9a-f]{64}$/),
  /** AES-256-GCM key for encrypted identifiers and per-person subject keys. */
  encryptionKey: z.string().regex(/^[0-9a-f]{64}$/),
});

export type Secrets = z.infer<typeof secretsSchema>;

export function generateSecrets(): Secrets {
  return { version: 1, identifierHashKey: randomBytes(32).toString('hex'), encryptionKey: randomBytes(32).toString('hex') };
}

export function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = join(dataDir, 'secrets.json');
  // Processes starting together on a shared data directory agree on one file.
  createKeyFileOnce(file, () => JSON.stringify(generateSecrets(), null, 2));
  chmodSync(file, 0o600);
  const parsed = secretsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a valid secrets file`);
  return parsed.data;
}
