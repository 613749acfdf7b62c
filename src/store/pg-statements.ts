// Server-side prepared statements on PostgreSQL for the queries compiled once (prepared.ts): node-pg
// sends every query unnamed, so PostgreSQL parses and plans it on every call, and planning a read of
// the year-partitioned credits took longer than running it (about 1 ms against 0.2 ms). A statement
// sent with a name is parsed once per connection and its plan cached by PostgreSQL (a generic plan
// after a few calls, with partitions pruned at run time). Only the fixed texts of prepared.ts are
// named: ad-hoc queries (multi-row inserts of any length) would fill every connection with statements.
import type pg from 'pg';

const names = new Map<string, string>();

/** Marks an SQL text as one to prepare on the server (called once per compiled template). */
export function nameStatement(sqlText: string): void {
  if (!names.has(sqlText)) names.set(sqlText, `kd_${names.size + 1}`);
}

/** Makes a pooled client send the marked texts as named statements (pool 'connect' listener). */
export function prepareNamedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const [text, values] = args;
    const name = typeof text === 'string' && args.length === 2 && Array.isArray(values) ? names.get(text) : undefined;
    return name ? query({ name, text, values }) : query(...args);
  }) as typeof client.query;
}
