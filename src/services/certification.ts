// Local certification: the certifier of the person's home area approves or rejects pending deeds.
import type { Kysely } from 'kysely';
import { canCertifyIn, type Principal } from '../core/access.js';
import { evaluateDeed } from '../core/crediting.js';
import { AppError } from '../core/errors.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import type { IdentifierVault } from '../adapters/crypto.js';
import type { Database } from '../store/schema.js';
import type { Dialect } from '../store/database.js';
import { accountsRepo } from '../store/repos/accounts.js';
import { attestationsRepo } from '../store/repos/attestations.js';
import type { CatalogueReader } from './catalogue.js';
import { reasonOf, type AttestationResult } from './attestations.js';
import { appendCredit, gatherHistory } from './posting.js';

export interface Decision {
  decision: 'approve' | 'reject';
  reason?: string | undefined;
}

export interface PendingItem {
  id: string;
  indicator: string;
  issuer: string;
  occurredAt: string;
  quantity: number;
  evidence: unknown;
  submittedAt: string;
  account: { id: string; displayName: string; areaCode: string };
}

export interface CertificationService {
  decide(principal: Principal, attestationId: string, d: Decision): Promise<AttestationResult>;
  queue(principal: Principal, limit: number): Promise<PendingItem[]>;
}

export function createCertificationService(deps: {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  ids: IdGenerator;
  vault: IdentifierVault;
  catalogue: CatalogueReader;
}): CertificationService {
  const { db, dialect, clock, ids, vault, catalogue } = deps;
  return {
    async decide(principal, attestationId, d) {
      if (principal.kind !== 'agency' || !principal.roles.includes('certifier')) throw new AppError('forbidden');
      return db.transaction().execute(async (trx) => {
        const a = await attestationsRepo.findById(trx, attestationId);
        if (!a?.account_id) throw new AppError('attestation_not_found');
        const account = await accountsRepo.findById(trx, a.account_id);
        if (!account) throw new AppError('attestation_not_found');
        if (!canCertifyIn(principal, account.area_code)) throw new AppError('out_of_scope', { areaCode: account.area_code });
        await accountsRepo.lockForPosting(trx, account.id, dialect);
        const current = await attestationsRepo.findById(trx, attestationId);
        if (current?.status !== 'pending') throw new AppError('not_pending', { status: current?.status });
        const now = clock.now().toISOString();
        const base = { id: a.id, ref: a.ref, replayed: false };

        if (d.decision === 'reject') {
          await attestationsRepo.decide(trx, a.id, {
            status: 'rejected',
            reason_code: 'certifier_rejected',
            reason_note: d.reason ?? null,
            certifier_code: principal.agency,
            decided_at: now,
            rule_version: a.rule_version,
          });
          return { ...base, status: 'rejected' as const, reason: reasonOf('certifier_rejected') };
        }
        // The rule recorded at attestation is the one applied: changes never act retroactively.
        const rule = catalogue.versions(a.indicator_code).find((v) => v.version === a.rule_version);
        if (!rule) throw new AppError('unknown_indicator', { indicator: a.indicator_code });
        const history = await gatherHistory(trx, {
          accountId: account.id,
          def: rule.definition,
          group: a.equivalence_group,
          year: a.year,
          day: a.bangkok_day,
          exceptAttestationId: a.id,
        });
        const evaluation = evaluateDeed(rule.definition, a.quantity, history);
        if (evaluation.outcome === 'reject') {
          await attestationsRepo.decide(trx, a.id, {
            status: 'rejected',
            reason_code: evaluation.reason,
            reason_note: null,
            certifier_code: principal.agency,
            decided_at: now,
            rule_version: a.rule_version,
          });
          return { ...base, status: 'rejected' as const, reason: reasonOf(evaluation.reason) };
        }
        await attestationsRepo.decide(trx, a.id, {
          status: 'credited',
          reason_code: null,
          reason_note: d.reason ?? null,
          certifier_code: principal.agency,
          decided_at: now,
          rule_version: a.rule_version,
        });
        await appendCredit(
          trx,
          { ids, subjectKey: (enc) => vault.decrypt(enc) },
          { attestation: a, account, def: rule.definition, ruleVersion: rule.version, points: evaluation.points, certifier: principal.agency, now },
        );
        return { ...base, status: 'credited' as const, credit: { points: evaluation.points, year: a.year } };
      });
    },

    async queue(principal, limit) {
      if (principal.kind !== 'agency' || !principal.roles.includes('certifier') || principal.areaScopes.length === 0) throw new AppError('forbidden');
      const rows = await attestationsRepo.pendingInAreas(db, principal.areaScopes, limit);
      return rows.map((r) => ({
        id: r.id,
        indicator: r.indicator_code,
        issuer: r.issuer_code,
        occurredAt: r.occurred_at,
        quantity: r.quantity,
        evidence: r.evidence ? (JSON.parse(r.evidence) as unknown) : null,
        submittedAt: r.created_at,
        account: { id: r.account_id, displayName: r.display_name, areaCode: r.area_code },
      }));
    },
  };
}
