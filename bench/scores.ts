// Score lookups: the service's `score` against the same SQL as a raw prepared statement.
import type BetterSqlite3 from 'better-sqlite3';
import type { Platform } from '../src/platform.js';
import type { AccountRow } from '../src/store/repos/accounts.js';

export const SCORE_SQL = 'select domain, sum(points) as points from credits where account_id = ? and year = ? group by domain';

export async function loadPersonAccounts(platform: Platform): Promise<AccountRow[]> {
  return platform.store.db.selectFrom('accounts').selectAll().where('kind', '=', 'person').orderBy('id').execute();
}

/** Sum of the points seen, so both loops do observable work and can be checked against each other. */
export async function serviceLookups(platform: Platform, accounts: readonly AccountRow[], picks: Uint32Array, year: number): Promise<number> {
  const scores = platform.services.scores;
  let sum = 0;
  for (const i of picks) sum += (await scores.score(accounts[i]!, year)).earned;
  return sum;
}

export function rawLookups(raw: BetterSqlite3.Database, accounts: readonly AccountRow[], picks: Uint32Array, year: number): number {
  const stmt = raw.prepare(SCORE_SQL);
  let sum = 0;
  for (const i of picks) for (const r of stmt.all(accounts[i]!.id, year) as Array<{ points: number }>) sum += r.points;
  return sum;
}
