// Reversal of one erroneous credit by its issuer or certifier (DESIGN §1: the only debit besides a
// redemption the person chose). One transaction, under the account's posting lock, appends the
// reversal, the balance debit (at most what the balance holds: no debt), the log leaf naming the
// credit by id and log index, and the revocation of every certificate that relied on the credit.
import type { Kysely } from 'kysely';
import { canAccess, officerOf, reversalRole, type Principal } from '../core/access.js';
import { bangkokDay, toBuddhistEra } from '../core/calendar.js';
import { AppError } from '../core/errors.js';
import { REVERSAL_REASONS, reversalDebit, reversalExplanation, type ReversalReason } from '../core/reversals.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import { sha256Base64url, subjectCommitment, type IdentifierVault } from '../adapters/crypto.js';
import { reversalLeaf } from '../log/leaf.js';
import type { Dialect } from '../store/database.js';
import type { Database } from '../store/schema.js';
import { accountsRepo } from '../store/repos/accounts.js';
import { agenciesRepo } from '../store/repos/agencies.js';
import { logRepo } from '../store/repos/attestations.js';
import { debitsRepo } from '../store/repos/privileges.js';
import { certificatesRepo, reversalsRepo, type ReversalRow } from '../store/repos/reversals.js';
import type { Queryable } from '../store/repos/types.js';
import type { CatalogueReader } from './catalogue.js';
import { balanceOf } from './privileges.js';

type Localised = { th: string; en: string };

export interface ReversalView {
  id: string;
  creditId: string;
  creditLogIndex: number;
  reason: { code: ReversalReason; label: Localised; text: string };
  by: { agency: string; name: Localised; role: 'issuer' | 'certifier' };
  points: number;
  debited: number;
  waived: number;
  explanation: Localised;
  reversedAt: string;
  reversedOn: { day: string; yearBE: number };
  /** The reversal's own place in the log (null until the sequencer integrates it). */
  logIndex: number | null;
}

export interface CreditSummary {
  id: string;
  attestationId: string;
  indicator: string;
  indicatorName: Localised | null;
  points: number;
  year: number;
  occurredAt: string;
  issuer: string;
  certifier: string | null;
  logIndex: number | null;
  /** In which role the asking agency may reverse it (null: it may not, or it is reversed already). */
  canReverseAs: 'issuer' | 'certifier' | null;
  reversal: ReversalView | null;
}

export interface ReversalInput {
  reason: ReversalReason;
  text: string;
}

export interface ReversalService {
  /** The same request again answers the same reversal (`replayed`); another reversal of the credit fails `already_reversed`. */
  reverse(principal: Principal, creditId: string, input: ReversalInput): Promise<{ reversal: ReversalView; replayed: boolean; revokedCertificates: number }>;
  /** A credit (by its id or its attestation's id) with its reversal, for the person and for staff who may see it. */
  credit(principal: Principal, id: string): Promise<CreditSummary>;
  /** A reversal by id (the disputes record outcomes that reference it). */
  get(principal: Principal, reversalId: string): Promise<ReversalView>;
  /** Every reversal of an account's credits, by credit id, for the person's credit list. */
  forAccount(db: Queryable, accountId: string): Promise<Map<string, ReversalView>>;
}

export function createReversalService(deps: {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  ids: IdGenerator;
  vault: IdentifierVault;
  catalogue: CatalogueReader;
}): ReversalService {
  const { db, dialect, clock, ids, vault, catalogue } = deps;

  async function present(q: Queryable, r: ReversalRow, agencyName?: Localised): Promise<ReversalView> {
    const name =
      agencyName ??
      (await (async () => {
        const a = await agenciesRepo.findMany(q, [r.by_agency]);
        return a[0] ? { th: a[0].name_th, en: a[0].name_en } : { th: r.by_agency, en: r.by_agency };
      })());
    return presentRow(r, name, await leafIndexOf(q, r.id));
  }

  function presentRow(r: ReversalRow, name: Localised, logIndex: number | null): ReversalView {
    const reason = r.reason_code as ReversalReason;
    const day = bangkokDay(new Date(r.created_at));
    return {
      id: r.id,
      creditId: r.credit_id,
      creditLogIndex: Number(r.credit_leaf_index),
      reason: { code: reason, label: REVERSAL_REASONS[reason] ?? { th: reason, en: reason }, text: r.reason_text },
      by: { agency: r.by_agency, name, role: r.by_role },
      points: Number(r.points),
      debited: Number(r.debited),
      waived: Number(r.waived),
      explanation: reversalExplanation({ points: Number(r.points), debited: Number(r.debited), waived: Number(r.waived), by: name, reason }),
      reversedAt: r.created_at,
      reversedOn: { day, yearBE: toBuddhistEra(Number(day.slice(0, 4))) },
      logIndex,
    };
  }

  async function leafIndexOf(q: Queryable, reversalId: string): Promise<number | null> {
    const e = await q.selectFrom('log_entries').select('leaf_index').where('ref_id', '=', reversalId).where('kind', '=', 'reversal').executeTakeFirst();
    return e?.leaf_index === null || e?.leaf_index === undefined ? null : Number(e.leaf_index);
  }

  /** Not allowed to reverse: staff who may read the account are told so; anyone else learns nothing. */
  function refusal(p: Principal, c: { account_id: string; area_code: string }): AppError {
    return canAccess(p, 'account.read', { kind: 'account', id: c.account_id, areaCode: c.area_code }) ? new AppError('forbidden') : new AppError('credit_not_found');
  }

  return {
    async reverse(principal, creditId, input) {
      const credit = await reversalsRepo.findCredit(db, creditId);
      if (!credit || credit.id !== creditId) throw new AppError('credit_not_found');
      const parties = { issuer: credit.issuer_code, certifier: credit.certifier_code };
      if (!canAccess(principal, 'credit.reverse', parties)) throw refusal(principal, credit);
      // Which of its roles the allowed agency acts in, for the record.
      const role = reversalRole(principal, parties);
      if (!role) throw refusal(principal, credit);
      if (credit.leaf_index === null || credit.leaf_index === undefined) throw new AppError('credit_not_in_log');
      const text = input.text.trim();
      const requestHash = sha256Base64url(JSON.stringify([credit.id, principal.agency, input.reason, text]));
      const result = await db.transaction().execute(async (trx) => {
        await accountsRepo.lockForPosting(trx, credit.account_id, dialect);
        const existing = await reversalsRepo.byCredit(trx, credit.id);
        if (existing) {
          if (existing.request_hash !== requestHash) throw new AppError('already_reversed', { reversalId: existing.id });
          return { row: existing, replayed: true, revoked: 0 };
        }
        const now = clock.now();
        const at = now.toISOString();
        const { balance } = await balanceOf(trx, credit.account_id, now);
        const { debited, waived } = reversalDebit(Number(credit.points), balance);
        const row: ReversalRow = {
          id: ids.next(),
          credit_id: credit.id,
          account_id: credit.account_id,
          credit_leaf_index: Number(credit.leaf_index),
          by_agency: principal.agency,
          by_role: role,
          officer: officerOf(principal),
          reason_code: input.reason,
          reason_text: text,
          request_hash: requestHash,
          points: Number(credit.points),
          debited,
          waived,
          created_at: at,
        };
        // SQLite is single-writer and PostgreSQL holds the account lock, so this only loses to a
        // writer that skipped the lock; the unique credit_id still keeps one reversal.
        if (!(await reversalsRepo.insertIfNew(trx, row))) throw new AppError('already_reversed');
        if (debited > 0) await debitsRepo.insert(trx, { id: ids.next(), account_id: credit.account_id, points: debited, kind: 'reversal', redemption_id: row.id, created_at: at });
        const key = credit.subject_key_enc ? vault.decrypt(credit.subject_key_enc) : Buffer.alloc(32);
        const leaf = reversalLeaf({
          id: row.id,
          subject: subjectCommitment(key, credit.account_id, row.id),
          credit: credit.id,
          creditIndex: row.credit_leaf_index,
          points: row.points,
          debited,
          waived,
          reason: row.reason_code,
          by: row.by_agency,
          role,
          day: bangkokDay(now),
        });
        await logRepo.append(trx, { kind: 'reversal', ref_id: row.id, leaf, created_at: at });
        const revoked = await certificatesRepo.revokeRelyingOn(trx, credit.id, row.id, at);
        return { row, replayed: false, revoked };
      });
      return { reversal: await present(db, result.row), replayed: result.replayed, revokedCertificates: result.revoked };
    },

    async credit(principal, id) {
      const c = await reversalsRepo.findCredit(db, id);
      if (!c) throw new AppError('credit_not_found');
      const account = { id: c.account_id, areaCode: c.area_code };
      if (!canAccess(principal, 'credit.read', { issuer: c.issuer_code, certifier: c.certifier_code, account })) throw new AppError('credit_not_found');
      const existing = await reversalsRepo.byCredit(db, c.id);
      const role = reversalRole(principal, { issuer: c.issuer_code, certifier: c.certifier_code });
      return {
        id: c.id,
        attestationId: c.attestation_id,
        indicator: c.indicator_code,
        indicatorName: catalogue.current(c.indicator_code)?.definition.name ?? null,
        points: Number(c.points),
        year: Number(c.year),
        occurredAt: c.occurred_at,
        issuer: c.issuer_code,
        certifier: c.certifier_code,
        logIndex: c.leaf_index === null || c.leaf_index === undefined ? null : Number(c.leaf_index),
        canReverseAs: existing ? null : (role ?? null),
        reversal: existing ? await present(db, existing) : null,
      };
    },

    async get(principal, reversalId) {
      const r = await reversalsRepo.byId(db, reversalId);
      if (!r) throw new AppError('reversal_not_found');
      const c = await reversalsRepo.findCredit(db, r.credit_id);
      if (!c || !canAccess(principal, 'credit.read', { issuer: c.issuer_code, certifier: c.certifier_code, account: { id: c.account_id, areaCode: c.area_code } }))
        throw new AppError('reversal_not_found');
      return present(db, r);
    },

    async forAccount(q, accountId) {
      const rows = await reversalsRepo.forAccount(q, accountId);
      const out = new Map<string, ReversalView>();
      for (const r of rows) {
        const { name_th, name_en, ...row } = r;
        const name = name_th !== null && name_en !== null ? { th: name_th, en: name_en } : { th: row.by_agency, en: row.by_agency };
        out.set(row.credit_id, presentRow(row, name, await leafIndexOf(q, row.id)));
      }
      return out;
    },
  };
}
