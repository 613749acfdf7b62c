// Opens the one query layer over SQLite (embedded default) or PostgreSQL (server mode).
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, type SqliteDatabase, type SqliteStatement } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { migrate } from './migrations.js';
import { TurnTakingSqliteDialect } from './turns.js';
import { replicaWithFallback } from './replica-failover.js';
import { prepareNamedStatements } from './pg-statements.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  /** The primary: every write, and every read that must see its own writes or runs inside a transaction. */
  db: Kysely<Database>;
  /**
   * Reads that may lag the primary by a moment (public figures, the public log, a person's score and
   * credits): the streaming replica when one is configured, else the primary itself. Never written.
   */
  read: Kysely<Database>;
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
  return { db, read: db, dialect: 'sqlite', waiting: () => dialect.turns.waiting(), close: () => db.destroy() };
}

export const DEFAULT_POOL_MAX = 10;

function openPool(url: string, max: number, extra: pg.PoolConfig = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, ...extra });
  // A connection the server terminates (restart, failover, DROP … FORCE) fails its running query,
  // which the caller sees; the pool drops the connection. Without a listener the client's own
  // 'error' event would also crash the process, e.g. for a client the pool is already closing.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    prepareNamedStatements(client);
  });
  return pool;
}

// Any constant shared by every process that starts on this database.
const STARTUP_LOCK_KEY = 7_310_593_858_420_179_017n;

/**
 * Runs start-up work (migrations, seed data) one process at a time: several processes starting
 * together on one PostgreSQL database wait for each other instead of racing to create the same
 * rows. A session lock on one held connection; the work itself uses the pool. SQLite: one process.
 */
export async function oneStarterAtATime<T>(db: Kysely<Database>, dialect: Dialect, fn: () => Promise<T>): Promise<T> {
  if (dialect !== 'postgres') return fn();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK_KEY.toString()}::bigint)`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK_KEY.toString()}::bigint)`.execute(conn);
    }
  });
}

/** A replica host that does not answer must not hold a read for the kernel's TCP timeout. */
const REPLICA_CONNECT_TIMEOUT_MS = 2_000;

export async function openPostgres(url: string, opts: { poolMax?: number; replicaUrl?: string | undefined; onReplicaDown?: (err: unknown) => void } = {}): Promise<Store> {
  const poolMax = opts.poolMax ?? DEFAULT_POOL_MAX;
  const pool = openPool(url, poolMax);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // The replica gets a pool of its own; it is never migrated (it follows the primary's WAL). While it
  // is down its reads go to the primary (replica-failover.ts).
  const read = opts.replicaUrl
    ? new Kysely<Database>({
        dialect: new PostgresDialect({
          pool: replicaWithFallback(openPool(opts.replicaUrl, poolMax, { connectionTimeoutMillis: REPLICA_CONNECT_TIMEOUT_MS }), pool, {
            onFallback: opts.onReplicaDown,
          }),
        }),
      })
    : db;
  try {
    // The lock needs a connection of its own while the migrations use others.
    await oneStarterAtATime(db, 'postgres', () => migrate(db as Kysely<unknown>, 'postgres'));
  } catch (err) {
    await Promise.all([db.destroy(), read !== db ? read.destroy() : undefined]);
    throw err;
  }
  return {
    db,
    read,
    dialect: 'postgres',
    waiting: () => pool.waitingCount,
    // Both pools end their connections on shutdown.
    close: async () => {
      await Promise.all([db.destroy(), read !== db ? read.destroy() : undefined]);
    },
  };
}

export function openStore(opts: {
  databaseUrl?: string | undefined;
  replicaUrl?: string | undefined;
  poolMax?: number | undefined;
  sqliteFile: string;
  onReplicaDown?: (err: unknown) => void;
}): Promise<Store> {
  if (opts.replicaUrl && !opts.databaseUrl) throw new Error('a read replica needs a PostgreSQL primary (DATABASE_URL)');
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, { poolMax: opts.poolMax, replicaUrl: opts.replicaUrl, onReplicaDown: opts.onReplicaDown }) : openSqlite(opts.sqliteFile);
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
