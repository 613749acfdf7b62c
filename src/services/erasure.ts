// Leaving, erasure by crypto-shredding and restriction of processing (PDPA s.33, s.34).
//
// Erasure destroys the person's own key (accounts.subject_key_enc): the display name sealed under it
// and the log commitments HMAC(subjectKey, …) can no longer be opened or linked to anybody. The
// national-ID ciphertext and the lookup hash are deleted, so no query by national ID finds the person
// and signing in again finds no account (a new enrolment is a fresh account). Evidence files go; the
// person's deeds lose the issuers' references and request hashes that could link them back. The
// account row stays as a tombstone (status `left`, home area cut to the province) holding the credits,
// so the public totals do not change, and the log's entries render from the stored leaves, byte for
// byte what the tree signed. Irreversible, so the request must carry the confirmation phrase.
//
// Restriction freezes processing without erasing: attestations are refused and not kept against
// the person, no redemptions or eligibility tokens, staff reads answer only `processing_restricted`.
// Credits recorded before stay in the public statistics (they are anonymous aggregates of what was
// already counted; removing them would move published totals and say who restricted).
import { sql, type Kysely } from 'kysely';
import { canAccess, type Principal } from '../core/access.js';
import { AppError } from '../core/errors.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import type { IdentifierVault } from '../adapters/crypto.js';
import type { BlobStore } from '../adapters/files.js';
import type { Database } from '../store/schema.js';
import type { Dialect } from '../store/database.js';
import { accountsRepo, sealDisplayName, type AccountRow } from '../store/repos/accounts.js';
import { erasureRepo, type RestrictionRow } from '../store/repos/erasure.js';

/** What the person types to confirm erasure (either language). */
export const ERASURE_PHRASE = { th: 'ลบข้อมูลของฉัน', en: 'erase my data' } as const;

export interface RestrictionView {
  restrictedAt: string;
  restrictedBy: string;
  reason: string | null;
  liftedAt: string | null;
  liftedBy: string | null;
}

export interface PrivacyStatus {
  accountId: string;
  restricted: boolean;
  restrictedAt: string | null;
  restrictions: RestrictionView[];
  erasure: { phrase: { th: string; en: string } };
}

export interface ErasureResult {
  accountId: string;
  erasedAt: string;
  evidenceFilesDeleted: number;
  sessionsEnded: number;
}

export interface ErasureService {
  status(principal: Principal, accountId: string): Promise<PrivacyStatus>;
  restrict(principal: Principal, accountId: string, input: { reason?: string | undefined }): Promise<PrivacyStatus>;
  lift(principal: Principal, accountId: string): Promise<PrivacyStatus>;
  erase(principal: Principal, accountId: string, input: { confirm: string }): Promise<ErasureResult>;
}

const normalise = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
export const isErasureConfirmed = (confirm: string) => normalise(confirm) === ERASURE_PHRASE.th || normalise(confirm) === ERASURE_PHRASE.en;

const actorOf = (p: Principal) => (p.kind === 'admin' ? 'admin' : 'holder');

const presentRestriction = (r: RestrictionRow): RestrictionView => ({
  restrictedAt: r.restricted_at,
  restrictedBy: r.restricted_by,
  reason: r.reason,
  liftedAt: r.lifted_at,
  liftedBy: r.lifted_by,
});

export function createErasureService(deps: {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  ids: IdGenerator;
  vault: IdentifierVault;
  files: BlobStore;
  /** Resolved tokens the erasure's deleted keys may still be cached as (services/agencies.ts). */
  tokens?: { forgetTokens(): void };
}): ErasureService {
  const { db, dialect, clock, ids, vault, files } = deps;

  /** Another person's id, an erased account and no account all answer the same 404. */
  async function own(principal: Principal, accountId: string, action: 'account.restrict' | 'account.erase'): Promise<AccountRow> {
    if (!canAccess(principal, action, { kind: 'account', id: accountId })) throw new AppError('account_not_found');
    const account = await accountsRepo.findById(db, accountId);
    if (!account || account.erased_at || account.kind !== 'person') throw new AppError('account_not_found');
    return account;
  }

  async function status(accountId: string): Promise<PrivacyStatus> {
    const account = await accountsRepo.findById(db, accountId);
    const rows = await erasureRepo.restrictions(db, accountId);
    const restrictedAt = account?.restricted_at ?? null;
    return { accountId, restricted: restrictedAt !== null, restrictedAt, restrictions: rows.map(presentRestriction), erasure: { phrase: { ...ERASURE_PHRASE } } };
  }

  return {
    async status(principal, accountId) {
      await own(principal, accountId, 'account.restrict');
      return status(accountId);
    },

    async restrict(principal, accountId, input) {
      await own(principal, accountId, 'account.restrict');
      const reason = input.reason?.trim() || null;
      // Conditional on no restriction in force: a retry or a twin request changes nothing.
      await db.transaction().execute((trx) =>
        erasureRepo.restrict(trx, {
          id: ids.next(),
          account_id: accountId,
          restricted_at: clock.now().toISOString(),
          restricted_by: actorOf(principal),
          reason,
          lifted_at: null,
          lifted_by: null,
        }),
      );
      return status(accountId);
    },

    async lift(principal, accountId) {
      await own(principal, accountId, 'account.restrict');
      await db.transaction().execute((trx) => erasureRepo.lift(trx, accountId, clock.now().toISOString(), actorOf(principal)));
      return status(accountId);
    },

    async erase(principal, accountId, input) {
      await own(principal, accountId, 'account.erase');
      if (!isErasureConfirmed(input.confirm)) throw new AppError('erasure_not_confirmed', { phrase: ERASURE_PHRASE });
      const at = clock.now().toISOString();
      const done = await db.transaction().execute(async (trx) => {
        // The posting lock: no credit or redemption of the person is half-written while the key goes.
        await accountsRepo.lockForPosting(trx, accountId, dialect);
        const account = await accountsRepo.findById(trx, accountId);
        // Of two erasures at once, the second finds the tombstone.
        if (!account || account.erased_at) throw new AppError('account_not_found');
        const hashes = await erasureRepo.evidenceHashes(trx, accountId);
        const sessionIds = account.identifier_hash ? await erasureRepo.sessionsOf(trx, account.identifier_hash) : [];
        await erasureRepo.erase(trx, { accountId, provinceCode: account.area_code.slice(0, 2), at, by: actorOf(principal), sessionIds });
        return { hashes, sessions: sessionIds.length, keyEnc: account.subject_key_enc };
      });
      if (done.keyEnc) vault.forgetSubjectKey(done.keyEnc);
      // The person's tokens were deleted with the erasure: none of them may work a moment longer.
      deps.tokens?.forgetTokens();
      // Files are stored once per content: a file another person also uploaded stays for them.
      let deleted = 0;
      for (const sha256 of done.hashes) {
        if (await erasureRepo.fileInUse(db, sha256)) continue;
        await files.remove(sha256);
        deleted += 1;
      }
      // SQLite keeps old page images in its write-ahead log until a checkpoint; secure_delete zeroed
      // the freed bytes in the new pages, and the checkpoint writes them over the old ones.
      if (dialect === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
      return { accountId, erasedAt: at, evidenceFilesDeleted: deleted, sessionsEnded: done.sessions };
    },
  };
}

/**
 * Start-up step after the migrations: seals the names still stored in clear (written before
 * migration 0012) under each person's key. Idempotent (only rows with a clear name and no sealed
 * one, each update conditional on that), in batches, so a restart or a second node does no harm.
 */
export async function sealLegacyNames(db: Kysely<Database>, dialect: Dialect, vault: IdentifierVault, batch = 500): Promise<number> {
  let sealed = 0;
  for (;;) {
    const rows = await db
      .selectFrom('accounts')
      .select(['id', 'display_name', 'subject_key_enc'])
      .where('display_name_enc', 'is', null)
      .where('display_name', '!=', '')
      .where('erased_at', 'is', null)
      // A key made now would change the commitments of the entries already signed: such rows stay as they are.
      .where('subject_key_enc', 'is not', null)
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    await db.transaction().execute(async (trx) => {
      for (const r of rows) {
        await trx
          .updateTable('accounts')
          .set({ display_name: '', display_name_enc: sealDisplayName(vault, r.id, r.subject_key_enc!, r.display_name) })
          .where('id', '=', r.id)
          .where('display_name_enc', 'is', null)
          .execute();
      }
    });
    sealed += rows.length;
  }
  if (sealed > 0 && dialect === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  return sealed;
}
