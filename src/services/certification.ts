// Local certification: the certifier of the person's home area works through a queue of pending
// deeds (oldest first) and approves or rejects them, one by one or at a village meeting
// (certification-meetings.ts). A rejection always states its reason, which the person sees.
import type { AccessRecorder } from './access-log.js';
import type { Kysely } from 'kysely';
import { accountResource, canAccess, officerOf, type Principal } from '../core/access.js';
import { ageInDays, decodeCursor, encodeCursor, hasReason } from '../core/certification.js';
import { basePoints, capDetails, evaluateDeed, fitToCeiling, timelinessRefusal } from '../core/crediting.js';
import { AppError } from '../core/errors.js';
import { evidencePath } from '../core/evidence.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import type { IdentifierVault } from '../adapters/crypto.js';
import type { Database } from '../store/schema.js';
import type { Dialect } from '../store/database.js';
import { accountsRepo, openDisplayName, type AccountRow } from '../store/repos/accounts.js';
import { attestationsRepo, creditsRepo, type AttestationRow } from '../store/repos/attestations.js';
import { certificationRepo } from '../store/repos/certification.js';
import { evidenceRepo } from '../store/repos/evidence.js';
import type { Queryable } from '../store/repos/types.js';
import type { CatalogueReader } from './catalogue.js';
import { reasonOf, SELF_ISSUER, type AttestationResult } from './attestations.js';
import { appendCredit, gatherHistory, subjectKeySource } from './posting.js';

export interface Decision {
  decision: 'approve' | 'reject';
  /** Required to reject: shown to the person in their deed history. */
  reason?: string | undefined;
}

type Localised = { th: string; en: string };

export interface PendingItem {
  id: string;
  kind: 'declaration' | 'attestation';
  /** Whole days since the deed was submitted. */
  ageDays: number;
  submittedAt: string;
  occurredAt: string;
  quantity: number;
  hours: number | null;
  ruleVersion: number | null;
  /** What approval credits under the recorded rule, before any cap reached by then (null: rule unknown). */
  points: number | null;
  account: { id: string; displayName: string; subdistrict: { code: string; name: Localised | null } };
  indicator: { code: string; name: Localised | null; domain: string | null; virtue: { code: string; name: Localised } | null };
  issuer: { kind: 'self' | 'agency'; code: string; name: Localised | null };
  evidence: { fields: Record<string, string> | null; files: Array<{ sha256: string; mediaType: string; size: number; url: string }> };
}

export interface QueueQuery {
  kind?: 'declarations' | 'attestations' | undefined;
  indicator?: string | undefined;
  subdistrict?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface QueuePage {
  items: PendingItem[];
  /** Pending items matching the filters, over all pages. */
  total: number;
  nextCursor: string | null;
}

export interface CertificationService {
  decide(principal: Principal, attestationId: string, d: Decision): Promise<AttestationResult>;
  queue(principal: Principal, q: QueueQuery): Promise<QueuePage>;
}

const SELF_NAME: Localised = { th: 'บันทึกด้วยตนเอง', en: 'Self-declared' };

/** What one decision does to one pending attestation, inside the caller's transaction (its account already locked). */
export interface Decider {
  apply(
    trx: Queryable,
    c: { attestation: AttestationRow; account: AccountRow; principal: Extract<Principal, { kind: 'agency' }>; decision: Decision; now: string; meetingId: string | null },
  ): Promise<AttestationResult>;
}

export function createDecider(deps: { ids: IdGenerator; vault: IdentifierVault; catalogue: CatalogueReader; rules: { yearGraceDays(): number } }): Decider {
  const { ids, catalogue, rules } = deps;
  const subjectKey = subjectKeySource(deps.vault);
  return {
    async apply(trx, { attestation: a, account, principal, decision: d, now, meetingId }) {
      const base = { id: a.id, ref: a.ref, replayed: false };
      const record = { certifier_code: principal.agency, decided_at: now, rule_version: a.rule_version, meeting_id: meetingId, decided_by: officerOf(principal) };
      if (d.decision === 'reject') {
        await attestationsRepo.decide(trx, a.id, { ...record, status: 'rejected', reason_code: 'certifier_rejected', reason_note: d.reason?.trim() ?? null });
        return { ...base, status: 'rejected', reason: reasonOf('certifier_rejected') };
      }
      // The rule recorded at attestation is the one applied: changes never act retroactively.
      const rule = catalogue.versions(a.indicator_code).find((v) => v.version === a.rule_version);
      if (!rule) throw new AppError('unknown_indicator', { indicator: a.indicator_code });
      const refuse = async (code: string, details: Record<string, unknown>) => {
        await attestationsRepo.decide(trx, a.id, { ...record, status: 'rejected', reason_code: code, reason_note: null, reason_details: JSON.stringify(details) });
        return { ...base, status: 'rejected' as const, reason: reasonOf(code, details) };
      };
      // Backdating is judged by the declaration's submission, not by this decision: a deed declared in
      // time is not lost because its certifier met after the year closed. It can only fail here if the
      // committee shortened the window or the grace period since.
      const late = timelinessRefusal(rule.definition, a.bangkok_day, new Date(a.created_at), rules.yearGraceDays());
      if (late) return refuse(late.code, late.details);
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
        if (evaluation.reason === 'cap_exceeded') return refuse('cap_exceeded', { ...capDetails(rule.definition, a.bangkok_day, history) });
        await attestationsRepo.decide(trx, a.id, { ...record, status: 'rejected', reason_code: evaluation.reason, reason_note: null });
        return { ...base, status: 'rejected', reason: reasonOf(evaluation.reason) };
      }
      // The yearly ceiling, as at attestation: cut to fit, or refused when the year holds nothing more.
      const fit = fitToCeiling({
        nominal: basePoints(rule.definition, a.quantity),
        points: evaluation.points,
        earnedThisYear: await creditsRepo.yearEarned(trx, account.id, a.year),
        max: account.scale_max,
      });
      if (fit.outcome === 'reject') return refuse(fit.reason, { year: a.year, max: account.scale_max, pointsRequested: fit.pointsRequested });
      await attestationsRepo.decide(trx, a.id, { ...record, status: 'credited', reason_code: null, reason_note: d.reason?.trim() || null });
      await appendCredit(
        trx,
        { ids, subjectKey },
        {
          attestation: a,
          account,
          def: rule.definition,
          ruleVersion: rule.version,
          points: fit.points,
          pointsRequested: fit.pointsRequested,
          cutReason: fit.cutReason,
          certifier: principal.agency,
          now,
        },
      );
      return { ...base, status: 'credited', credit: { points: fit.points, year: a.year, pointsRequested: fit.pointsRequested, cutReason: fit.cutReason } };
    },
  };
}

export function createCertificationService(deps: {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  ids: IdGenerator;
  vault: IdentifierVault;
  catalogue: CatalogueReader;
  rules: { yearGraceDays(): number };
  access: AccessRecorder;
}): CertificationService {
  const { db, dialect, clock, catalogue, access } = deps;
  const decider = createDecider(deps);
  return {
    async decide(principal, attestationId, d) {
      if (!canAccess(principal, 'certification.decide')) throw new AppError('forbidden');
      if (d.decision === 'reject' && !hasReason(d.reason)) throw new AppError('reason_required');
      return db.transaction().execute(async (trx) => {
        const a = await attestationsRepo.findById(trx, attestationId);
        if (!a?.account_id) throw new AppError('attestation_not_found');
        const account = await accountsRepo.findById(trx, a.account_id);
        if (account?.status !== 'active') throw new AppError('attestation_not_found');
        // No details: the person's home area is not the refused certifier's to learn.
        if (!canAccess(principal, 'attestation.certify', accountResource(account))) throw new AppError('out_of_scope');
        if (account.restricted_at) throw new AppError('processing_restricted');
        // Every writer of a person's deeds holds the account's lock: of two racing decisions, the second sees the first.
        await accountsRepo.lockForPosting(trx, account.id, dialect);
        const current = await attestationsRepo.findById(trx, attestationId);
        if (current?.status !== 'pending') throw new AppError('not_pending', { status: current?.status });
        return decider.apply(trx, { attestation: current, account, principal, decision: d, now: clock.now().toISOString(), meetingId: null });
      });
    },

    async queue(principal, q) {
      if (!canAccess(principal, 'certification.work')) throw new AppError('forbidden');
      if (q.subdistrict && !canAccess(principal, 'certification.area', { kind: 'area', areaCode: q.subdistrict }))
        throw new AppError('out_of_scope', { subdistrict: q.subdistrict });
      let after: { createdAt: string; id: string } | undefined;
      if (q.cursor) {
        const parts = decodeCursor(q.cursor, 2);
        if (!parts) throw new AppError('invalid_cursor');
        after = { createdAt: parts[0]!, id: parts[1]! };
      }
      const filter = { areaPrefixes: principal.areaScopes, kind: q.kind, indicator: q.indicator, subdistrict: q.subdistrict };
      const [rows, total] = await Promise.all([certificationRepo.pendingPage(db, { ...filter, after, limit: q.limit + 1 }), certificationRepo.pendingCount(db, filter)]);
      const page = rows.slice(0, q.limit);
      // The queue shows each person's name and deed: a read of each of their records.
      await access.record(
        principal,
        page.map((r) => r.account_id),
      );
      const files = await evidenceRepo.forAttestations(
        db,
        page.map((r) => r.id),
      );
      const now = clock.now();
      const last = page.at(-1);
      return {
        total,
        nextCursor: rows.length > q.limit && last ? encodeCursor([last.created_at, last.id]) : null,
        items: page.map((r) => {
          const rule = catalogue.versions(r.indicator_code).find((v) => v.version === r.rule_version) ?? catalogue.current(r.indicator_code);
          const def = rule?.definition;
          const self = r.issuer_code === SELF_ISSUER;
          return {
            id: r.id,
            kind: self ? 'declaration' : 'attestation',
            ageDays: ageInDays(new Date(r.created_at), now),
            submittedAt: r.created_at,
            occurredAt: r.occurred_at,
            quantity: Number(r.quantity),
            hours: r.hours === null || r.hours === undefined ? null : Number(r.hours),
            ruleVersion: r.rule_version,
            points: def ? basePoints(def, Number(r.quantity)) : null,
            account: {
              id: r.account_id,
              displayName: openDisplayName(deps.vault, { ...r, id: r.account_id }) ?? '',
              subdistrict: { code: r.area_code, name: r.area_name_th !== null && r.area_name_en !== null ? { th: r.area_name_th, en: r.area_name_en } : null },
            },
            indicator: { code: r.indicator_code, name: def?.name ?? null, domain: def?.domain ?? null, virtue: def?.virtue ?? null },
            issuer: self
              ? { kind: 'self', code: SELF_ISSUER, name: SELF_NAME }
              : { kind: 'agency', code: r.issuer_code, name: r.issuer_name_th !== null && r.issuer_name_en !== null ? { th: r.issuer_name_th, en: r.issuer_name_en } : null },
            evidence: {
              fields: r.evidence ? (JSON.parse(r.evidence) as Record<string, string>) : null,
              files: (files.get(r.id) ?? []).map((f) => ({ ...f, url: evidencePath(r.account_id, f.sha256) })),
            },
          };
        }),
      };
    },
  };
}
