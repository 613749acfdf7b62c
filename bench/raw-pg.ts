// The raw PostgreSQL baseline: the rows an import wrote, read back and written again with `COPY`
// (the fastest way into PostgreSQL) into a fresh database migrated by the platform's own code, so
// both sides write the same rows into the same schema, indexes included.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openPostgres } from '../src/store/database.js';
import { ATTESTATION_COLUMNS, CREDIT_COLUMNS, LOG_COLUMNS, type PostedEntry } from './raw.js';

async function withClient<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** Everything the import posted, in posting order (attestation ids are time-ordered UUIDv7). */
export function readPostedPg(url: string): Promise<PostedEntry[]> {
  return withClient(url, async (c) => {
    const select = async (table: string, cols: readonly string[], order: string) =>
      (await c.query({ text: `select ${cols.join(', ')} from ${table} order by ${order}`, rowMode: 'array' })).rows as unknown[][];
    const logCols = LOG_COLUMNS.map((col) => (col === 'leaf_index' ? 'null as leaf_index' : col));
    const credits = new Map<unknown, unknown[]>();
    for (const r of await select('credits', CREDIT_COLUMNS, 'id')) credits.set(r[1], r);
    const logs = new Map<unknown, unknown[]>();
    for (const r of await select('log_entries', logCols, 'seq')) if (r[0] === 'credit') logs.set(r[1], r);
    return (await select('attestations', ATTESTATION_COLUMNS, 'id')).map((a) => {
      const credit = credits.get(a[0]);
      return { attestation: a, credit, log: credit ? logs.get(credit[0]) : undefined };
    });
  });
}

/** An empty database `<name>_raw` beside the one in `url`, migrated to the platform's schema. */
export async function freshPostgresCopy(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const u = new URL(url);
  const name = `${u.pathname.slice(1)}_raw`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), (c) => c.query(`create database "${name}"`));
  const target = new URL(url);
  target.pathname = `/${name}`;
  const store = await openPostgres(target.toString());
  await store.close();
  return {
    url: target.toString(),
    drop: () => withClient(admin.toString(), (c) => c.query(`drop database "${name}" with (force)`)).then(() => undefined),
  };
}

/** COPY text format: tab-separated, \N for null, backslash escapes. */
function copyLine(values: readonly unknown[]): string {
  return `${values
    .map((v) => {
      if (v === null || v === undefined) return '\\N';
      const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
      return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
    })
    .join('\t')}\n`;
}

async function copyTable(c: pg.Client, table: string, cols: readonly string[], rows: Iterable<readonly unknown[]>): Promise<void> {
  function* lines() {
    let chunk = '';
    for (const r of rows) {
      chunk += copyLine(r);
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(lines()), c.query(copyFrom(`copy ${table} (${cols.join(', ')}) from stdin`)));
}

/** The same rows, one COPY per table inside one transaction; `committed` runs before the connection closes. */
export function copyPosted(url: string, entries: readonly PostedEntry[], committed: () => void): Promise<void> {
  return withClient(url, async (c) => {
    await c.query('begin');
    await copyTable(
      c,
      'attestations',
      ATTESTATION_COLUMNS,
      entries.map((e) => e.attestation),
    );
    await copyTable(
      c,
      'credits',
      CREDIT_COLUMNS,
      entries.flatMap((e) => (e.credit ? [e.credit] : [])),
    );
    await copyTable(
      c,
      'log_entries',
      LOG_COLUMNS,
      entries.flatMap((e) => (e.log ? [e.log] : [])),
    );
    await c.query('commit');
    committed();
  });
}
