// The two steps every crediting path shares (attestation and certification): gathering the history
// a rule needs, and appending a credit with its log leaf in the caller's transaction.
import { addCalendarDays, bangkokDay, bangkokDayStart, daysBetween } from '../core/calendar.js';
import type { IndicatorDefinition } from '../core/catalogue.js';
import type { DeedHistory } from '../core/crediting.js';
import { subjectCommitment, type IdentifierVault } from '../adapters/crypto.js';
import type { IdGenerator } from '../adapters/ids.js';
import { creditLeaf } from '../log/leaf.js';
import type { PostingAccount } from '../store/repos/accounts.js';
import { attestationsRepo, creditsRepo, logRepo, sameActAndNearest, type AttestationRow } from '../store/repos/attestations.js';
import type { Queryable } from '../store/repos/types.js';
import type { CreditsTable, LogEntriesTable } from '../store/schema.js';

/** What history a rule needs for a deed: its query, answered by the database or by a chunk's preload. */
export interface HistoryQuery {
  accountId: string;
  def: IndicatorDefinition;
  group: string;
  year: number;
  day: string;
  exceptAttestationId?: string;
}

/** The instants [from, to) in which a credited deed of the indicator is fewer than its minimum interval away. */
export function intervalWindow(def: IndicatorDefinition, day: string): Readonly<{ from: string; to: string }> | undefined {
  const n = def.caps.minIntervalDays;
  if (n === undefined) return undefined;
  // Every deed of a batch asks for its window several times, and most share their day and interval.
  const key = `${n}|${day}`;
  let w = WINDOWS.get(key);
  if (!w) {
    w = Object.freeze({ from: bangkokDayStart(addCalendarDays(day, 1 - n)).toISOString(), to: bangkokDayStart(addCalendarDays(day, n)).toISOString() });
    if (WINDOWS.size >= 10_000) WINDOWS.clear();
    WINDOWS.set(key, w);
  }
  return w;
}
const WINDOWS = new Map<string, Readonly<{ from: string; to: string }>>();

/** The history from what was found: the same act, the earliest and latest credited deed in the window, the year's totals. */
export function historyFrom(
  q: HistoryQuery,
  found: { sameAct: boolean; earliest: string | undefined; latest: string | undefined; totals: { count: number; points: number }; everCredited: boolean },
): DeedHistory {
  let nearestCreditedGapDays: number | null = null;
  let latestCreditedDayWithinInterval: string | null = null;
  const days = [found.earliest, found.latest].filter((t): t is string => t !== undefined).map((t) => bangkokDay(new Date(t)));
  if (days.length > 0) {
    nearestCreditedGapDays = Math.min(...days.map((d) => Math.abs(daysBetween(q.day, d))));
    latestCreditedDayWithinInterval = days[days.length - 1]!;
  }
  return {
    countThisYear: found.totals.count,
    pointsThisYear: found.totals.points,
    nearestCreditedGapDays,
    latestCreditedDayWithinInterval,
    everCredited: found.everCredited,
    sameActAlreadyRecorded: found.sameAct,
  };
}

/** Whether a rule looks at the indicator's totals of the year. */
export const needsYearTotals = (def: IndicatorDefinition): boolean => def.caps.maxPerYear !== undefined || def.caps.maxPointsPerYear !== undefined;

/**
 * What a rule needs to know about the person's past deeds of one indicator, for a deed on Bangkok
 * day `day`. Attestation, certification and predictions all read it here (or, for a chunk of
 * attestations, from the same facts preloaded: chunk-history.ts), so they cannot disagree.
 */
export async function gatherHistory(db: Queryable, q: HistoryQuery): Promise<DeedHistory> {
  const { def, accountId } = q;
  const same = { accountId, group: q.group, day: q.day, exceptId: q.exceptAttestationId };
  const window = intervalWindow(def, q.day);
  let sameAct: boolean;
  let earliest: string | undefined;
  let latest: string | undefined;
  if (!window) {
    sameAct = await attestationsRepo.sameActExists(db, same);
  } else {
    const r = await sameActAndNearest(db, { ...same, indicator: def.code, ...window });
    ({ sameAct, earliest, latest } = r);
  }
  const totals = needsYearTotals(def) ? await creditsRepo.yearTotals(db, accountId, def.code, q.year) : { count: 0, points: 0 };
  const everCredited = def.caps.oncePerLifetime ? await creditsRepo.everCredited(db, accountId, def.code) : false;
  return historyFrom(q, { sameAct, earliest, latest, totals, everCredited });
}

/** Decrypts subject keys through the vault's one bounded cache (shared with names, dropped on erasure). */
export function subjectKeySource(vault: IdentifierVault): (enc: string) => Buffer {
  return (enc) => vault.subjectKey(enc);
}

/** What crediting an attestation appends: the credit row and its log leaf. */
export interface CreditPosting {
  attestation: AttestationRow;
  account: PostingAccount;
  def: IndicatorDefinition;
  ruleVersion: number;
  points: number;
  /** What the rule gave before the cut, and why it was cut (yearly ceiling, indicator's points cap). */
  pointsRequested: number;
  cutReason: string | null;
  certifier: string | null;
  now: string;
}

/** The credit row and its log entry for one posting (nothing written yet). */
export function creditRows(
  deps: { ids: IdGenerator; subjectKey: (enc: string) => Buffer },
  c: CreditPosting,
): { credit: CreditsTable; log: Omit<LogEntriesTable, 'seq' | 'leaf_index'> } {
  const creditId = deps.ids.next();
  const a = c.attestation;
  const credit: CreditsTable = {
    id: creditId,
    attestation_id: a.id,
    account_id: c.account.id,
    indicator_code: c.def.code,
    equivalence_group: a.equivalence_group,
    domain: c.def.domain,
    year: a.year,
    bangkok_day: a.bangkok_day,
    occurred_at: a.occurred_at,
    points: c.points,
    rule_version: c.ruleVersion,
    issuer_code: a.issuer_code,
    certifier_code: c.certifier,
    created_at: c.now,
    points_requested: c.pointsRequested,
    cut_reason: c.cutReason,
  };
  // The leaf names no person: the subject is a commitment under the account's own key.
  const subjectKey = c.account.subject_key_enc ? deps.subjectKey(c.account.subject_key_enc) : Buffer.alloc(32);
  const leaf = creditLeaf({
    id: creditId,
    subject: subjectCommitment(subjectKey, c.account.id, creditId),
    indicator: c.def.code,
    ruleVersion: c.ruleVersion,
    points: c.points,
    year: a.year,
    day: a.bangkok_day,
    issuer: a.issuer_code,
    certifier: c.certifier,
  });
  return { credit, log: { kind: 'credit', ref_id: creditId, leaf, created_at: c.now } };
}

export async function appendCredit(db: Queryable, deps: { ids: IdGenerator; subjectKey: (enc: string) => Buffer }, c: CreditPosting): Promise<void> {
  const { credit, log } = creditRows(deps, c);
  await creditsRepo.insert(db, credit);
  await logRepo.append(db, log);
}
