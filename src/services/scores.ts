// Reading a person's own record: the year's score and every credit that makes it up.
import type { Kysely } from 'kysely';
import { bangkokYear, toBuddhistEra } from '../core/calendar.js';
import { scoreYear, type YearScore } from '../core/crediting.js';
import type { Domain } from '../core/catalogue.js';
import type { Clock } from '../adapters/clock.js';
import type { Database } from '../store/schema.js';
import { attestationsRepo, creditsRepo } from '../store/repos/attestations.js';
import { reasonOf } from './attestations.js';
import type { AccountRow } from '../store/repos/accounts.js';
import type { CatalogueReader } from './catalogue.js';

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
  certifier: string | null;
  logIndex: number | null;
  /** Inclusion proof of the credit's leaf against the latest checkpoint (null until integrated). */
  inclusion: { size: number; leafHash: string; proof: string[] } | null;
}

export interface AttestationView {
  id: string;
  indicator: string;
  indicatorName: { th: string; en: string } | null;
  issuer: string;
  occurredAt: string;
  status: 'credited' | 'pending' | 'rejected';
  reason: { code: string; message: { th: string; en: string }; note: string | null } | null;
  certifier: string | null;
  submittedAt: string;
  decidedAt: string | null;
}

export interface ScoreService {
  /** Every deed recorded for the account in a year, including pending and refused ones, with reasons. */
  attestations(account: AccountRow, year?: number): Promise<{ accountId: string; year: number; items: AttestationView[] }>;
  score(account: AccountRow, year?: number): Promise<ScoreView>;
  credits(account: AccountRow, year?: number): Promise<{ accountId: string; year: number; yearBE: number; items: CreditView[] }>;
}

export interface InclusionSource {
  inclusionMany(indices: readonly number[]): Promise<Map<number, { size: number; leafHash: string; proof: string[] }>>;
}

export function createScoreService(deps: { db: Kysely<Database>; clock: Clock; catalogue: CatalogueReader; log: InclusionSource }): ScoreService {
  const { db, clock, catalogue, log } = deps;
  const yearOr = (y: number | undefined) => y ?? bangkokYear(clock.now());
  return {
    async attestations(account, y) {
      const year = yearOr(y);
      const rows = await attestationsRepo.listForAccount(db, account.id, year);
      return {
        accountId: account.id,
        year,
        items: rows.map((r) => {
          const reason = reasonOf(r.reason_code);
          return {
            id: r.id,
            indicator: r.indicator_code,
            indicatorName: catalogue.current(r.indicator_code)?.definition.name ?? null,
            issuer: r.issuer_code,
            occurredAt: r.occurred_at,
            status: r.status,
            reason: reason ? { ...reason, note: r.reason_note } : null,
            certifier: r.certifier_code,
            submittedAt: r.created_at,
            decidedAt: r.decided_at,
          };
        }),
      };
    },
    async score(account, y) {
      const year = yearOr(y);
      const rows = await creditsRepo.byDomain(db, account.id, year);
      const s = scoreYear(
        rows.map((r) => ({ domain: r.domain as Domain, points: Number(r.points) })),
        account.scale_max,
      );
      return { accountId: account.id, year, yearBE: toBuddhistEra(year), ...s };
    },
    async credits(account, y) {
      const year = yearOr(y);
      const rows = await creditsRepo.listForYear(db, account.id, year);
      const proofs = await log.inclusionMany(rows.flatMap((r) => (r.leaf_index === null ? [] : [Number(r.leaf_index)])));
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
          certifier: r.certifier_code,
          logIndex: r.leaf_index === null ? null : Number(r.leaf_index),
          inclusion: (() => {
            const pr = r.leaf_index === null ? undefined : proofs.get(Number(r.leaf_index));
            return pr ? { size: pr.size, leafHash: pr.leafHash, proof: pr.proof } : null;
          })(),
        })),
      };
    },
  };
}
