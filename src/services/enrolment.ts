// Enrolment: opt-in, with consent recorded per purpose and the identifier never stored in clear.
import type { Kysely } from 'kysely';
import { SCALE_MAX, type AccountKind } from '../core/catalogue.js';
import { type AccountReadAction, accountResource, canAccess, type Principal } from '../core/access.js';
import { AppError } from '../core/errors.js';
import { canonicalIdentifier, isValidThaiNationalId, normalisePassport, normaliseThaiNationalId, type PersonIdentifier } from '../core/ids.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import type { IdentifierVault } from '../adapters/crypto.js';
import type { Database } from '../store/schema.js';
import { accountsRepo, sealDisplayName, withOpenedName, type AccountCore, type AccountRow } from '../store/repos/accounts.js';
import { areasRepo } from '../store/repos/areas.js';
import { isUniqueViolation } from '../store/database.js';
import type { AccessRecorder } from './access-log.js';

export const CONSENT_PURPOSES = ['enrolment', 'health', 'privileges', 'statistics'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
/** Version of the privacy notice people agree to; recorded with each consent. */
export const PRIVACY_NOTICE_VERSION = '2026-11';

export interface EnrolInput {
  kind: AccountKind;
  nationalId?: string | undefined;
  passport?: { country: string; number: string } | undefined;
  displayName: string;
  areaCode: string;
  consents: ConsentPurpose[];
}

export interface EnrolmentService {
  enrol(principal: Principal, input: EnrolInput): Promise<{ id: string }>;
  /** Self-enrolment of a person whose national ID the digital-ID provider has just verified. */
  enrolVerified(nationalId: string, input: Omit<EnrolInput, 'kind' | 'nationalId' | 'passport'>): Promise<{ id: string }>;
  /** The account held under a verified national-ID lookup hash, if any. */
  findBySubjectHash(subjectHash: string): Promise<AccountRow | undefined>;
  /** The account, if the principal may read this part of it (`action`, default the account itself); 404 otherwise, so ids cannot be probed. */
  readable(principal: Principal, accountId: string, action?: AccountReadAction): Promise<AccountRow>;
  /** The same decision and the same access log, for reads that need no name or identifier (scores, history): those are never loaded. */
  readableCore(principal: Principal, accountId: string, action?: AccountReadAction): Promise<AccountCore>;
  /** The decision of readableCore for an account the caller loaded itself (with other data in the same statement). */
  admit<A extends AccountCore>(principal: Principal, account: A | undefined, action: AccountReadAction): Promise<A>;
  /** The account of a national ID, for staff who may see it; 404 otherwise. */
  lookup(principal: Principal, nationalId: string): Promise<AccountRow>;
}

export function identifierOf(input: Pick<EnrolInput, 'nationalId' | 'passport'>): PersonIdentifier | undefined {
  if (input.nationalId !== undefined) {
    const value = normaliseThaiNationalId(input.nationalId);
    if (!isValidThaiNationalId(value)) throw new AppError('invalid_national_id');
    return { kind: 'thai_id', value };
  }
  if (input.passport) return { kind: 'passport', ...normalisePassport(input.passport.country, input.passport.number) };
  return undefined;
}

export function createEnrolmentService(deps: { db: Kysely<Database>; clock: Clock; ids: IdGenerator; vault: IdentifierVault; access: AccessRecorder }): EnrolmentService {
  const { db, clock, ids, vault, access } = deps;

  async function insertAccount(input: EnrolInput): Promise<{ id: string }> {
    const identifier = identifierOf(input);
    if (input.kind === 'person' && !identifier)
      throw new AppError('validation_failed', { issues: [{ path: 'nationalId', message: 'a person needs a national ID or a passport' }] });
    if (!input.consents.includes('enrolment')) throw new AppError('consent_required', { purpose: 'enrolment' });
    const area = await areasRepo.findByCode(db, input.areaCode);
    if (area?.level !== 'subdistrict') throw new AppError('area_not_found', { areaCode: input.areaCode, expected: 'a 6-digit subdistrict code' });

    const canonical = identifier ? canonicalIdentifier(identifier) : undefined;
    const id = ids.next();
    const now = clock.now().toISOString();
    // The name is sealed under the person's own key: erasing the key erases the name.
    const subjectKeyEnc = vault.encrypt(vault.newSubjectKey());
    try {
      await db.transaction().execute(async (trx) => {
        await accountsRepo.insert(trx, {
          id,
          kind: input.kind,
          display_name: '',
          display_name_enc: sealDisplayName(vault, id, subjectKeyEnc, input.displayName),
          area_code: input.areaCode,
          scale_max: SCALE_MAX[input.kind],
          identifier_hash: canonical ? vault.lookupHash(canonical) : null,
          identifier_enc: canonical ? vault.encrypt(canonical) : null,
          subject_key_enc: subjectKeyEnc,
          status: 'active',
          created_at: now,
        });
        await accountsRepo.insertConsents(
          trx,
          [...new Set(input.consents)].map((purpose) => ({ account_id: id, purpose, notice_version: PRIVACY_NOTICE_VERSION, given_at: now, withdrawn_at: null })),
        );
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('already_enrolled');
      throw err;
    }
    return { id };
  }

  /** The account if `principal` may read it for `action` (else it throws), a staff read recorded. */
  async function admit<A extends AccountCore>(principal: Principal, account: A | undefined, action: AccountReadAction): Promise<A> {
    // An erased account is a tombstone nobody reads; a restricted one only its holder (staff learn only that it is restricted).
    if (!account || account.erased_at || !canAccess(principal, action, accountResource(account))) throw new AppError('account_not_found');
    if (account.restricted_at && !canAccess(principal, 'account.restricted.read', { kind: 'account', id: account.id }))
      throw new AppError('processing_restricted', { since: account.restricted_at });
    // Every read by staff is recorded here, whichever route asked (see services/access-log.ts).
    await access.record(principal, [account.id]);
    return account;
  }

  return {
    async enrol(principal, input) {
      if (!canAccess(principal, 'account.enrol', { kind: 'area', areaCode: input.areaCode })) throw new AppError('forbidden');
      const created = await insertAccount(input);
      // Staff enrolling someone processes their data: the person's access log shows it.
      await access.record(principal, [created.id], { purpose: 'assisted_enrolment' });
      return created;
    },

    async enrolVerified(nationalId, input) {
      return insertAccount({ ...input, kind: 'person', nationalId });
    },

    async findBySubjectHash(subjectHash) {
      const account = await accountsRepo.findByIdentifierHash(db, subjectHash);
      return account && withOpenedName(vault, account);
    },

    async readable(principal, accountId, action = 'account.read') {
      return withOpenedName(vault, await admit(principal, await accountsRepo.findById(db, accountId), action));
    },

    async readableCore(principal, accountId, action = 'account.read') {
      return admit(principal, await accountsRepo.findCoreById(db, accountId), action);
    },

    admit,

    async lookup(principal, nationalId) {
      const identifier = identifierOf({ nationalId });
      const account = identifier ? await accountsRepo.findByIdentifierHash(db, vault.lookupHash(canonicalIdentifier(identifier))) : undefined;
      if (!account || !canAccess(principal, 'account.read', accountResource(account))) throw new AppError('account_not_found');
      await access.record(principal, [account.id]);
      return withOpenedName(vault, account);
    },
  };
}
