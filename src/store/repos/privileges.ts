import { sql } from 'kysely';
import type { DebitsTable, PrivilegesTable, RedemptionsTable, UsedTokensTable } from '../schema.js';
import type { Queryable } from './types.js';
import { notReversed } from './reversals.js';

export type PrivilegeRow = PrivilegesTable;
export type RedemptionRow = RedemptionsTable;

export const privilegesRepo = {
  insert: (db: Queryable, row: PrivilegeRow) => db.insertInto('privileges').values(row).execute(),
  find: (db: Queryable, code: string) => db.selectFrom('privileges').selectAll().where('code', '=', code).executeTakeFirst(),
  list: (db: Queryable, q: { status?: PrivilegeRow['status']; partner?: string }) => {
    let query = db.selectFrom('privileges').selectAll();
    if (q.status) query = query.where('status', '=', q.status);
    if (q.partner) query = query.where('partner_code', '=', q.partner);
    return query.orderBy('code').execute();
  },
  /** Proposals waiting for the committee, oldest first. */
  pending: (db: Queryable) => db.selectFrom('privileges').selectAll().where('status', '=', 'proposed').orderBy('created_at').orderBy('code').execute(),
  /** Records the committee's decision on a proposal; 0 rows when it was no longer proposed. */
  async decide(db: Queryable, code: string, outcome: Pick<PrivilegeRow, 'status' | 'approved_at' | 'decided_by' | 'decided_at' | 'refusal_reason'>): Promise<number> {
    const r = await db.updateTable('privileges').set(outcome).where('code', '=', code).where('status', '=', 'proposed').executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
  /** Takes one unit of stock if any is left; false when sold out. */
  async takeStock(db: Queryable, code: string): Promise<boolean> {
    const r = await db
      .updateTable('privileges')
      .set({ stock_used: sql`stock_used + 1` })
      .where('code', '=', code)
      .where((eb) => eb.or([eb('stock_total', 'is', null), eb('stock_used', '<', eb.ref('stock_total'))]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  returnStock: (db: Queryable, code: string) =>
    db.updateTable('privileges').set({ stock_used: sql`stock_used - 1` }).where('code', '=', code).where('stock_used', '>', 0).execute(),
};

export const redemptionsRepo = {
  insert: (db: Queryable, row: RedemptionRow) => db.insertInto('redemptions').values(row).execute(),
  byRequest: (db: Queryable, accountId: string, key: string) =>
    db.selectFrom('redemptions').selectAll().where('account_id', '=', accountId).where('request_key', '=', key).executeTakeFirst(),
  byShortCode: (db: Queryable, code: string) => db.selectFrom('redemptions').selectAll().where('short_code', '=', code).executeTakeFirst(),
  byId: (db: Queryable, id: string) => db.selectFrom('redemptions').selectAll().where('id', '=', id).executeTakeFirst(),
  confirm: (db: Queryable, id: string, at: string) =>
    db.updateTable('redemptions').set({ status: 'confirmed', confirmed_at: at, closed_at: at }).where('id', '=', id).where('status', '=', 'issued').executeTakeFirst(),
  expire: (db: Queryable, id: string, at: string) =>
    db.updateTable('redemptions').set({ status: 'expired', closed_at: at }).where('id', '=', id).where('status', '=', 'issued').executeTakeFirst(),
  due: (db: Queryable, now: string, limit: number) =>
    db.selectFrom('redemptions').selectAll().where('status', '=', 'issued').where('expires_at', '<=', now).orderBy('expires_at').limit(limit).execute(),
  forAccount: (db: Queryable, accountId: string) => db.selectFrom('redemptions').selectAll().where('account_id', '=', accountId).orderBy('issued_at', 'desc').execute(),
  statsForPartner: (db: Queryable, partner: string) =>
    db
      .selectFrom('redemptions')
      .select((eb) => ['privilege_code', 'status', eb.fn.countAll().as('n'), eb.fn.sum<number>('points').as('points')])
      .where('partner_code', '=', partner)
      .groupBy(['privilege_code', 'status'])
      .execute(),
};

/** Eligibility tokens already accepted online; the primary key on `jti` makes each single-use. */
export const usedTokensRepo = {
  insert: (db: Queryable, row: UsedTokensTable) => db.insertInto('used_tokens').values(row).execute(),
};

export const debitsRepo = {
  insert: (db: Queryable, row: DebitsTable) => db.insertInto('debits').values(row).execute(),
};

/** Every credit ever, reversed ones too: a reversal takes its points back as a debit of kind `reversal` (at most what the balance held, see core/reversals). */
export async function earnedByYear(db: Queryable, accountId: string): Promise<Array<{ year: number; points: number }>> {
  const rows = await db
    .selectFrom('credits')
    .select((eb) => ['year', eb.fn.sum<number>('points').as('p')])
    .where('account_id', '=', accountId)
    .groupBy('year')
    .execute();
  return rows.map((r) => ({ year: Number(r.year), points: Number(r.p) }));
}

export const debitsHistory = (db: Queryable, accountId: string) =>
  db.selectFrom('debits').select(['points', 'kind', 'created_at']).where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();

export const policiesRepo = {
  /** The policy version in force at `at`. */
  inForce: (db: Queryable, at: string) => db.selectFrom('balance_policies').selectAll().where('effective_from', '<=', at).orderBy('version', 'desc').limit(1).executeTakeFirst(),
  all: (db: Queryable) => db.selectFrom('balance_policies').selectAll().orderBy('version').execute(),
  async add(db: Queryable, row: { years_valid: number | null; effective_from: string; created_at: string }): Promise<number> {
    const last = await db
      .selectFrom('balance_policies')
      .select((eb) => eb.fn.max('version').as('v'))
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await db
      .insertInto('balance_policies')
      .values({ version, ...row })
      .execute();
    return version;
  },
};

/** Distinct virtues and indicators credited in a year, for criteria such as Nong Sarai's loan tiers. */
export async function achievementsOf(db: Queryable, accountId: string, year: number): Promise<string[]> {
  const rows = await db.selectFrom('credits').select('indicator_code').distinct().where('account_id', '=', accountId).where('year', '=', year).where(notReversed).execute();
  return rows.map((r) => r.indicator_code);
}
