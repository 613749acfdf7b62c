// Eligibility tokens: a person proves "eligible for privilege X" to one partner without revealing
// who they are, their score or their history. The partner verifies offline against the JWKS;
// online, each token is accepted once.
import type { Kysely } from 'kysely';
import { canAccess, type Principal } from '../core/access.js';
import { bangkokYear } from '../core/calendar.js';
import { AppError } from '../core/errors.js';
import { meetsCriteria, type Achievements } from '../core/privileges.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import type { IdentifierVault } from '../adapters/crypto.js';
import { expiredClaims, type JwtSigner } from '../adapters/signing-keys.js';
import type { Database } from '../store/schema.js';
import { isUniqueViolation } from '../store/database.js';
import { accountsRepo } from '../store/repos/accounts.js';
import { achievementsOf, usedTokensRepo } from '../store/repos/privileges.js';
import { creditsRepo } from '../store/repos/attestations.js';
import { scoreYear } from '../core/crediting.js';
import type { Domain } from '../core/catalogue.js';
import type { Queryable } from '../store/repos/types.js';
import type { CatalogueReader } from './catalogue.js';
import { usablePrivilege } from './privileges.js';
import type { ConsentService } from './consents.js';
import type { AccessRecorder } from './access-log.js';
import { eligibilityTokensRepo } from '../store/repos/consents.js';

export const ELIGIBILITY_TOKEN_TYPE = 'khwamdee-eligibility+jwt';
export const ELIGIBILITY_TTL_SECONDS = 5 * 60;

export interface EligibilityService {
  achievements(accountId: string, year: number): Promise<Achievements>;
  /** `shareWithPartner`: the person gives (again) the consent to share with the privilege's partner in this act. */
  issue(principal: Principal, accountId: string, privilege: string, shareWithPartner?: boolean): Promise<{ token: string; privilege: string; partner: string; expiresAt: string }>;
  /** Online check at the counter: valid for this partner and not used before. */
  redeemToken(principal: Principal, token: string): Promise<{ privilege: string; subject: string; expiresAt: string }>;
}

export function createEligibilityService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
  vault: IdentifierVault;
  signer: JwtSigner;
  catalogue: CatalogueReader;
  consents: Pick<ConsentService, 'ensureSharing' | 'sharesWith'>;
  access: AccessRecorder;
}): EligibilityService {
  const { db, clock, ids, vault, signer, catalogue, consents, access } = deps;

  async function achievements(q: Queryable, accountId: string, year: number, scaleMax: number): Promise<Achievements> {
    const indicators = await achievementsOf(q, accountId, year);
    const virtues = new Set(indicators.map((code) => catalogue.current(code)?.definition.virtue?.code).filter((v): v is string => v !== undefined));
    const byDomain = await creditsRepo.byDomain(q, accountId, year);
    const { points } = scoreYear(
      byDomain.map((r) => ({ domain: r.domain as Domain, points: Number(r.points) })),
      scaleMax,
    );
    return { score: points, distinctVirtues: virtues.size, distinctIndicators: indicators.length };
  }

  return {
    async achievements(accountId, year) {
      const account = await accountsRepo.findById(db, accountId);
      if (!account) throw new AppError('account_not_found');
      return achievements(db, accountId, year, account.scale_max);
    },

    async issue(principal, accountId, privilege, shareWithPartner) {
      if (!canAccess(principal, 'eligibility.issue', { kind: 'account', id: accountId })) throw new AppError('account_not_found');
      const account = await accountsRepo.findById(db, accountId);
      if (account?.status !== 'active') throw new AppError('account_not_found');
      if (account.restricted_at) throw new AppError('processing_restricted');
      const now = clock.now();
      const { def } = await usablePrivilege(db, privilege, now, account);
      if (def.kind !== 'threshold' || !def.criteria) throw new AppError('wrong_privilege_kind', { kind: def.kind });
      const achieved = await achievements(db, accountId, bangkokYear(now), account.scale_max);
      // The person sees exactly which criterion is missing; the partner never sees any of it.
      if (!meetsCriteria(def.criteria, achieved)) throw new AppError('not_eligible', { criteria: def.criteria, achieved });
      const jti = ids.next();
      const expiresAt = new Date(now.getTime() + ELIGIBILITY_TTL_SECONDS * 1000).toISOString();
      // The proof goes to the partner: consent to share with it is given in this same act, and the
      // token is remembered so the partner's check is recorded against the person (and refused after a withdrawal).
      const record = () =>
        db.transaction().execute(async (trx) => {
          await consents.ensureSharing(trx, accountId, def.partner, shareWithPartner === true);
          await eligibilityTokensRepo.insert(trx, {
            jti,
            account_id: accountId,
            partner_code: def.partner,
            privilege_code: def.code,
            issued_at: now.toISOString(),
            expires_at: expiresAt,
          });
        });
      try {
        await record();
      } catch (err) {
        // Two first tokens at once both gave the sharing consent: the loser finds it given.
        if (!isUniqueViolation(err)) throw err;
        await record();
      }
      const token = await signer.sign(
        { privilege: def.code, eligible: true },
        { typ: ELIGIBILITY_TOKEN_TYPE, audience: def.partner, subject: vault.pairwise(accountId, def.partner), jti, expiresInSeconds: ELIGIBILITY_TTL_SECONDS, now },
      );
      return { token, privilege: def.code, partner: def.partner, expiresAt };
    },

    async redeemToken(principal, token) {
      if (!canAccess(principal, 'partner.act')) throw new AppError('forbidden');
      const now = clock.now();
      let payload: Awaited<ReturnType<typeof signer.verify>>['payload'];
      try {
        ({ payload } = await signer.verify(token, { typ: ELIGIBILITY_TOKEN_TYPE, audience: principal.agency, now }));
      } catch (err) {
        // Genuine but late (the person showed an old QR): say so, so the counter asks for a new one.
        const expired = expiredClaims(err);
        if (typeof expired?.exp === 'number') throw new AppError('token_expired', { expiredAt: new Date(expired.exp * 1000).toISOString() });
        throw new AppError('invalid_token');
      }
      if (payload.eligible !== true || typeof payload.jti !== 'string' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') throw new AppError('invalid_token');
      const issued = await eligibilityTokensRepo.byJti(db, payload.jti);
      if (issued) {
        if (!(await consents.sharesWith(db, issued.account_id, principal.agency))) throw new AppError('consent_withdrawn');
        await access.record(principal, [issued.account_id], { purpose: 'eligibility_check', what: 'partner:eligibility' });
      }
      try {
        await usedTokensRepo.insert(db, { jti: payload.jti, partner_code: principal.agency, used_at: now.toISOString(), expires_at: new Date(payload.exp * 1000).toISOString() });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('token_already_used');
        throw err;
      }
      return { privilege: String(payload.privilege), subject: payload.sub, expiresAt: new Date(payload.exp * 1000).toISOString() };
    },
  };
}
