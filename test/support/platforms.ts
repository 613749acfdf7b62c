// Opens a complete platform (services + HTTP app) on a fresh SQLite file or a fresh PostgreSQL
// database of the server started by global-setup, so every integration suite runs on both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/adapters/clock.js';
import { generateSecrets } from '../../src/adapters/secrets.js';
import { openPlatform, type Platform } from '../../src/platform.js';
import { buildApp } from '../../src/http/app.js';
import { createDatabase, dropDatabase } from './postgres.js';

export const DB_KINDS = ['sqlite', 'postgres'] as const;
export type DbKind = (typeof DB_KINDS)[number];

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestPlatform extends Platform {
  app: FastifyInstance;
  clock: ReturnType<typeof fixedClock>;
  databaseUrl: string | undefined;
  dataDir: string;
  cleanup(): Promise<void>;
}

export async function openTestPlatform(kind: DbKind, now = new Date('2026-06-15T03:00:00Z')): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'khwamdee-test-'));
  const clock = fixedClock(now);
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  if (kind === 'postgres') {
    dbName = `t_${randomBytes(6).toString('hex')}`;
    databaseUrl = await createDatabase(inject('pgUrl'), dbName);
  }
  const platform = await openPlatform({ dataDir, databaseUrl, adminToken: ADMIN_TOKEN, clock, secrets: generateSecrets() });
  const app = await buildApp({ services: platform.services, db: platform.store.db, now: () => clock.now() });
  return {
    ...platform,
    app,
    clock,
    databaseUrl,
    dataDir,
    async cleanup() {
      await app.close();
      await platform.close();
      if (dbName) await dropDatabase(inject('pgUrl'), dbName);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let idCounter = 0;
/** A distinct valid Thai national ID per call (within one test process). */
export function nextNationalId(prefix = '1'): string {
  idCounter += 1;
  const first12 = `${prefix}${String(process.pid % 1000).padStart(3, '0')}${String(idCounter).padStart(8, '0')}`.slice(0, 12);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return first12 + String((11 - (sum % 11)) % 10);
}

export const auth = (token: string) => ({ authorization: `Bearer ${token}` });
