// The two steps every crediting path shares (attestation and certification): gathering the history
// a rule needs, and appending a credit with its log leaf in the caller's transaction.
import { addCalendarDays, bangkokDay, bangkokDayStart, daysBetween } from '../core/calendar.js';
import type { IndicatorDefinition } from '../core/catalogue.js';
import type { DeedHistory } from '../core/crediting.js';
import { subjectCommitment, type IdentifierVault } from '../adapters/crypto.js';
import type { IdGenerator } from '../adapters/ids.js';
import { creditLeaf } from '../log/leaf.js';
import type { AccountRow } from '../store/repos/accounts.js';
import { attestationsRepo, creditsRepo, logRepo, sameActAndNearest, type AttestationRow } from '../store/repos/attestations.js';
import type { Queryable } from '../store/repos/types.js';

/**
 * What a rule needs to know about the person's past deeds of one indicator, for a deed on Bangkok
 * day `day`. Attestation, certification and predictions all read it here, so they cannot disagree.
 */
export async function gatherHistory(
  db: Queryable,
  q: { accountId: string; def: IndicatorDefinition; group: string; year: number; day: string; exceptAttestationId?: string },
): Promise<DeedHistory> {
  const { def, accountId } = q;
  const caps = def.caps;
  const same = { accountId, group: q.group, day: q.day, exceptId: q.exceptAttestationId };
  let sameActAlreadyRecorded: boolean;
  let nearestCreditedGapDays: number | null = null;
  let latestCreditedDayWithinInterval: string | null = null;
  if (caps.minIntervalDays === undefined) {
    sameActAlreadyRecorded = await attestationsRepo.sameActExists(db, same);
  } else {
    // Credited deeds on the Bangkok days fewer than the interval away, before or after this one.
    const n = caps.minIntervalDays;
    const r = await sameActAndNearest(db, {
      ...same,
      indicator: def.code,
      from: bangkokDayStart(addCalendarDays(q.day, 1 - n)).toISOString(),
      to: bangkokDayStart(addCalendarDays(q.day, n)).toISOString(),
    });
    sameActAlreadyRecorded = r.sameAct;
    const days = [r.earliest, r.latest].filter((t): t is string => t !== undefined).map((t) => bangkokDay(new Date(t)));
    if (days.length > 0) {
      nearestCreditedGapDays = Math.min(...days.map((d) => Math.abs(daysBetween(q.day, d))));
      latestCreditedDayWithinInterval = days[days.length - 1]!;
    }
  }
  const needTotals = caps.maxPerYear !== undefined || caps.maxPointsPerYear !== undefined;
  const totals = needTotals ? await creditsRepo.yearTotals(db, accountId, def.code, q.year) : { count: 0, points: 0 };
  const everCredited = caps.oncePerLifetime ? await creditsRepo.everCredited(db, accountId, def.code) : false;
  return { countThisYear: totals.count, pointsThisYear: totals.points, nearestCreditedGapDays, latestCreditedDayWithinInterval, everCredited, sameActAlreadyRecorded };
}

/** Decrypts subject keys through the vault's one bounded cache (shared with names, dropped on erasure). */
export function subjectKeySource(vault: IdentifierVault): (enc: string) => Buffer {
  return (enc) => vault.subjectKey(enc);
}

export async function appendCredit(
  db: Queryable,
  deps: { ids: IdGenerator; subjectKey: (enc: string) => Buffer },
  c: {
    attestation: AttestationRow;
    account: AccountRow;
    def: IndicatorDefinition;
    ruleVersion: number;
    points: number;
    /** What the rule gave before the cut, and why it was cut (yearly ceiling, indicator's points cap). */
    pointsRequested: number;
    cutReason: string | null;
    certifier: string | null;
    now: string;
  },
): Promise<void> {
  const creditId = deps.ids.next();
  const a = c.attestation;
  await creditsRepo.insert(db, {
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
  });
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
  await logRepo.append(db, { kind: 'credit', ref_id: creditId, leaf, created_at: c.now });
}
