import { sql, type Expression, type SqlBool } from 'kysely';
import type { OpportunitiesTable } from '../schema.js';
import type { Queryable } from './types.js';

export type OpportunityRow = OpportunitiesTable;

export interface OpportunityFilter {
  status?: OpportunityRow['status'] | undefined;
  agency?: string | undefined;
  /** Only these indicators (already narrowed by domain, if one was asked for). */
  indicators?: readonly string[] | undefined;
  /** Placed inside this area, or at a coarser level that contains it. */
  area?: string | undefined;
  /** Words in the Thai or English title. */
  text?: string | undefined;
  /** Still running at or after this instant (ends after it). */
  endsAfter?: string | undefined;
  /** Starting before this instant. */
  startsBefore?: string | undefined;
  /** Sort by proximity to this subdistrict first. */
  near?: string | undefined;
  /** Keyset position: the last item of the previous page. */
  after?: { rank: number; startsAt: string; id: string } | undefined;
  limit: number;
}

const escapeLike = (text: string) => text.replace(/[%_\\]/g, (m) => `\\${m}`);

/** 0 the same subdistrict, 1 the same district, 2 the same province, 3 elsewhere (core/opportunities.ts proximityRank). */
function rankOf(near: string): Expression<number> {
  return sql<number>`(case when area_code = ${near} then 0 when substr(area_code, 1, 4) = ${near.slice(0, 4)} then 1 when substr(area_code, 1, 2) = ${near.slice(0, 2)} then 2 else 3 end)`;
}

export const opportunitiesRepo = {
  /** Inserts unless the agency already used this ref; false means a replay (the unique index decides, also under concurrency). */
  async insertIfNew(db: Queryable, row: OpportunityRow): Promise<boolean> {
    const r = await db
      .insertInto('opportunities')
      .values(row)
      .onConflict((oc) => oc.columns(['agency_code', 'ref']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
  },

  findById: (db: Queryable, id: string) => db.selectFrom('opportunities').selectAll().where('id', '=', id).executeTakeFirst(),

  findByRef: (db: Queryable, agency: string, ref: string) => db.selectFrom('opportunities').selectAll().where('agency_code', '=', agency).where('ref', '=', ref).executeTakeFirst(),

  /** Changes a published opportunity of this agency; false if there is none. */
  async update(db: Queryable, id: string, agency: string, set: Partial<Omit<OpportunityRow, 'id' | 'agency_code' | 'ref' | 'request_hash' | 'created_at'>>): Promise<boolean> {
    const r = await db.updateTable('opportunities').set(set).where('id', '=', id).where('agency_code', '=', agency).where('status', '=', 'published').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  list(db: Queryable, f: OpportunityFilter) {
    const rank = f.near ? rankOf(f.near) : undefined;
    let q = db.selectFrom('opportunities').selectAll();
    if (f.status) q = q.where('status', '=', f.status);
    if (f.agency) q = q.where('agency_code', '=', f.agency);
    if (f.indicators) {
      if (f.indicators.length === 0) return Promise.resolve([]);
      q = q.where('indicator_code', 'in', f.indicators);
    }
    if (f.area) {
      // Area codes are digits only (validated), so they need no escaping in LIKE.
      const area = f.area;
      const containing = [area.slice(0, 2), area.slice(0, 4)].filter((c) => c.length < area.length);
      q = q.where((eb) => eb.or([eb('area_code', 'like', `${area}%`), ...(containing.length ? [eb('area_code', 'in', containing)] : [])]));
    }
    if (f.text) {
      const pattern = `%${escapeLike(f.text.toLowerCase())}%`;
      q = q.where((eb) =>
        eb.or([sql<SqlBool>`lower(${eb.ref('title_th')}) like ${pattern} escape '\\'`, sql<SqlBool>`lower(coalesce(${eb.ref('title_en')}, '')) like ${pattern} escape '\\'`]),
      );
    }
    if (f.endsAfter) q = q.where('ends_at', '>', f.endsAfter);
    if (f.startsBefore) q = q.where('starts_at', '<', f.startsBefore);
    if (f.after) {
      const a = f.after;
      q = q.where((eb) => {
        const later = eb.or([eb('starts_at', '>', a.startsAt), eb.and([eb('starts_at', '=', a.startsAt), eb('id', '>', a.id)])]);
        return rank ? eb.or([eb(rank, '>', a.rank), eb.and([eb(rank, '=', a.rank), later])]) : later;
      });
    }
    if (rank) q = q.orderBy(rank);
    return q.orderBy('starts_at').orderBy('id').limit(f.limit).execute();
  },
};
