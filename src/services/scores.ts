// Reading a person's own record: the year's score and every credit that makes it up.
import type { Kysely } from 'kysely';
import { bangkokYear, toBuddhistEra } from '../core/calendar.js';
import { scoreYear, scoreYears, type YearScore } from '../core/crediting.js';
import { certifiesArea, type Principal } from '../core/access.js';
import type { AgencyRole } from '../core/seed/agencies.js';
import type { Domain } from '../core/catalogue.js';
import type { Clock } from '../adapters/clock.js';
import type { Database } from '../store/schema.js';
import { attestationsRepo, creditsRepo } from '../store/repos/attestations.js';
import { evidenceRepo } from '../store/repos/evidence.js';
import { agenciesRepo } from '../store/repos/agencies.js';
import { evidencePath } from '../core/evidence.js';
import { reasonOf } from './attestations.js';
import type { AccountCore } from '../store/repos/accounts.js';
import type { CatalogueReader } from './catalogue.js';
import type { EnrolmentService } from './enrolment.js';
import type { ReversalService, ReversalView } from './reversals.js';

export interface ScoreView extends YearScore {
  accountId: string;
  year: number;
  yearBE: number;
}

export interface CreditView {
  id: string;
  attestationId: string;
  indicator: string;
  indicatorName: { th: string; en: string } | null;
  domain: string;
  points: number;
  occurredAt: string;
  ruleVersion: number;
  issuer: string;
  issuerName: { th: string; en: string } | null;
  certifier: string | null;
  certifierName: { th: string; en: string } | null;
  logIndex: number | null;
  /**
   * Inclusion proof of the credit's leaf against the latest checkpoint (null until integrated), with
   * the log entry as the entry bundles serve it, so the person's browser can hash it itself.
   */
  inclusion: { size: number; leafHash: string; proof: string[]; entry: string } | null;
  /** Set when the issuer or certifier reversed it: it no longer counts in the score or the balance. */
  reversal: ReversalView | null;
}

export interface AttestationView {
  id: string;
  indicator: string;
  indicatorName: { th: string; en: string } | null;
  issuer: string;
  issuerName: { th: string; en: string } | null;
  occurredAt: string;
  status: 'credited' | 'pending' | 'rejected';
  /** Why it was not credited; for a certifier's rejection `note` is the reason they gave. */
  reason: { code: string; message: { th: string; en: string }; note: string | null; details?: Record<string, unknown> | undefined } | null;
  certifier: string | null;
  certifierName: { th: string; en: string } | null;
  /** The village meeting at which it was decided, if it was. */
  meeting: { id: string; date: string; yearBE: number; minutesRef: string } | null;
  evidenceFiles: Array<{ sha256: string; mediaType: string; size: number; url: string }>;
  submittedAt: string;
  decidedAt: string | null;
}

export interface YearView extends YearScore {
  year: number;
  yearBE: number;
}

export interface ScoreService {
  /**
   * Every deed recorded for the account in a year, including pending and refused ones, with reasons,
   * and the agencies that certify deeds of the account's area (whom a pending deed waits for).
   */
  attestations(
    account: AccountCore,
    year?: number,
  ): Promise<{ accountId: string; year: number; areaCertifiers: Array<{ code: string; name: { th: string; en: string } }>; items: AttestationView[] }>;
  score(account: AccountCore, year?: number): Promise<ScoreView>;
  /**
   * The year's score of an account `principal` may read (enrolment's decision and access log). When
   * access decisions and reads use the same database, the account and its points come in one
   * statement; with a replica the account is read on the primary, as every access decision is.
   */
  scoreFor(principal: Principal, accountId: string, year?: number): Promise<ScoreView>;
  /** The score of every year from the year of enrolment (Bangkok) to this year, oldest first. */
  years(account: AccountCore): Promise<{ accountId: string; items: YearView[] }>;
  credits(account: AccountCore, year?: number): Promise<{ accountId: string; year: number; yearBE: number; items: CreditView[] }>;
}

export interface InclusionSource {
  inclusionMany(indices: readonly number[]): Promise<Map<number, { size: number; leafHash: string; proof: string[] }>>;
  entriesOf(indices: readonly number[]): Promise<Map<number, string>>;
}

function scoreView(account: AccountCore, year: number, byDomain: ReadonlyArray<{ domain: string; points: number }>): ScoreView {
  const s = scoreYear(
    byDomain.map((r) => ({ domain: r.domain as Domain, points: Number(r.points) })),
    account.scale_max,
  );
  return { accountId: account.id, year, yearBE: toBuddhistEra(year), ...s };
}

const name = (th: string | null, en: string | null) => (th !== null && en !== null ? { th, en } : null);

export function createScoreService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  catalogue: CatalogueReader;
  log: InclusionSource;
  reversals: Pick<ReversalService, 'forAccount'>;
  accounts: Pick<EnrolmentService, 'readableCore' | 'admit'>;
  /** Whether `db` is also where access decisions are read (no replica). */
  decidesOnSameDatabase: boolean;
}): ScoreService {
  const { db, clock, catalogue, log, reversals, accounts } = deps;
  const yearOr = (y: number | undefined) => y ?? bangkokYear(clock.now());
  const scoreOf = async (account: AccountCore, year: number) => scoreView(account, year, await creditsRepo.byDomain(db, account.id, year));
  return {
    async attestations(account, y) {
      const year = yearOr(y);
      const rows = await attestationsRepo.listForAccount(db, account.id, year);
      const files = await evidenceRepo.forAttestations(
        db,
        rows.map((r) => r.id),
      );
      const certifiers = (await agenciesRepo.list(db)).filter((a) =>
        certifiesArea({ roles: JSON.parse(a.roles) as AgencyRole[], areaScopes: JSON.parse(a.area_scopes) as string[] }, account.area_code),
      );
      return {
        accountId: account.id,
        year,
        areaCertifiers: certifiers.map((a) => ({ code: a.code, name: { th: a.name_th, en: a.name_en } })),
        items: rows.map((r) => {
          const reason = reasonOf(r.reason_code, r.reason_details);
          return {
            id: r.id,
            indicator: r.indicator_code,
            indicatorName: catalogue.current(r.indicator_code)?.definition.name ?? null,
            issuer: r.issuer_code,
            issuerName: name(r.issuer_name_th, r.issuer_name_en),
            occurredAt: r.occurred_at,
            status: r.status,
            reason: reason ? { ...reason, note: r.reason_note } : null,
            certifier: r.certifier_code,
            certifierName: name(r.certifier_name_th, r.certifier_name_en),
            meeting:
              r.meeting_id !== null && r.meeting_date !== null && r.minutes_ref !== null
                ? { id: r.meeting_id, date: r.meeting_date, yearBE: toBuddhistEra(Number(r.meeting_date.slice(0, 4))), minutesRef: r.minutes_ref }
                : null,
            evidenceFiles: (files.get(r.id) ?? []).map((f) => ({ ...f, url: evidencePath(account.id, f.sha256) })),
            submittedAt: r.created_at,
            decidedAt: r.decided_at,
          };
        }),
      };
    },
    score: (account, y) => scoreOf(account, yearOr(y)),
    async scoreFor(principal, accountId, y) {
      const year = yearOr(y);
      if (!deps.decidesOnSameDatabase) return scoreOf(await accounts.readableCore(principal, accountId, 'account.score'), year);
      const found = await creditsRepo.coreAndYear(db, accountId, year);
      // The points are used only once the account is admitted: a refusal says nothing of them.
      const account = await accounts.admit(principal, found?.account, 'account.score');
      return scoreView(account, year, found?.byDomain ?? []);
    },
    async years(account) {
      const rows = await creditsRepo.byYearAndDomain(db, account.id);
      const years = scoreYears(
        rows.map((r) => ({ year: r.year, domain: r.domain as Domain, points: r.points })),
        account.scale_max,
        bangkokYear(new Date(account.created_at)),
        bangkokYear(clock.now()),
      );
      return { accountId: account.id, items: years.map((y) => ({ ...y, yearBE: toBuddhistEra(y.year) })) };
    },
    async credits(account, y) {
      const year = yearOr(y);
      const rows = await creditsRepo.listForYear(db, account.id, year);
      const indices = rows.flatMap((r) => (r.leaf_index === null ? [] : [Number(r.leaf_index)]));
      const [proofs, entries, reversed] = await Promise.all([
        log.inclusionMany(indices),
        log.entriesOf(indices),
        rows.some((r) => r.reversal_id !== null) ? reversals.forAccount(db, account.id) : new Map<string, ReversalView>(),
      ]);
      return {
        accountId: account.id,
        year,
        yearBE: toBuddhistEra(year),
        items: rows.map((r) => ({
          id: r.id,
          attestationId: r.attestation_id,
          indicator: r.indicator_code,
          indicatorName: catalogue.current(r.indicator_code)?.definition.name ?? null,
          domain: r.domain,
          points: r.points,
          occurredAt: r.occurred_at,
          ruleVersion: r.rule_version,
          issuer: r.issuer_code,
          issuerName: name(r.issuer_name_th, r.issuer_name_en),
          certifier: r.certifier_code,
          certifierName: name(r.certifier_name_th, r.certifier_name_en),
          logIndex: r.leaf_index === null ? null : Number(r.leaf_index),
          inclusion: (() => {
            const pr = r.leaf_index === null ? undefined : proofs.get(Number(r.leaf_index));
            const entry = r.leaf_index === null ? undefined : entries.get(Number(r.leaf_index));
            return pr && entry !== undefined ? { size: pr.size, leafHash: pr.leafHash, proof: pr.proof, entry } : null;
          })(),
          reversal: reversed.get(r.id) ?? null,
        })),
      };
    },
  };
}
