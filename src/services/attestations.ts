// Attesting good deeds: idempotent on the issuer's ref, scope-checked, evaluated against the rule in
// force on the day of the deed, and posted in one append-only transaction per item (or per chunk).
import type { Kysely } from 'kysely';
import { canAccess, type Principal } from '../core/access.js';
import { bangkokDay, bangkokYear } from '../core/calendar.js';
import { equivalenceGroupOf, type IndicatorDefinition } from '../core/catalogue.js';
import { basePoints, capDetails, evaluateDeed, fitToCeiling, isValidQuantity, subjectBarrier, timelinessRefusal, type CutReason } from '../core/crediting.js';
import { AppError, REJECTION_REASONS, rejectionMessages, type RejectionCode } from '../core/errors.js';
import { canonicalIdentifier } from '../core/ids.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import { sha256Base64url, type IdentifierVault } from '../adapters/crypto.js';
import type { Database } from '../store/schema.js';
import { isRetryableConflict, isUniqueViolation, type Dialect } from '../store/database.js';
import { accountsRepo, type PostingAccount } from '../store/repos/accounts.js';
import { attestationsRepo, creditsRepo, type AttestationRow } from '../store/repos/attestations.js';
import { evidenceRepo } from '../store/repos/evidence.js';
import type { Queryable } from '../store/repos/types.js';
import type { CatalogueReader, RuleVersion } from './catalogue.js';
import { identifierOf } from './enrolment.js';
import { appendCredit, creditRows, gatherHistory, type CreditPosting, intervalWindow, needsYearTotals, subjectKeySource, type HistoryQuery } from './posting.js';
import { ChunkHistory } from './chunk-history.js';
import { postingBulkRepo } from '../store/repos/posting-bulk.js';
import type { CreditsTable, LogEntriesTable } from '../store/schema.js';
import type { DeedHistory } from '../core/crediting.js';
import { OPEN_GATE, type WriteGate } from '../adapters/write-gate.js';

import type { Subject } from '../core/attestation-input.js';

export type { Subject } from '../core/attestation-input.js';

export interface AttestationInput {
  ref: string;
  subject: Subject;
  indicator: string;
  occurredAt: string;
  quantity?: number | undefined;
  hours?: number | undefined;
  evidence?: Record<string, string> | undefined;
  /** SHA-256 of evidence files the subject uploaded (self-declarations only). */
  evidenceFiles?: readonly string[] | undefined;
}

export interface AttestationResult {
  id: string;
  ref: string;
  status: AttestationRow['status'];
  reason?: { code: string; message: { th: string; en: string }; details?: Record<string, unknown> | undefined } | undefined;
  /** `pointsRequested` and `cutReason` say what the rule gave before a cut and why (the yearly ceiling). */
  credit?: { points: number; year: number; pointsRequested?: number | null | undefined; cutReason?: CutReason | null | undefined } | undefined;
  replayed: boolean;
}

export type DeclarationInput = Omit<AttestationInput, 'subject'>;

/** Issuer code recorded for a person's own declarations. */
export const SELF_ISSUER = 'self';

export type BatchOutcome = { ok: true; result: AttestationResult } | { ok: false; ref: string; error: AppError };

export interface AttestationService {
  submit(principal: Principal, input: AttestationInput): Promise<AttestationResult>;
  /** `queued`: wait for a turn however busy the platform is (a file import's runner), instead of being refused. */
  submitMany(principal: Principal, inputs: readonly AttestationInput[], opts?: { queued?: boolean }): Promise<BatchOutcome[]>;
  declare(principal: Principal, accountId: string, input: DeclarationInput): Promise<AttestationResult>;
}

/** Deeds dated a little ahead are clock skew between systems; more is an error. */
const FUTURE_SLACK_MS = 5 * 60_000;
const CHUNK = 250;
/** Runs of a transaction PostgreSQL aborted as a deadlock victim before the error is passed on. */
const RETRIES = 4;

/** Another transaction took one of a chunk's refs while the chunk was decided. */
class ChunkConflict extends Error {
  constructor() {
    super('a ref of the chunk was taken meanwhile');
  }
}

/** What deciding an item reads: answered by a query each (one item) or from a chunk's preload. */
interface PostingReads {
  subject(p: Prepared): Promise<(PostingAccount & { hasConsent: boolean }) | undefined>;
  lock(accountId: string): Promise<void>;
  history(q: HistoryQuery): Promise<DeedHistory> | DeedHistory;
  yearEarned(accountId: string, year: number): Promise<number> | number;
}

/** What crediting a decided item appends (an issuer's attestation: no certifier). */
function creditPostingOf(p: Prepared, row: AttestationRow, c: { account: PostingAccount; points: number; pointsRequested: number; cutReason: CutReason | null }): CreditPosting {
  return {
    attestation: row,
    account: c.account,
    def: p.def,
    ruleVersion: p.rule.version,
    points: c.points,
    pointsRequested: c.pointsRequested,
    cutReason: c.cutReason,
    certifier: null,
    now: row.created_at,
  };
}

interface Prepared {
  issuer: string;
  input: AttestationInput;
  rule: RuleVersion;
  def: IndicatorDefinition;
  group: string;
  occurredAt: Date;
  quantity: number;
  subjectHash: string | undefined;
  requestHash: string;
  /** Evidence files to attach, sorted and without repeats. */
  files: string[];
}

/** A refusal as people read it; `details` (stored JSON or an object) completes the message: which cap, until when. */
export function reasonOf(code: string | null, details?: string | Record<string, unknown> | null): AttestationResult['reason'] {
  if (!code) return undefined;
  const facts = typeof details === 'string' ? (JSON.parse(details) as Record<string, unknown>) : (details ?? undefined);
  const known = code in REJECTION_REASONS;
  return { code, message: known ? rejectionMessages(code as RejectionCode, facts) : { th: code, en: code }, ...(facts ? { details: facts } : {}) };
}

/** A stored credit as an attestation result's `credit`. */
export function creditOf(c: { points: number; year: number; points_requested?: number | null; cut_reason?: string | null } | undefined): AttestationResult['credit'] {
  if (!c) return undefined;
  return {
    points: Number(c.points),
    year: Number(c.year),
    pointsRequested: c.points_requested == null ? null : Number(c.points_requested),
    cutReason: (c.cut_reason ?? null) as CutReason | null,
  };
}

export function createAttestationService(deps: {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  ids: IdGenerator;
  vault: IdentifierVault;
  catalogue: CatalogueReader;
  /** Turn-taking with the log sequencer, and push-back past capacity (none when omitted). */
  gate?: WriteGate;
  /** The committee's settings: the grace period after which a year is closed. */
  rules: { yearGraceDays(): number };
}): AttestationService {
  const { db, dialect, clock, ids, vault, catalogue, rules } = deps;
  const gate = deps.gate ?? OPEN_GATE;
  const subjectKey = subjectKeySource(vault);

  function prepare(principal: Principal, input: AttestationInput): Prepared {
    if (!canAccess(principal, 'attestation.submit')) throw new AppError('forbidden');
    const indicator = { kind: 'indicator', code: input.indicator } as const;
    if (!catalogue.exists(input.indicator)) {
      // Its own issuers learn that it waits for the committee; anyone else does not learn it exists.
      const waiting = catalogue.awaitingApproval(input.indicator) && canAccess(principal, 'indicator.attest', indicator);
      throw new AppError(waiting ? 'indicator_not_approved' : 'unknown_indicator', { indicator: input.indicator });
    }
    if (!canAccess(principal, 'indicator.attest', indicator)) throw new AppError('out_of_scope', { indicator: input.indicator });
    return prepareFor(principal.agency, input);
  }

  /** A person's own declaration: only self-declarable indicators, always certified locally. */
  function prepareDeclaration(principal: Principal, accountId: string, input: DeclarationInput): Prepared {
    if (!canAccess(principal, 'declaration.submit', { kind: 'account', id: accountId })) throw new AppError('account_not_found');
    if (!catalogue.exists(input.indicator)) throw new AppError('unknown_indicator', { indicator: input.indicator });
    return prepareFor(SELF_ISSUER, { ...input, ref: `${accountId}:${input.ref}`, subject: { accountId } });
  }

  function prepareFor(issuer: string, input: AttestationInput): Prepared {
    const occurredAt = new Date(input.occurredAt);
    if (Number.isNaN(occurredAt.getTime())) throw new AppError('invalid_date', { field: 'occurredAt' });
    if (occurredAt.getTime() > clock.now().getTime() + FUTURE_SLACK_MS) throw new AppError('occurred_in_future');
    const rule = catalogue.ruleAt(input.indicator, occurredAt);
    if (!rule) throw new AppError('indicator_not_in_force', { indicator: input.indicator });
    const def = rule.definition;
    if (issuer === SELF_ISSUER && !def.selfDeclarable) throw new AppError('not_self_declarable', { indicator: input.indicator });
    const quantity = input.quantity ?? 1;
    if (!isValidQuantity(def, quantity)) throw new AppError('invalid_quantity', { unit: def.unit, quantity });
    // Evidence files belong to the person who uploaded them: only their own declaration attaches any.
    const files = issuer === SELF_ISSUER ? [...new Set(input.evidenceFiles ?? [])].sort() : [];
    // Issuers give references; a person can also meet the requirement with an uploaded file.
    if (def.evidence !== 'none' && (!input.evidence || Object.keys(input.evidence).length === 0) && files.length === 0)
      throw new AppError('evidence_required', { evidence: def.evidence });
    const s = input.subject;
    const identifier = 'accountId' in s ? undefined : identifierOf('nationalId' in s ? { nationalId: s.nationalId } : { passport: s.passport });
    const subjectHash = identifier ? vault.lookupHash(canonicalIdentifier(identifier)) : undefined;
    const requestHash = sha256Base64url(
      JSON.stringify([
        subjectHash ?? `account:${'accountId' in s ? s.accountId : ''}`,
        input.indicator,
        occurredAt.toISOString(),
        quantity,
        input.evidence ?? null,
        input.hours ?? null,
        // Only when present, so requests recorded before evidence files keep their hash.
        ...(files.length ? [files] : []),
      ]),
    );
    return { issuer, input, rule, def, group: equivalenceGroupOf(def), occurredAt, quantity, subjectHash, requestHash, files };
  }

  async function replay(db: Queryable, existing: AttestationRow, p: Prepared): Promise<AttestationResult> {
    if (existing.request_hash !== p.requestHash) throw new AppError('ref_conflict', { ref: p.input.ref });
    const credit = existing.status === 'credited' ? creditOf(await creditsRepo.findByAttestation(db, existing.id)) : undefined;
    return { id: existing.id, ref: existing.ref, status: existing.status, reason: reasonOf(existing.reason_code, existing.reason_details), credit, replayed: true };
  }

  /** The subject's account, and whether it consented to the indicator's data class (one query, by id or national-ID hash). */
  async function subjectOf(trx: Queryable, p: Prepared): Promise<(PostingAccount & { hasConsent: boolean }) | undefined> {
    const s = p.input.subject;
    const subject = p.subjectHash ? { identifierHash: p.subjectHash } : { id: 'accountId' in s ? s.accountId : '' };
    return accountsRepo.findForPosting(trx, subject, p.def.sensitive ?? 'enrolment');
  }

  interface Decision {
    row: AttestationRow;
    result: AttestationResult;
    credit?: { account: PostingAccount; points: number; pointsRequested: number; cutReason: CutReason | null };
  }

  /** Everything about one deed except writing it: subject, consent, caps, certification. */
  async function decide(p: Prepared, reads: PostingReads): Promise<Decision> {
    // Backdating: judged at submission (the deed's age and whether its year is closed), before anything about the subject.
    const late = timelinessRefusal(p.def, bangkokDay(p.occurredAt), clock.now(), rules.yearGraceDays());
    if (late) throw new AppError(late.code, late.details);
    const account = await reads.subject(p);
    // An issuer learns nothing about who is enrolled: "not enrolled" and "not for this person" are one
    // answer without details, reached through the same queries, and nothing is stored for either. The
    // person's own declarations still say why (they know who they are).
    const own = p.issuer === SELF_ISSUER;
    if (account?.status !== 'active') throw new AppError('subject_not_enrolled');
    // The same pure rule predictions use: kind, home area (local catalogues), consent.
    const barrier = subjectBarrier(p.def, { kind: account.kind, areaCode: account.area_code, hasConsent: account.hasConsent });
    if ((barrier === 'not_applicable_kind' || barrier === 'not_applicable_area') && !own) throw new AppError('subject_not_enrolled');
    if (barrier === 'not_applicable_kind') throw new AppError('indicator_not_applicable', { indicator: p.def.code, accountKind: account.kind });
    if (barrier === 'not_applicable_area')
      throw new AppError('indicator_not_applicable', { indicator: p.def.code, area: p.def.owner.kind === 'local' ? p.def.owner.area : undefined });
    await reads.lock(account.id);

    const now = clock.now().toISOString();
    const year = bangkokYear(p.occurredAt);
    const day = bangkokDay(p.occurredAt);
    const row: AttestationRow = {
      id: ids.next(),
      issuer_code: p.issuer,
      ref: p.input.ref,
      request_hash: p.requestHash,
      account_id: account.id,
      indicator_code: p.def.code,
      equivalence_group: p.group,
      rule_version: p.rule.version,
      occurred_at: p.occurredAt.toISOString(),
      bangkok_day: day,
      year,
      quantity: p.quantity,
      hours: p.input.hours ?? (p.def.unit === 'hour' ? p.quantity : null),
      evidence: p.input.evidence ? JSON.stringify(p.input.evidence) : null,
      status: 'credited',
      reason_code: null,
      reason_note: null,
      certifier_code: null,
      decided_at: now,
      created_at: now,
    };
    const base = { id: row.id, ref: row.ref, replayed: false };

    // Restricted processing (PDPA s.34, migration 0012): refused and, like a missing consent, not kept against the person.
    if (account.restricted_at)
      return {
        row: { ...row, account_id: null, evidence: null, status: 'rejected', reason_code: 'processing_restricted' },
        result: { ...base, status: 'rejected', reason: reasonOf('processing_restricted') },
      };
    // Sensitive data without its consent is not kept against the person: the record is unlinked.
    if (barrier === 'consent_missing')
      return {
        row: { ...row, account_id: null, evidence: null, status: 'rejected', reason_code: 'consent_missing' },
        result: { ...base, status: 'rejected', reason: reasonOf('consent_missing') },
      };

    const history = await reads.history({ accountId: account.id, def: p.def, group: p.group, year, day });
    const evaluation = evaluateDeed(p.def, p.quantity, history);
    if (evaluation.outcome === 'reject') {
      const details = evaluation.reason === 'cap_exceeded' ? { ...capDetails(p.def, day, history) } : undefined;
      return {
        row: { ...row, status: 'rejected', reason_code: evaluation.reason, reason_details: details ? JSON.stringify(details) : null },
        result: { ...base, status: 'rejected', reason: reasonOf(evaluation.reason, details) },
      };
    }
    if (p.def.certification === 'local' || p.issuer === SELF_ISSUER) return { row: { ...row, status: 'pending', decided_at: null }, result: { ...base, status: 'pending' } };
    // The yearly ceiling: cut to what the year still holds, or refused when it holds nothing more.
    const fit = fitToCeiling({
      nominal: basePoints(p.def, p.quantity),
      points: evaluation.points,
      earnedThisYear: await reads.yearEarned(account.id, year),
      max: account.scale_max,
    });
    if (fit.outcome === 'reject') {
      const details = { year, max: account.scale_max, pointsRequested: fit.pointsRequested };
      return {
        row: { ...row, status: 'rejected', reason_code: fit.reason, reason_details: JSON.stringify(details) },
        result: { ...base, status: 'rejected', reason: reasonOf(fit.reason, details) },
      };
    }
    return {
      row,
      result: { ...base, status: 'credited', credit: { points: fit.points, year, pointsRequested: fit.pointsRequested, cutReason: fit.cutReason } },
      credit: { account, points: fit.points, pointsRequested: fit.pointsRequested, cutReason: fit.cutReason },
    };
  }

  async function replayByRef(trx: Queryable, p: Prepared): Promise<AttestationResult | undefined> {
    const existing = await attestationsRepo.findByRef(trx, p.issuer, p.input.ref);
    return existing && replay(trx, existing, p);
  }

  /** The reads of one item posted on its own: a query each. */
  const itemReads = (trx: Queryable): PostingReads => ({
    subject: (p) => subjectOf(trx, p),
    lock: (accountId) => accountsRepo.lockForPosting(trx, accountId, dialect),
    history: (q) => gatherHistory(trx, q),
    yearEarned: (accountId, year) => creditsRepo.yearEarned(trx, accountId, year),
  });

  async function post(trx: Queryable, p: Prepared): Promise<AttestationResult> {
    let d: Decision;
    try {
      d = await decide(p, itemReads(trx));
    } catch (err) {
      // A retry of an accepted deed answers as before, even if the subject has since changed.
      const replayed = err instanceof AppError ? await replayByRef(trx, p) : undefined;
      if (replayed) return replayed;
      throw err;
    }
    // The (issuer, ref) unique index settles replays, including concurrent ones.
    if (!(await attestationsRepo.insertIfNew(trx, d.row))) {
      const replayed = await replayByRef(trx, p);
      if (!replayed) throw new Error(`attestation ${p.issuer}/${p.input.ref} conflicted but cannot be read`);
      return replayed;
    }
    // A record unlinked from its subject (no consent) keeps no evidence either.
    if (p.files.length && d.row.account_id)
      await evidenceRepo.link(
        trx,
        p.files.map((sha256) => ({ attestation_id: d.row.id, account_id: d.row.account_id!, sha256 })),
      );
    if (d.credit) await appendCredit(trx, { ids, subjectKey }, creditPostingOf(p, d.row, d.credit));
    return d.result;
  }

  /**
   * One transaction, run again if PostgreSQL picked it as a deadlock victim (or could not serialise
   * it): it rolled back whole, and its refs make a second run answer the same. Never a 500 for that.
   */
  async function transact<T>(fn: (trx: Queryable) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await gate.run('ingest', () => db.transaction().execute(fn));
      } catch (err) {
        if (!isRetryableConflict(err) || attempt >= RETRIES) throw err;
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt));
      }
    }
  }

  async function postOne(p: Prepared): Promise<AttestationResult> {
    try {
      return await transact((trx) => post(trx, p));
    } catch (err) {
      // Two requests with one ref raced past the lookup: the loser replays the winner's result.
      if (isUniqueViolation(err)) return transact((trx) => post(trx, p));
      throw err;
    }
  }

  /** The accounts a chunk names, locked together in one order before any item is posted. */
  function subjectsOf(chunk: readonly { p: Prepared }[]): { ids: string[]; hashes: string[] } {
    const ids = new Set<string>();
    const hashes = new Set<string>();
    for (const { p } of chunk) {
      if (p.subjectHash) hashes.add(p.subjectHash);
      else if ('accountId' in p.input.subject) ids.add(p.input.subject.accountId);
    }
    return { ids: [...ids], hashes: [...hashes] };
  }

  /**
   * A chunk of one issuer's items in one transaction, with a handful of set queries for the whole
   * chunk (accounts, consents, refs already used, the people's history) instead of several per item,
   * and its rows written together at the end. Each item is decided by the same `decide` as a single
   * item, against the history as if every earlier item of the chunk had been written. Throws
   * ChunkConflict when another transaction took one of the chunk's refs meanwhile: the caller then
   * posts the chunk item by item, which settles each ref on the unique index.
   */
  async function postChunk(trx: Queryable, chunk: readonly { i: number; p: Prepared }[], outcomes: BatchOutcome[]): Promise<void> {
    const issuer = chunk[0]!.p.issuer;
    const accounts = await postingBulkRepo.accountsForPosting(trx, subjectsOf(chunk), dialect);
    const byId = new Map(accounts.map((a) => [a.id, a]));
    const byHash = new Map(accounts.flatMap((a) => (a.identifier_hash ? [[a.identifier_hash, a] as const] : [])));
    const accountOf = (p: Prepared) => (p.subjectHash ? byHash.get(p.subjectHash) : 'accountId' in p.input.subject ? byId.get(p.input.subject.accountId) : undefined);
    const consents = await postingBulkRepo.liveConsents(trx, [...byId.keys()]);

    // What the chunk's rules will ask about, so that one query each answers it for every item.
    const accountIds = new Set<string>();
    const days = new Set<string>();
    const groups = new Set<string>();
    const years = new Set<number>();
    const intervalCapped = new Set<string>();
    const yearCapped = new Set<string>();
    const once = new Set<string>();
    let from: string | undefined;
    let to: string | undefined;
    for (const { p } of chunk) {
      const a = accountOf(p);
      if (!a) continue;
      accountIds.add(a.id);
      const day = bangkokDay(p.occurredAt);
      days.add(day);
      groups.add(p.group);
      years.add(bangkokYear(p.occurredAt));
      const w = intervalWindow(p.def, day);
      if (w) {
        intervalCapped.add(p.def.code);
        if (from === undefined || w.from < from) from = w.from;
        if (to === undefined || w.to > to) to = w.to;
      }
      if (needsYearTotals(p.def)) yearCapped.add(p.def.code);
      if (p.def.caps.oncePerLifetime) once.add(p.def.code);
    }
    const people = [...accountIds];
    const history = new ChunkHistory({
      deeds: await postingBulkRepo.recordedDeeds(trx, people, [...groups], [...days]),
      nearby: from && to ? await postingBulkRepo.creditsBetween(trx, people, [...intervalCapped], from, to) : [],
      totals: await postingBulkRepo.yearTotals(trx, people, [...yearCapped], [...years]),
      earned: people.length ? await postingBulkRepo.yearEarned(trx, people, [...years]) : new Map(),
      ever: await postingBulkRepo.everCredited(trx, people, [...once]),
    });
    const existing = await postingBulkRepo.byRefs(
      trx,
      issuer,
      chunk.map(({ p }) => p.input.ref),
    );
    const reads: PostingReads = {
      async subject(p) {
        const a = accountOf(p);
        return a && { ...a, hasConsent: consents.has(`${a.id}|${p.def.sensitive ?? 'enrolment'}`) };
      },
      // Locked when loaded (PostgreSQL); SQLite transactions are serial.
      lock: async () => undefined,
      history: (q) => history.history(q),
      yearEarned: (accountId, year) => history.yearEarned(accountId, year),
    };

    const rows: AttestationRow[] = [];
    const credits: CreditsTable[] = [];
    const logs: Array<Omit<LogEntriesTable, 'seq' | 'leaf_index'>> = [];
    /** Items of this chunk already recorded, by ref: a repeated ref replays them. */
    const recorded = new Map<string, { row: AttestationRow; credit: CreditsTable | undefined }>();
    for (const { i, p } of chunk) {
      const ref = p.input.ref;
      try {
        const earlier = recorded.get(ref);
        if (earlier) {
          if (earlier.row.request_hash !== p.requestHash) throw new AppError('ref_conflict', { ref });
          const r = earlier.row;
          outcomes[i] = {
            ok: true,
            result: { id: r.id, ref, status: r.status, reason: reasonOf(r.reason_code, r.reason_details), credit: creditOf(earlier.credit), replayed: true },
          };
          continue;
        }
        const stored = existing.get(ref);
        if (stored) {
          outcomes[i] = { ok: true, result: await replay(trx, stored, p) };
          continue;
        }
        const d = await decide(p, reads);
        rows.push(d.row);
        let credit: CreditsTable | undefined;
        if (d.credit) {
          const posted = creditRows({ ids, subjectKey }, creditPostingOf(p, d.row, d.credit));
          credit = posted.credit;
          credits.push(posted.credit);
          logs.push(posted.log);
        }
        if (d.row.account_id && (d.row.status === 'credited' || d.row.status === 'pending'))
          history.record({ accountId: d.row.account_id, group: d.row.equivalence_group, day: d.row.bangkok_day }, credit);
        recorded.set(ref, { row: d.row, credit });
        outcomes[i] = { ok: true, result: d.result };
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        outcomes[i] = { ok: false, ref, error: err };
      }
    }
    if (!(await postingBulkRepo.insertAttestations(trx, dialect, rows))) throw new ChunkConflict();
    await postingBulkRepo.insertCredits(trx, dialect, credits, logs);
  }

  return {
    async submit(principal, input) {
      gate.admit();
      return postOne(prepare(principal, input));
    },

    async declare(principal, accountId, input) {
      gate.admit();
      const prepared = prepareDeclaration(principal, accountId, input);
      // Only the person's own uploads: another person's hash is answered as unknown. Uploads are never
      // deleted, so checking before the transaction is enough.
      const owned = await evidenceRepo.ownedBy(db, accountId, prepared.files);
      const missing = prepared.files.filter((h) => !owned.has(h));
      if (missing.length) throw new AppError('evidence_not_found', { evidenceFiles: missing });
      const result = await postOne(prepared);
      return { ...result, ref: input.ref };
    },

    async submitMany(principal, inputs, opts) {
      if (!opts?.queued) gate.admit();
      const outcomes: BatchOutcome[] = new Array(inputs.length);
      const ready: Array<{ i: number; p: Prepared }> = [];
      inputs.forEach((input, i) => {
        try {
          ready.push({ i, p: prepare(principal, input) });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          outcomes[i] = { ok: false, ref: input.ref, error: err };
        }
      });
      for (let start = 0; start < ready.length; start += CHUNK) {
        // SQLite answers synchronously: give timers and other requests a turn between chunks.
        if (start > 0) await new Promise((resolve) => setImmediate(resolve));
        const chunk = ready.slice(start, start + CHUNK);
        try {
          await transact((trx) => postChunk(trx, chunk, outcomes));
        } catch (err) {
          // A database error rolled the chunk back; post its items one by one so each gets its own answer.
          if (!isUniqueViolation(err) && !(err instanceof ChunkConflict)) throw err;
          for (const { i, p } of chunk) {
            try {
              outcomes[i] = { ok: true, result: await postOne(p) };
            } catch (e) {
              if (!(e instanceof AppError)) throw e;
              outcomes[i] = { ok: false, ref: p.input.ref, error: e };
            }
          }
        }
      }
      return outcomes;
    },
  };
}
