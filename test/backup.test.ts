// Backup and restore on SQLite and PostgreSQL, round-tripped: an installation with a person, a credit
// and a signed checkpoint is backed up while open, restored into an empty installation, and the
// restored one finds the person by national ID (the keys came along), gives the same score and the
// same signed log. A changed byte or a non-empty target is refused before anything is written.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { fixedClock } from '../src/adapters/clock.js';
import { BackupError, backup, restore } from '../src/cli/backup.js';
import { buildApp } from '../src/http/app.js';
import { openPlatform } from '../src/platform.js';
import { ADMIN_TOKEN, DB_KINDS, type DbKind } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, scoreOf } from './support/helpers.js';
import { createDatabase, dropDatabase } from './support/postgres.js';

const ADMIN = ADMIN_TOKEN;
const clock = fixedClock(new Date('2026-06-01T03:00:00Z'));

async function installation(kind: DbKind) {
  const dataDir = mkdtempSync(join(tmpdir(), 'khwamdee-backup-'));
  const dbName = kind === 'postgres' ? `b_${randomBytes(6).toString('hex')}` : undefined;
  const databaseUrl = dbName ? await createDatabase(inject('pgUrl'), dbName) : undefined;
  return {
    dataDir,
    databaseUrl,
    async open() {
      const platform = await openPlatform({ dataDir, databaseUrl, adminToken: ADMIN, clock, sequencer: { autoStart: false }, webhooks: { autoStart: false } });
      const app = await buildApp({ services: platform.services, db: platform.store.db, sessionSecret: platform.sessionSecret, now: () => clock.now() });
      return Object.assign(platform, {
        app,
        async stop() {
          await app.close();
          await platform.close();
        },
      });
    },
    async remove() {
      if (dbName) await dropDatabase(inject('pgUrl'), dbName);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe.each(DB_KINDS)('backup and restore (%s)', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('restores an installation that finds the same person, score and signed log', async () => {
    const original = await installation(kind);
    const copy = await installation(kind);
    const dir = join(mkdtempSync(join(tmpdir(), 'khwamdee-bk-')), 'backup');
    cleanups.push(original.remove, copy.remove, async () => rmSync(dir, { recursive: true, force: true }));

    const p = await original.open();
    const person = await enrolPerson(p.app, { consents: ['enrolment', 'health'] });
    const trc = await agencyToken(p.app, 'trc');
    const deed = { ref: 'bk-1', subject: { accountId: person.id }, indicator: 'trc.blood.red-cell', occurredAt: '2026-05-02T09:00:00+07:00', evidence: { donationNo: 'B-1' } };
    expect((await attest(p.app, trc, deed)).json().status).toBe('credited');
    await p.sequencer.catchUp();
    const score = await scoreOf(p.app, person.id, 2026);
    const checkpoint = (await p.app.inject({ method: 'GET', url: '/log/checkpoint' })).body;
    // Online: the backup runs while the installation is open.
    const manifest = await backup({ dataDir: original.dataDir, databaseUrl: original.databaseUrl }, dir);
    await p.stop();

    expect(manifest.database).toBe(kind);
    expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['secrets.json', 'log-key', 'jwt-signing-key.json']));
    for (const f of manifest.files) expect(statSync(join(dir, f.path)).mode & 0o077, f.path).toBe(0);

    await restore(dir, { dataDir: copy.dataDir, databaseUrl: copy.databaseUrl });
    const q = await copy.open();
    try {
      expect(await scoreOf(q.app, person.id, 2026)).toEqual(score);
      expect((await q.app.inject({ method: 'GET', url: '/log/checkpoint' })).body).toBe(checkpoint);
      // The national ID is found again: the lookup hash and its key came back together.
      const found = await q.app.inject({
        method: 'POST',
        url: '/api/v1/accounts/lookup',
        headers: { authorization: `Bearer ${ADMIN}`, 'x-khwamdee-purpose': 'audit' },
        payload: { nationalId: person.nationalId },
      });
      expect(found.statusCode).toBe(200);
      expect(found.json().id).toBe(person.id);
      // The replayed attestation is recognised as the same one (the data, not a fresh start).
      const again = await attest(q.app, await agencyToken(q.app, 'trc'), deed);
      expect(again.statusCode).toBe(200);
    } finally {
      await q.stop();
    }
  });

  it('refuses a changed backup and a target that already holds an installation, writing nothing', async () => {
    const original = await installation(kind);
    const target = await installation(kind);
    const dir = join(mkdtempSync(join(tmpdir(), 'khwamdee-bk-')), 'backup');
    cleanups.push(original.remove, target.remove, async () => rmSync(dir, { recursive: true, force: true }));
    const p = await original.open();
    await enrolPerson(p.app);
    await p.stop();
    await backup({ dataDir: original.dataDir, databaseUrl: original.databaseUrl }, dir);
    await expect(backup({ dataDir: original.dataDir, databaseUrl: original.databaseUrl }, dir)).rejects.toThrow(/must be empty/);

    const keyFile = join(dir, 'log-key');
    const bytes = readFileSync(keyFile);
    writeFileSync(keyFile, Buffer.concat([bytes, Buffer.from(' ')]));
    await expect(restore(dir, { dataDir: target.dataDir, databaseUrl: target.databaseUrl })).rejects.toThrow(/log-key is missing or was changed/);
    expect(existsSync(join(target.dataDir, 'secrets.json'))).toBe(false);
    writeFileSync(keyFile, bytes);

    // The original installation is not empty: restoring over it is refused.
    const over = restore(dir, { dataDir: original.dataDir, databaseUrl: original.databaseUrl });
    await expect(over).rejects.toBeInstanceOf(BackupError);
    await expect(over).rejects.toThrow(/already holds an installation/);
  });
});
