// Who a signed-in person is to the platform. The digital-ID provider vouches for the national ID
// (`pid` claim); the platform keeps only its lookup hash and ciphertext in the session, finds the
// person's account by that hash, and takes staff roles from its own grants, never from the claims.
import type { Principal } from '../core/access.js';
import { AppError } from '../core/errors.js';
import { canonicalIdentifier } from '../core/ids.js';
import type { IdentifierVault } from '../adapters/crypto.js';
import type { EnrolmentService, EnrolInput } from './enrolment.js';
import type { Membership, StaffService } from './staff.js';
import { identifierOf } from './enrolment.js';
import type { AccountRow } from '../store/repos/accounts.js';

/** What the session keeps about the signed-in person. */
export interface SignedInIdentity {
  subjectHash: string;
  /** AES-GCM ciphertext of the verified national ID, needed only to enrol oneself. */
  pidEnc: string;
  /** Last four digits, to show the person which ID they signed in with. */
  pidHint: string;
  /** The name the provider gave, to prefill self-enrolment. */
  name: string | null;
}

export interface MeView {
  name: string | null;
  nationalIdHint: string;
  account: { id: string; displayName: string; areaCode: string; kind: AccountRow['kind']; status: AccountRow['status'] } | null;
  staff: Array<{ agency: string; agencyName: { th: string; en: string }; roles: string[]; agencyRoles: string[] }>;
}

export interface SignInService {
  /** Turns verified ID-token claims into the session identity; a missing or invalid `pid` is refused. */
  identityFromClaims(claims: Record<string, unknown>): SignedInIdentity;
  /** The person principal (enrolled and active), or the agency principal when acting for `agency`. */
  principalFor(identity: SignedInIdentity, agency?: string): Promise<Principal | undefined>;
  me(identity: SignedInIdentity): Promise<MeView>;
  enrolSelf(identity: SignedInIdentity, input: Omit<EnrolInput, 'kind' | 'nationalId' | 'passport'>): Promise<{ id: string }>;
}

export function createSignInService(deps: { vault: IdentifierVault; enrolment: EnrolmentService; staff: StaffService }): SignInService {
  const { vault, enrolment, staff } = deps;

  const presentMembership = (m: Membership) => ({ agency: m.agency.code, agencyName: m.agency.name, roles: m.roles, agencyRoles: m.agency.roles });

  return {
    identityFromClaims(claims) {
      const pid = typeof claims.pid === 'string' ? claims.pid : undefined;
      const identifier = pid === undefined ? undefined : identifierOf({ nationalId: pid });
      if (identifier?.kind !== 'thai_id') throw new AppError('sign_in_failed', { reason: 'the provider sent no valid pid claim' });
      const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : null;
      return {
        subjectHash: vault.lookupHash(canonicalIdentifier(identifier)),
        pidEnc: vault.encrypt(identifier.value),
        pidHint: identifier.value.slice(-4),
        name,
      };
    },

    async principalFor(identity, agency) {
      if (agency !== undefined) {
        const p = await staff.principalFor(identity.subjectHash, agency);
        if (!p) throw new AppError('forbidden', { agency });
        return p;
      }
      const account = await enrolment.findBySubjectHash(identity.subjectHash);
      return account && account.status === 'active' ? { kind: 'person', accountId: account.id } : undefined;
    },

    async me(identity) {
      const [account, memberships] = await Promise.all([enrolment.findBySubjectHash(identity.subjectHash), staff.memberships(identity.subjectHash)]);
      return {
        name: identity.name,
        nationalIdHint: identity.pidHint,
        account: account ? { id: account.id, displayName: account.display_name, areaCode: account.area_code, kind: account.kind, status: account.status } : null,
        staff: memberships.map(presentMembership),
      };
    },

    async enrolSelf(identity, input) {
      const nationalId = vault.decrypt(identity.pidEnc).toString('utf8');
      return enrolment.enrolVerified(nationalId, input);
    },
  };
}
