// The SQL texts a SQLite platform runs, seen where its statement cache is asked for them (every
// statement passes there, cached or not): for tests of what a route reads.
import type { Kysely } from 'kysely';
import { sqliteConnections } from '../../src/store/database.js';
import type { Database } from '../../src/store/schema.js';

export function watchSql(db: Kysely<Database>): { seen: string[]; stop(): void } {
  const conn = sqliteConnections.get(db.getExecutor().adapter);
  if (!conn) throw new Error('watchSql: not a SQLite platform');
  const seen: string[] = [];
  const prepare = conn.prepare.bind(conn);
  conn.prepare = (text: string) => {
    seen.push(text);
    return prepare(text);
  };
  return {
    seen,
    stop: () => {
      conn.prepare = prepare;
    },
  };
}
