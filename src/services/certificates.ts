// Downloadable certificates (W3C VC 2.0 / Open Badges 3.0, secured as `vc+jwt` with the platform's
// Ed25519 key) for one credit, for a year's volunteer hours and for an annual statement; and the
// public check of any such certificate. Only the account holder (or staff who may read the account)
// can download; anyone can verify, online here or offline with the JWKS.
import type { Kysely } from 'kysely';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { Principal } from '../core/access.js';
import { bangkokDay, bangkokYear } from '../core/calendar.js';
import type { Domain, IndicatorDefinition } from '../core/catalogue.js';
import { scoreYear } from '../core/crediting.js';
import { AppError } from '../core/errors.js';
import {
  CERTIFICATE_JWT_TYPE,
  annualStatementCredential,
  checkCredential,
  creditCredential,
  volunteerHoursCredential,
  type IssueContext,
  type Localised,
  type OpenBadgeCredential,
  type Party,
  type SignedCredential,
  type VolunteerDeed,
} from '../core/certificates.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import type { JwtSigner } from '../adapters/signing-keys.js';
import type { Database } from '../store/schema.js';
import type { AccountRow } from '../store/repos/accounts.js';
import { agenciesRepo } from '../store/repos/agencies.js';
import { creditsRepo } from '../store/repos/attestations.js';
import type { CatalogueReader } from './catalogue.js';
import type { EnrolmentService } from './enrolment.js';
import { SELF_ISSUER } from './attestations.js';
import { STATUS_LIST_SIZE, revocationEntryOf, statusEntry, statusListCredential } from '../core/status-list.js';
import { certificatesRepo } from '../store/repos/reversals.js';

export interface IssuedCertificate {
  /** Exactly the signed JWT payload: the credential plus the JWT claims `iss`, `iat`, `jti`. */
  credential: SignedCredential;
  /** Compact JWS, `typ: vc+jwt`, EdDSA, `kid` of the key in /.well-known/jwks.json. */
  jwt: string;
}

export interface CertificateService {
  credit(principal: Principal, accountId: string, creditId: string): Promise<IssuedCertificate>;
  volunteerHours(principal: Principal, accountId: string, year?: number): Promise<IssuedCertificate>;
  annualStatement(principal: Principal, accountId: string, year?: number): Promise<IssuedCertificate>;
  /**
   * Signature by this platform's key, the VC-JOSE-COSE shape and validity now (else
   * invalid_certificate); `revoked` when a credit it states was reversed (then `valid` is false).
   */
  verify(jwt: string): Promise<VerifiedCertificate>;
  /** The signed status list credential (vc+jwt) of list `list`. */
  statusList(list: number): Promise<{ jwt: string; maxAgeSeconds: number }>;
}

export interface VerifiedCertificate {
  valid: boolean;
  revoked: boolean;
  /** The status entry and, when revoked, when and by which reversal. */
  status: { list: number; index: number; revokedAt: string | null; reversalId: string | null } | null;
  credential: SignedCredential;
}

/** How long a verifier may keep a status list (its validUntil and the HTTP cache). */
export const STATUS_LIST_TTL_MS = 5 * 60_000;
/** A list takes new certificates until half full: random indices stay cheap to find and spread (herd privacy). */
const LIST_FILL = STATUS_LIST_SIZE / 2;

const SELF_PARTY: Localised = { th: 'เจ้าของบัญชีบันทึกเอง', en: 'self-declared by the account holder' };

export function createCertificateService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
  signer: JwtSigner;
  catalogue: CatalogueReader;
  enrolment: Pick<EnrolmentService, 'readable'>;
}): CertificateService {
  const { db, clock, ids, signer, catalogue, enrolment } = deps;

  /** The rule a credit was computed with (falls back to the current one if it is gone). */
  function ruleOf(code: string, version: number | null): IndicatorDefinition | undefined {
    return catalogue.versions(code).find((v) => v.version === version)?.definition ?? catalogue.current(code)?.definition;
  }
  const indicatorName = (code: string, def: IndicatorDefinition | undefined): Localised => def?.name ?? { th: code, en: code };

  async function parties(codes: Iterable<string | null>): Promise<Map<string, Party>> {
    const wanted = [...new Set([...codes].filter((c): c is string => c !== null && c !== SELF_ISSUER))];
    const rows = await agenciesRepo.findMany(db, wanted);
    const map = new Map<string, Party>(rows.map((r) => [r.code, { code: r.code, name: { th: r.name_th, en: r.name_en } }]));
    map.set(SELF_ISSUER, { code: SELF_ISSUER, name: SELF_PARTY });
    return map;
  }
  const partyOf = (map: Map<string, Party>, code: string): Party => map.get(code) ?? { code, name: { th: code, en: code } };

  /** The year asked for, and "as of today" when that year is not over yet. */
  function period(y: number | undefined): { year: number; asOf: string | null } {
    const now = clock.now();
    const year = y ?? bangkokYear(now);
    return { year, asOf: year >= bangkokYear(now) ? bangkokDay(now) : null };
  }

  /**
   * Records the certificate at a free status entry of the open list, with the credits it states,
   * before it is signed. The index comes from the random bits of a fresh UUIDv7 (its last 32 bits),
   * so entries are spread over the list rather than issued in order.
   */
  async function record(kind: 'credit' | 'volunteer-hours' | 'annual-statement', accountId: string, creditIds: readonly string[], now: Date) {
    let list = await certificatesRepo.latestList(db);
    if ((await certificatesRepo.countInList(db, list)) >= LIST_FILL) list += 1;
    for (let attempt = 0; attempt < 20; attempt++) {
      const uuid = ids.next();
      const index = Number.parseInt(uuid.replace(/-/g, '').slice(-8), 16) % STATUS_LIST_SIZE;
      const row = { id: uuid, account_id: accountId, kind, status_list: list, status_index: index, issued_at: now.toISOString() };
      const stored = await db.transaction().execute((trx) => certificatesRepo.insertIfFree(trx, row, creditIds));
      if (stored) return { uuid, status: statusEntry(signer.issuer, list, index) };
    }
    throw new Error('no free status entry found');
  }

  async function sign(
    build: (ctx: IssueContext) => OpenBadgeCredential,
    what: { kind: 'credit' | 'volunteer-hours' | 'annual-statement'; accountId: string; creditIds: readonly string[] },
  ): Promise<IssuedCertificate> {
    const now = clock.now();
    const { uuid, status } = await record(what.kind, what.accountId, what.creditIds, now);
    const credential = { ...build({ issuer: signer.issuer, uuid, issuedAt: now }), credentialStatus: status };
    // VC-JOSE-COSE: the payload is the credential; `iss` = issuer.id, `jti` = id, `iat` = validFrom.
    const jwt = await signer.sign({ ...credential }, { typ: CERTIFICATE_JWT_TYPE, jti: credential.id, now });
    // The payload is what was just signed: the credential and the claims the signer added.
    return { credential: decodeJwt(jwt) as SignedCredential, jwt };
  }

  const subjectOf = (account: AccountRow) => ({ displayName: account.display_name });

  return {
    async credit(principal, accountId, creditId) {
      const account = await enrolment.readable(principal, accountId, 'account.certificates');
      const row = await creditsRepo.findOfAccount(db, account.id, creditId);
      if (!row) throw new AppError('credit_not_found');
      if (row.reversal_id !== null) throw new AppError('credit_reversed', { reversalId: row.reversal_id });
      const def = ruleOf(row.indicator_code, row.rule_version);
      const names = await parties([row.issuer_code, row.certifier_code]);
      const occurredAt = new Date(row.occurred_at);
      return sign(
        (ctx) =>
          creditCredential(ctx, subjectOf(account), {
            indicator: {
              code: row.indicator_code,
              name: indicatorName(row.indicator_code, def),
              description: def?.description,
              domain: row.domain as Domain,
              unit: def?.unit ?? 'occurrence',
              pointsPerUnit: def?.points ?? row.points,
              certification: def?.certification ?? 'auto',
              volunteering: def?.volunteering === true,
            },
            ruleVersion: row.rule_version,
            points: row.points,
            day: bangkokDay(occurredAt),
            occurredAt: occurredAt.toISOString(),
            issuer: partyOf(names, row.issuer_code),
            certifier: row.certifier_code ? partyOf(names, row.certifier_code) : null,
            logIndex: row.leaf_index === null || row.leaf_index === undefined ? null : Number(row.leaf_index),
            hours: row.hours === null || row.hours === undefined ? null : Number(row.hours),
          }),
        { kind: 'credit', accountId: account.id, creditIds: [creditId] },
      );
    },

    async volunteerHours(principal, accountId, y) {
      const account = await enrolment.readable(principal, accountId, 'account.certificates');
      const { year, asOf } = period(y);
      // Credited deeds only: the inner join with credits leaves out pending and refused ones.
      const rows = await creditsRepo.creditedDeeds(db, account.id, year);
      const volunteering = rows.flatMap((r) => {
        const def = ruleOf(r.indicator_code, r.rule_version);
        if (def?.volunteering !== true) return [];
        const stated = r.hours === null || r.hours === undefined ? null : Number(r.hours);
        const hours = stated ?? (def.unit === 'hour' ? Number(r.quantity) : null);
        return [{ r, def, hours }];
      });
      if (volunteering.length === 0) throw new AppError('nothing_to_certify', { year });
      const names = await parties(volunteering.map((v) => v.r.issuer_code));
      const deeds: VolunteerDeed[] = volunteering.map(({ r, def, hours }) => ({
        indicator: { code: r.indicator_code, name: def.name },
        day: bangkokDay(new Date(r.occurred_at)),
        hours,
        issuer: partyOf(names, r.issuer_code),
      }));
      return sign((ctx) => volunteerHoursCredential(ctx, subjectOf(account), { year, deeds, asOf }), {
        kind: 'volunteer-hours',
        accountId: account.id,
        creditIds: volunteering.map((v) => v.r.credit_id),
      });
    },

    async annualStatement(principal, accountId, y) {
      const account = await enrolment.readable(principal, accountId, 'account.certificates');
      const { year, asOf } = period(y);
      // Oldest first on a statement.
      // A reversed credit is not stated (it no longer counts).
      const rows = (await creditsRepo.listForYear(db, account.id, year)).filter((r) => r.reversal_id === null).reverse();
      if (rows.length === 0) throw new AppError('nothing_to_certify', { year });
      const names = await parties(rows.map((r) => r.issuer_code));
      const credits = rows.map((r) => ({
        indicator: { code: r.indicator_code, name: indicatorName(r.indicator_code, ruleOf(r.indicator_code, r.rule_version)) },
        domain: r.domain as Domain,
        day: bangkokDay(new Date(r.occurred_at)),
        points: r.points,
        issuer: partyOf(names, r.issuer_code),
        logIndex: r.leaf_index === null || r.leaf_index === undefined ? null : Number(r.leaf_index),
      }));
      const s = scoreYear(credits, account.scale_max);
      return sign((ctx) => annualStatementCredential(ctx, subjectOf(account), { year, score: s.points, earned: s.earned, max: s.max, byDomain: s.byDomain, credits, asOf }), {
        kind: 'annual-statement',
        accountId: account.id,
        creditIds: rows.map((r) => r.id),
      });
    },

    async verify(jwt) {
      const now = clock.now();
      let header: { typ?: unknown };
      let payload: unknown;
      try {
        header = decodeProtectedHeader(jwt);
        ({ payload } = await signer.verify(jwt, { typ: CERTIFICATE_JWT_TYPE, now }));
      } catch {
        throw new AppError('invalid_certificate', { problems: ['signature or header does not verify with this platform’s key'] });
      }
      const checked = checkCredential(header, payload, now);
      if (!checked.ok) throw new AppError('invalid_certificate', { problems: checked.problems });
      // Our own certificate: its status is read from the rows the status list is made of.
      let entry: ReturnType<typeof revocationEntryOf>;
      try {
        entry = revocationEntryOf(checked.credential);
      } catch (e) {
        throw new AppError('invalid_certificate', { problems: [e instanceof Error ? e.message : String(e)] });
      }
      const uuid = checked.credential.id.slice('urn:uuid:'.length);
      const row = entry ? await certificatesRepo.status(db, uuid) : undefined;
      const status = row ? { list: Number(row.status_list), index: Number(row.status_index), revokedAt: row.revoked_at, reversalId: row.reversal_id } : null;
      const revoked = status?.revokedAt !== null && status?.revokedAt !== undefined;
      return { valid: !revoked, revoked, status, credential: checked.credential };
    },

    async statusList(list) {
      if (!Number.isSafeInteger(list) || list < 1 || list > (await certificatesRepo.latestList(db))) throw new AppError('status_list_not_found');
      const now = clock.now();
      const payload = statusListCredential(signer.issuer, list, await certificatesRepo.revokedIndices(db, list), now, STATUS_LIST_TTL_MS);
      const jwt = await signer.sign({ ...payload }, { typ: CERTIFICATE_JWT_TYPE, jti: payload.id, now });
      return { jwt, maxAgeSeconds: STATUS_LIST_TTL_MS / 1000 };
    },
  };
}
