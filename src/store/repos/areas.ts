import type { AreasTable } from '../schema.js';
import type { Queryable } from './types.js';

export type AreaRow = AreasTable;

export const areasRepo = {
  count: async (db: Queryable) =>
    Number(
      (
        await db
          .selectFrom('areas')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  async insertMany(db: Queryable, rows: AreaRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('areas')
        .values(rows.slice(i, i + 500))
        .execute();
  },
  /** The 77 provinces, by code. */
  provinces: (db: Queryable) => db.selectFrom('areas').selectAll().where('level', '=', 'province').orderBy('code').execute(),
  findByCode: (db: Queryable, code: string) => db.selectFrom('areas').selectAll().where('code', '=', code).executeTakeFirst(),
  findMany: (db: Queryable, codes: readonly string[]) => (codes.length === 0 ? Promise.resolve([]) : db.selectFrom('areas').selectAll().where('code', 'in', codes).execute()),
  search(db: Queryable, q: { text?: string | undefined; level?: AreaRow['level'] | undefined; parent?: string | undefined; limit: number }) {
    let query = db.selectFrom('areas').selectAll();
    if (q.text) {
      const like = `%${q.text.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
      query = query.where((eb) => eb.or([eb('name_th', 'like', like), eb(eb.fn('lower', ['name_en']), 'like', like.toLowerCase())]));
    }
    if (q.level) query = query.where('level', '=', q.level);
    if (q.parent) query = query.where('parent_code', '=', q.parent);
    return query.orderBy('code').limit(q.limit).execute();
  },
};
