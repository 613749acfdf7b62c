// Attesting good deeds: idempotent on the issuer's ref, scope-checked, evaluated against the rule in
// force on the day of the deed, and posted in one append-only transaction per item (or per chunk).
import type { Kysely } from 'kysely';
import { canAttest, type Principal } from '../core/access.js';
import { bangkokDay, bangkokYear } from '../core/calendar.js';
import { equivalenceGroupOf, type IndicatorDefinition } from '../core/catalogue.js';
import { evaluateDeed, isValidQuantity, subjectBarrier } from '../core/crediting.js';
import { AppError, REJECTION_REASONS, type RejectionCode } from '../core/errors.js';
import { canonicalIdentifier } from '../core/ids.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import { sha256Base64url, type IdentifierVault } from '../adapters/crypto.js';
import type { Database } from '../store/schema.js';
import { isUniqueViolation, type Dialect } from '../store/database.js';
import { accountsRepo, type AccountRow } from '../store/repos/accounts.js';
import { attestationsRepo, creditsRepo, type AttestationRow } from '../store/repos/attestations.js';
import { evidenceRepo } from '../store/repos/evidence.js';
import type { Queryable } from '../store/repos/types.js';
import type { CatalogueReader, RuleVersion } from './catalogue.js';
import { identifierOf } from './enrolment.js';
import { appendCredit, gatherHistory, subjectKeySource } from './posting.js';

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
  reason?: { code: string; message: { th: string; en: string } } | undefined;
  credit?: { points: number; year: number } | undefined;
  replayed: boolean;
}

export type DeclarationInput = Omit<AttestationInput, 'subject'>;

/** Issuer code recorded for a person's own declarations. */
export const SELF_ISSUER = 'self';

export type BatchOutcome = { ok: true; result: AttestationResult } | { ok: false; ref: string; error: AppError };

export interface AttestationService {
  submit(principal: Principal, input: AttestationInput): Promise<AttestationResult>;
  submitMany(principal: Principal, inputs: readonly AttestationInput[]): Promise<BatchOutcome[]>;
  declare(principal: Principal, accountId: string, input: DeclarationInput): Promise<AttestationResult>;
}

/** Deeds dated a little ahead are clock skew between systems; more is an error. */
const FUTURE_SLACK_MS = 5 * 60_000;
const CHUNK = 250;

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

export function reasonOf(code: string | null): AttestationResult['reason'] {
  if (!code) return undefined;
  const known = REJECTION_REASONS[code as RejectionCode];
  return { code, message: known ? { th: known.th, en: known.en } : { th: code, en: code } };
}

export function createAttestationService(deps: {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  ids: IdGenerator;
  vault: IdentifierVault;
  catalogue: CatalogueReader;
}): AttestationService {
  const { db, dialect, clock, ids, vault, catalogue } = deps;
  const subjectKey = subjectKeySource(vault);

  function prepare(principal: Principal, input: AttestationInput): Prepared {
    if (principal.kind !== 'agency' || !principal.roles.includes('issuer')) throw new AppError('forbidden');
    if (!catalogue.exists(input.indicator)) {
      // Its own issuers learn that it waits for the committee; anyone else does not learn it exists.
      const waiting = catalogue.awaitingApproval(input.indicator) && canAttest(principal, input.indicator);
      throw new AppError(waiting ? 'indicator_not_approved' : 'unknown_indicator', { indicator: input.indicator });
    }
    if (!canAttest(principal, input.indicator)) throw new AppError('out_of_scope', { indicator: input.indicator });
    return prepareFor(principal.agency, input);
  }

  /** A person's own declaration: only self-declarable indicators, always certified locally. */
  function prepareDeclaration(principal: Principal, accountId: string, input: DeclarationInput): Prepared {
    if (principal.kind !== 'person' || principal.accountId !== accountId) throw new AppError('account_not_found');
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
    const credit = existing.status === 'credited' ? await creditsRepo.findByAttestation(db, existing.id) : undefined;
    return { id: existing.id, ref: existing.ref, status: existing.status, reason: reasonOf(existing.reason_code), credit, replayed: true };
  }

  /** The subject's account, and whether it consented to the indicator's data class (one query by id). */
  async function subjectOf(trx: Queryable, p: Prepared): Promise<(AccountRow & { hasConsent: boolean }) | undefined> {
    const purpose = p.def.sensitive ?? 'enrolment';
    if (!p.subjectHash) return accountsRepo.findForPosting(trx, 'accountId' in p.input.subject ? p.input.subject.accountId : '', purpose);
    const account = await accountsRepo.findByIdentifierHash(trx, p.subjectHash);
    // The consent query runs for an unknown person too, so both answers take the same queries.
    const hasConsent = await accountsRepo.hasConsent(trx, account?.id ?? '', purpose);
    return account && { ...account, hasConsent };
  }

  interface Decision {
    row: AttestationRow;
    result: AttestationResult;
    credit?: { account: AccountRow; points: number };
  }

  /** Everything about one deed except writing it: subject, consent, caps, certification. */
  async function decide(trx: Queryable, p: Prepared): Promise<Decision> {
    const account = await subjectOf(trx, p);
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
    await accountsRepo.lockForPosting(trx, account.id, dialect);

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

    // Sensitive data without its consent is not kept against the person: the record is unlinked.
    if (barrier === 'consent_missing')
      return {
        row: { ...row, account_id: null, evidence: null, status: 'rejected', reason_code: 'consent_missing' },
        result: { ...base, status: 'rejected', reason: reasonOf('consent_missing') },
      };

    const history = await gatherHistory(trx, { accountId: account.id, def: p.def, group: p.group, year, day });
    const evaluation = evaluateDeed(p.def, p.quantity, history);
    if (evaluation.outcome === 'reject')
      return { row: { ...row, status: 'rejected', reason_code: evaluation.reason }, result: { ...base, status: 'rejected', reason: reasonOf(evaluation.reason) } };
    if (p.def.certification === 'local' || p.issuer === SELF_ISSUER) return { row: { ...row, status: 'pending', decided_at: null }, result: { ...base, status: 'pending' } };
    return { row, result: { ...base, status: 'credited', credit: { points: evaluation.points, year } }, credit: { account, points: evaluation.points } };
  }

  async function replayByRef(trx: Queryable, p: Prepared): Promise<AttestationResult | undefined> {
    const existing = await attestationsRepo.findByRef(trx, p.issuer, p.input.ref);
    return existing && replay(trx, existing, p);
  }

  async function post(trx: Queryable, p: Prepared): Promise<AttestationResult> {
    let d: Decision;
    try {
      d = await decide(trx, p);
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
    if (d.credit)
      await appendCredit(
        trx,
        { ids, subjectKey },
        { attestation: d.row, account: d.credit.account, def: p.def, ruleVersion: p.rule.version, points: d.credit.points, certifier: null, now: d.row.created_at },
      );
    return d.result;
  }

  async function postOne(p: Prepared): Promise<AttestationResult> {
    try {
      return await db.transaction().execute((trx) => post(trx, p));
    } catch (err) {
      // Two requests with one ref raced past the lookup: the loser replays the winner's result.
      if (isUniqueViolation(err)) return db.transaction().execute((trx) => post(trx, p));
      throw err;
    }
  }

  return {
    async submit(principal, input) {
      return postOne(prepare(principal, input));
    },

    async declare(principal, accountId, input) {
      const prepared = prepareDeclaration(principal, accountId, input);
      // Only the person's own uploads: another person's hash is answered as unknown. Uploads are never
      // deleted, so checking before the transaction is enough.
      const owned = await evidenceRepo.ownedBy(db, accountId, prepared.files);
      const missing = prepared.files.filter((h) => !owned.has(h));
      if (missing.length) throw new AppError('evidence_not_found', { evidenceFiles: missing });
      const result = await postOne(prepared);
      return { ...result, ref: input.ref };
    },

    async submitMany(principal, inputs) {
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
          await db.transaction().execute(async (trx) => {
            for (const { i, p } of chunk) {
              try {
                outcomes[i] = { ok: true, result: await post(trx, p) };
              } catch (err) {
                if (!(err instanceof AppError)) throw err;
                outcomes[i] = { ok: false, ref: p.input.ref, error: err };
              }
            }
          });
        } catch (err) {
          // A database error rolled the chunk back; post its items one by one so each gets its own answer.
          if (!isUniqueViolation(err)) throw err;
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
