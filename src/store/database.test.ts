import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from './database.js';

const modeOf = (f: string) => statSync(f).mode & 0o777;

describe('SQLite files', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('creates the database, its -wal and -shm readable by the owner only (0600), whatever the umask allows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'khwamdee-db-'));
    dirs.push(dir);
    const file = join(dir, 'khwamdee.sqlite');
    const store = await openSqlite(file);
    await sql`select count(*) from agencies`.execute(store.db);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe(0o600);
    await store.close();
  });

  it('tightens files an older version left readable by others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'khwamdee-db-'));
    dirs.push(dir);
    const file = join(dir, 'khwamdee.sqlite');
    const first = await openSqlite(file);
    await first.close();
    writeFileSync(`${file}-wal`, '', { flag: 'a' });
    chmodSync(file, 0o644);
    chmodSync(`${file}-wal`, 0o644);
    const store = await openSqlite(file);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe(0o600);
    await store.close();
  });
});
