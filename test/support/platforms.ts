// Opens a complete platform (services + HTTP app) on a fresh SQLite file or a fresh PostgreSQL
// database of the server started by global-setup, so every integration suite runs on both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/adapters/clock.js';
import { generateSecrets, type Secrets } from '../../src/adapters/secrets.js';
import { withThaiCheckDigit } from '../../src/core/ids.js';
import { openPlatform, type Platform, type PlatformOptions } from '../../src/platform.js';
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
  secrets: Secrets;
  cleanup(): Promise<void>;
}

/** Options passed through to openPlatform (e.g. loops turned off); storage, clock and keys are the harness's. */
export type TestPlatformOptions = Omit<PlatformOptions, 'dataDir' | 'databaseUrl' | 'adminToken' | 'clock' | 'secrets' | 'store'>;

export async function openTestPlatform(kind: DbKind, now = new Date('2026-06-15T03:00:00Z'), options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'khwamdee-test-'));
  const clock = fixedClock(now);
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  if (kind === 'postgres') {
    dbName = `t_${randomBytes(6).toString('hex')}`;
    databaseUrl = await createDatabase(inject('pgUrl'), dbName);
  }
  const secrets = generateSecrets();
  const platform = await openPlatform({ ...options, dataDir, databaseUrl, adminToken: ADMIN_TOKEN, clock, secrets });
  const app = await buildApp({ services: platform.services, db: platform.store.db, sessionSecret: platform.sessionSecret, now: () => clock.now() });
  return {
    ...platform,
    app,
    clock,
    databaseUrl,
    dataDir,
    secrets,
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
  return withThaiCheckDigit(`${prefix}${String(process.pid % 1000).padStart(3, '0')}${String(idCounter).padStart(8, '0')}`.slice(0, 12));
}

/**
 * A bearer token, and the purpose staff state when they read a person's record (required for every
 * staff read, recorded in the person's access log; ignored for other requests). `null`: state none.
 */
export const auth = (token: string, purpose: string | null = 'audit') => ({ authorization: `Bearer ${token}`, ...(purpose ? { 'x-khwamdee-purpose': purpose } : {}) });
