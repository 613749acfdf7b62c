// Hot queries compiled once per dialect and re-bound with new parameters: Kysely builds and
// compiles an operation tree on every call otherwise, which costs more than SQLite's own work.
import type { CompiledQuery, Compilable, QueryResult } from 'kysely';
import type { Queryable } from './repos/types.js';
import { sqliteConnections } from './database.js';
import { nameStatement } from './pg-statements.js';

const SENTINEL = '\u0000kd-param:';
const sentinel = (i: number) => `${SENTINEL}${i}`;

interface Template {
  compiled: CompiledQuery;
  /** For each SQL parameter, the argument index it comes from, or the constant it always is. */
  slots: Array<{ arg: number } | { value: unknown }>;
}

/** Literal values a query keeps a compiled text for before it starts over (years in use: a handful). */
const LITERAL_SHAPES = 64;

/**
 * `build` must pass each argument straight into the query as a value (no transformation), so
 * it can be compiled once with placeholders standing in for the arguments.
 */
export function preparedQuery<R>(
  arity: number,
  build: (db: Queryable, ...args: string[]) => Compilable<R>,
  opts: {
    readOnly?: boolean;
    /** `serverSide: false`: not a named statement on PostgreSQL (list queries of many shapes). */
    serverSide?: boolean;
    /**
     * Arguments (by index) written into the SQL text as integer literals, with `sql.lit` in `build`,
     * which gets their real value: one text per value. For the partition key (credits' year): a
     * named statement's generic plan with `year = $2` prunes partitions only when it runs, after
     * locking every partition and its indexes, which made a score read cost PostgreSQL about four
     * times the work of the same read with the year in the text (pruned when planned).
     */
    literals?: readonly number[];
  } = {},
) {
  const literals = opts.literals ?? [];
  const templates = new WeakMap<object, Map<string, Template>>();
  return async (db: Queryable, ...args: unknown[]): Promise<QueryResult<R>> => {
    const adapter = db.getExecutor().adapter;
    let byLiteral = templates.get(adapter);
    if (!byLiteral) {
      byLiteral = new Map();
      templates.set(adapter, byLiteral);
    }
    let key = '';
    for (const i of literals) {
      // Into the SQL text only as an integer: never a caller's string.
      if (!Number.isSafeInteger(args[i])) throw new TypeError(`preparedQuery: argument ${i} must be an integer literal, got ${String(args[i])}`);
      key += `${args[i]},`;
    }
    let t = byLiteral.get(key);
    if (!t) {
      const compiled = build(db, ...Array.from({ length: arity }, (_, i) => (literals.includes(i) ? (args[i] as string) : sentinel(i)))).compile();
      const slots = compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(SENTINEL) ? { arg: Number(p.slice(SENTINEL.length)) } : { value: p }));
      t = { compiled, slots };
      if (byLiteral.size >= LITERAL_SHAPES) byLiteral.clear();
      byLiteral.set(key, t);
      // On PostgreSQL the text is sent as a named statement, parsed and planned once per connection.
      if (opts.serverSide !== false) nameStatement(compiled.sql);
    }
    const parameters = t.slots.map((s) => ('arg' in s ? args[s.arg] : s.value));
    // Inside a transaction this code holds SQLite's one connection: run the cached statement directly.
    const conn = sqliteConnections.get(adapter);
    // Outside a transaction only reads go direct, and only while no other transaction holds the connection.
    if (conn && (db.isTransaction || (opts.readOnly && !conn.inTransaction()))) {
      const stmt = conn.prepare(t.compiled.sql);
      if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
      const info = stmt.run(parameters);
      return { rows: [], numAffectedRows: BigInt(info.changes) };
    }
    return db.executeQuery<R>({ ...t.compiled, parameters } as CompiledQuery<R>);
  };
}

/** An insert compiled once per set of columns (the row's own keys, so a new column is never dropped). */
export function preparedInsert<Row extends object>(table: 'attestations' | 'credits' | 'log_entries', opts: { ignoreConflictOn?: readonly string[] } = {}) {
  const byColumns = new Map<string, (db: Queryable, ...args: unknown[]) => Promise<QueryResult<unknown>>>();
  return (db: Queryable, row: Row) => {
    const columns = Object.keys(row);
    const key = columns.join(',');
    let q = byColumns.get(key);
    if (!q) {
      // The row type is checked by the caller's signature; here it is only a column → value map.
      q = preparedQuery(columns.length, (d, ...p) => {
        const insert = d.insertInto(table).values(Object.fromEntries(columns.map((c, i) => [c, p[i]])) as never);
        return opts.ignoreConflictOn ? insert.onConflict((oc) => oc.columns(opts.ignoreConflictOn as never).doNothing()) : insert;
      });
      byColumns.set(key, q);
    }
    return q(db, ...Object.values(row));
  };
}

/** Distinct list lengths a list query keeps compiled before it starts over (each is one SQL text). */
const LIST_SHAPES = 512;

/**
 * A query taking lists of values (`in (…)`), compiled once per combination of list lengths: a
 * chunk's set queries otherwise build and compile a tree of hundreds of values every time. `build`
 * gets placeholder lists of those lengths and must put each element into the query as a value.
 */
export function preparedListQuery<R>(build: (db: Queryable, ...lists: string[][]) => Compilable<R>, opts: { readOnly?: boolean } = {}) {
  const byShape = new Map<string, (db: Queryable, ...args: unknown[]) => Promise<QueryResult<R>>>();
  return (db: Queryable, ...lists: ReadonlyArray<readonly unknown[]>): Promise<QueryResult<R>> => {
    const lengths = lists.map((l) => l.length);
    const key = lengths.join(',');
    let q = byShape.get(key);
    if (!q) {
      const arity = lengths.reduce((a, b) => a + b, 0);
      q = preparedQuery(
        arity,
        (d, ...p) => {
          let at = 0;
          return build(
            d,
            ...lengths.map((n) => {
              const part = p.slice(at, at + n);
              at += n;
              return part;
            }),
          );
        },
        // Hundreds of shapes, each a text of its own: prepared on the server, they would fill every connection.
        { ...opts, serverSide: false },
      );
      if (byShape.size >= LIST_SHAPES) byShape.clear();
      byShape.set(key, q);
    }
    return q(db, ...lists.flat());
  };
}
