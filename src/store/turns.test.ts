import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { TurnTakingSqliteDialect, withPriority } from './turns.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { open, opened };
}

describe('turn-taking on SQLite', () => {
  let db: Kysely<unknown> | undefined;
  afterEach(async () => db?.destroy());

  it('serves priority work ahead of work that waited longer, also after another priority call ended', async () => {
    db = new Kysely<unknown>({ dialect: new TurnTakingSqliteDialect({ database: new BetterSqlite3(':memory:') }) });
    const k = db;
    const order: string[] = [];
    const query = (name: string) => sql`select 1`.execute(k).then(() => void order.push(name));
    // B is prioritised but waits; A starts and ends meanwhile.
    const bMayGo = gate();
    const b = withPriority(async () => {
      await bMayGo.opened;
      await query('b');
    });
    await withPriority(() => query('a'));
    // Someone holds the connection; ingest queues first, then B asks.
    const holding = gate();
    const release = gate();
    const held = k.transaction().execute(async () => {
      holding.open();
      await release.opened;
    });
    await holding.opened;
    const ingest = query('ingest');
    bMayGo.open();
    await new Promise((r) => setTimeout(r, 10));
    release.open();
    await Promise.all([held, ingest, b]);
    expect(order).toEqual(['a', 'b', 'ingest']);
    // Nothing is prioritised once every priority call has ended.
    const again = gate();
    const stillHeld = k.transaction().execute(() => again.opened);
    const first = query('first');
    const second = query('second');
    again.open();
    await Promise.all([stillHeld, first, second]);
    expect(order.slice(3)).toEqual(['first', 'second']);
  });
});
