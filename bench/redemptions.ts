// Redemptions under contention: many concurrent `redeem` calls per person, more than the balance
// allows, so that the same accounts are debited concurrently and most attempts must be refused.
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../src/core/errors.js';
import type { Platform } from '../src/platform.js';
import type { AttestationInput } from '../src/services/attestations.js';
import { check } from './check.js';
import { describeReasons, submitAll } from './ingest.js';
import { enrolPeople, plateletDeeds, TRC_ISSUER } from './setup.js';
import { startSection, type Measured } from './timing.js';

export const PRIVILEGE = 'ptt.bluepoints';
/** Person i is credited with 1 + (i mod DEED_TIERS) platelet donations, so balances differ. */
const DEED_TIERS = 12;

export interface RedemptionOptions {
  people: number;
  /** Calls in flight per person in each wave. */
  concurrency: number;
  waves: number;
  batch: number;
  /** Series of national IDs for the timed and the warm-up people (apart from other sections'). */
  series: [number, number];
}

export interface RedemptionBench {
  attempts: number;
  redeemed: number;
  refused: number;
  cost: number;
  section: Measured;
}

interface WaveTally {
  redeemed: Map<string, number>;
  refused: number;
  replayed: number;
  unexpected: string[];
}

/** Enrols `count` people and credits them (untimed) with 1..DEED_TIERS TRC platelet donations each. */
async function creditedPeople(platform: Platform, count: number, series: number, prefix: string, batch: number): Promise<string[]> {
  const ids = await enrolPeople(platform, count, series);
  const inputs: AttestationInput[] = [];
  for (let d = 1; d <= DEED_TIERS; d++) {
    const group = ids.filter((_, i) => i % DEED_TIERS === d - 1);
    if (group.length) inputs.push(...plateletDeeds(group, group.length * d, `${prefix}-d${d}`));
  }
  const tally = await submitAll(platform, TRC_ISSUER, inputs, batch);
  check(tally.credited === inputs.length, `redemptions setup: credited ${tally.credited} of ${inputs.length}: ${describeReasons(tally)}`);
  return ids;
}

/** `waves` rounds of `concurrency` simultaneous redeem calls for every person, each round all at once. */
async function redeemWaves(platform: Platform, ids: readonly string[], concurrency: number, waves: number, keyPrefix: string): Promise<WaveTally> {
  const tally: WaveTally = { redeemed: new Map(), refused: 0, replayed: 0, unexpected: [] };
  const redemptions = platform.services.redemptions;
  for (let w = 0; w < waves; w++) {
    const calls: Promise<void>[] = [];
    ids.forEach((accountId, p) => {
      for (let j = 0; j < concurrency; j++) {
        calls.push(
          redemptions.redeem({ kind: 'person', accountId }, accountId, { privilege: PRIVILEGE, requestKey: `${keyPrefix}-${w}-${p}-${j}` }).then(
            (r) => {
              if (r.replayed) tally.replayed++;
              tally.redeemed.set(accountId, (tally.redeemed.get(accountId) ?? 0) + 1);
            },
            (err: unknown) => {
              if (err instanceof AppError && err.code === 'insufficient_balance') tally.refused++;
              else tally.unexpected.push(err instanceof AppError ? err.code : String(err));
            },
          ),
        );
      }
    });
    await Promise.all(calls);
  }
  return tally;
}

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

export async function benchRedemptions(platform: Platform, read: BetterSqlite3.Database, opts: RedemptionOptions, settle: () => void): Promise<RedemptionBench> {
  const privilege = (await platform.services.privileges.published({})).find((p) => p.code === PRIVILEGE);
  check(privilege !== undefined && privilege.kind === 'exchange' && privilege.cost !== undefined, `redemptions: ${PRIVILEGE} is not a published exchange privilege`);
  const cost = privilege.cost;
  const attemptsEach = opts.concurrency * opts.waves;
  const attempts = opts.people * attemptsEach;
  check(privilege.remaining === null || privilege.remaining > attempts * 2, `redemptions: ${PRIVILEGE} has only ${privilege.remaining} left`);

  const warmCount = Math.max(DEED_TIERS, Math.ceil(opts.people / 10));
  const ids = await creditedPeople(platform, opts.people, opts.series[0], 'redeem', opts.batch);
  const warmIds = await creditedPeople(platform, warmCount, opts.series[1], 'redeemwarm', opts.batch);

  // What each person can afford: the balance before, and so the successes to expect.
  const before = new Map<string, number>();
  for (const id of ids) before.set(id, (await platform.services.privileges.balance(id)).balance);
  check(
    [...before.values()].every((b) => b >= cost),
    'redemptions setup: someone cannot afford even one redemption',
  );
  const expected = (id: string) => Math.min(Math.floor(before.get(id)! / cost), attemptsEach);

  const warm = await redeemWaves(platform, warmIds, opts.concurrency, opts.waves, 'warm');
  check(warm.unexpected.length === 0 && warm.replayed === 0, `redemptions warm-up: unexpected outcomes ${warm.unexpected.slice(0, 5).join(', ')} (replayed ${warm.replayed})`);

  const n = (sqlText: string, ...params: unknown[]) => Number((read.prepare(sqlText).get(...params) as { n: number | null }).n ?? 0);
  const idList = JSON.stringify(ids);
  const logBefore = n(`select count(*) as n from log_entries where kind = 'redemption'`);
  const stockBefore = n('select stock_used as n from privileges where code = ?', PRIVILEGE);

  settle();
  const section = startSection();
  const tally = await redeemWaves(platform, ids, opts.concurrency, opts.waves, 'bench');
  const measured = section();

  // ── Checks: every attempt answered, no double spend, no refusal of an affordable one ───────────
  const redeemed = total(tally.redeemed);
  check(tally.unexpected.length === 0, `redemptions: unexpected failures: ${[...new Set(tally.unexpected)].slice(0, 5).join(', ')} (${tally.unexpected.length})`);
  check(tally.replayed === 0, `redemptions: ${tally.replayed} fresh request keys were answered as replays`);
  check(redeemed + tally.refused === attempts, `redemptions: ${redeemed} redeemed + ${tally.refused} refused ≠ ${attempts} attempts`);
  for (const id of ids) {
    const got = tally.redeemed.get(id) ?? 0;
    check(got === expected(id), `redemptions: account ${id} with ${before.get(id)} points redeemed ${got} times, expected ${expected(id)}`);
    const after = (await platform.services.privileges.balance(id)).balance;
    check(after >= 0 && after === before.get(id)! - got * cost, `redemptions: account ${id} has balance ${after} after ${got} redemptions from ${before.get(id)}`);
  }
  const inList = 'account_id in (select value from json_each(?))';
  const debited = n(`select sum(points) as n from debits where kind = 'redeem' and ${inList}`, idList);
  check(debited === redeemed * cost, `redemptions: debits total ${debited}, expected ${redeemed} × ${cost}`);
  check(n(`select count(*) as n from debits where kind = 'refund' and ${inList}`, idList) === 0, 'redemptions: unexpected refunds');
  check(
    n(`select count(*) as n from redemptions where status = 'issued' and points = ? and ${inList}`, cost, idList) === redeemed,
    'redemptions: voucher rows differ from the successes',
  );
  check(n(`select count(*) as n from log_entries where kind = 'redemption'`) - logBefore === redeemed, 'redemptions: log leaves differ from the successes');
  check(n('select stock_used as n from privileges where code = ?', PRIVILEGE) - stockBefore === redeemed, 'redemptions: stock taken differs from the successes');

  return { attempts, redeemed, refused: tally.refused, cost, section: measured };
}
