// Opens the one query layer over SQLite (embedded default) or PostgreSQL (server mode).
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { migrate } from './migrations.js';
import { TurnTakingSqliteDialect } from './turns.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Queries and transactions waiting for a database connection: the platform's back-pressure signal. */
  waiting(): number;
  close(): Promise<void>;
}

// PostgreSQL returns COUNT/SUM as int8 strings; our counts and points fit a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** Kysely prepares every query anew; caching statements by SQL text keeps SQLite near its raw speed. */
function cachingSqlite(raw: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => raw.close(),
    prepare(sqlText: string): SqliteStatement {
      let stmt = cache.get(sqlText);
      if (!stmt) {
        stmt = raw.prepare(sqlText) as unknown as SqliteStatement;
        if (cache.size > 2000) cache.clear();
        cache.set(sqlText, stmt);
      }
      return stmt;
    },
  };
}

/** The statement cache behind each SQLite Kysely instance, keyed by its dialect adapter (shared with its transactions). */
export const sqliteConnections = new WeakMap<object, SqliteDatabase & { inTransaction(): boolean }>();

/** The database and its -wal/-shm files are readable by the platform's user only (0600, like the secrets). */
function restrictSqliteFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

export async function openSqlite(file: string): Promise<Store> {
  // Created 0600 before SQLite opens it; SQLite gives the -wal and -shm files the database file's mode.
  if (file !== ':memory:') {
    closeSync(openSync(file, 'a', 0o600));
    restrictSqliteFiles(file);
  }
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 5000');
  // Deleted and overwritten content is zeroed, so an erased person's old bytes do not linger in free space.
  raw.pragma('secure_delete = ON');
  const conn = Object.assign(cachingSqlite(raw), { inTransaction: () => raw.inTransaction });
  const dialect = new TurnTakingSqliteDialect({ database: conn });
  const db = new Kysely<Database>({ dialect });
  sqliteConnections.set(db.getExecutor().adapter, conn);
  await migrate(db as Kysely<unknown>, 'sqlite');
  // Files an older version left readable by others are tightened too.
  if (file !== ':memory:') restrictSqliteFiles(file);
  return { db, dialect: 'sqlite', waiting: () => dialect.turns.waiting(), close: () => db.destroy() };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A connection the server terminates (restart, failover, DROP … FORCE) fails its running query,
  // which the caller sees; the pool drops the connection. Without a listener the client's own
  // 'error' event would also crash the process, e.g. for a client the pool is already closing.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db as Kysely<unknown>, 'postgres');
  return { db, dialect: 'postgres', waiting: () => pool.waitingCount, close: () => db.destroy() };
}

export function openStore(opts: { databaseUrl?: string | undefined; sqliteFile: string }): Promise<Store> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openSqlite(opts.sqliteFile);
}

/** PostgreSQL chose this transaction as a deadlock victim, or could not serialise it: safe to run again. */
export function isRetryableConflict(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === '40P01' || code === '40001';
}

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
