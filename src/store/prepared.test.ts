import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openSqlite } from './database.js';
import { preparedQuery } from './prepared.js';

describe('preparedQuery literals', () => {
  it('writes an integer argument into the text, one text per value, and refuses anything but an integer there', async () => {
    const store = await openSqlite(':memory:');
    try {
      const texts: string[] = [];
      const q = preparedQuery<{ y: number; a: string }>(
        2,
        (db, a, y) => {
          const built = db.selectNoFrom([sql.lit(Number(y)).as('y'), sql<string>`${a}`.as('a')]);
          texts.push(built.compile().sql);
          return built;
        },
        { readOnly: true, literals: [1] },
      );
      expect((await q(store.db, 'x', 2026)).rows).toEqual([{ y: 2026, a: 'x' }]);
      expect((await q(store.db, 'z', 2026)).rows).toEqual([{ y: 2026, a: 'z' }]);
      expect((await q(store.db, 'x', 2027)).rows).toEqual([{ y: 2027, a: 'x' }]);
      // Compiled once per value; the other argument stays a parameter.
      expect(texts).toEqual(['select 2026 as "y", ? as "a"', 'select 2027 as "y", ? as "a"']);
      await expect(q(store.db, 'x', '2026) or (1=1')).rejects.toThrow(TypeError);
      await expect(q(store.db, 'x', 2026.5)).rejects.toThrow(TypeError);
      expect(texts).toHaveLength(2);
    } finally {
      await store.close();
    }
  });
});
