// Disputes and appeals: a person contests a missing, refused or wrong credit; the respondent agency
// answers by the committee's deadline; the person accepts or contests the answer; contested and
// unanswered disputes go to an independent reviewer, who decides. A change of points is made with the
// normal tools (a new credit, a reversal) and its id recorded on the dispute, so the log carries it.
//
// Every step is a conditional update on the state it expects: of two at once exactly one wins, the
// other answers `dispute_wrong_state`. Nobody but the person, the respondent and (once escalated) an
// independent reviewer learns that a dispute exists: anyone else gets the same 404 as no dispute.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canAccess, certifiesArea, matchesIndicatorScope, officerOf, reviewRefusal, type Principal } from '../core/access.js';
import { bangkokDay, daysBetween } from '../core/calendar.js';
import type { AgencyRole } from '../core/seed/agencies.js';
import {
  allowedSteps,
  answerDeadline,
  DEFAULT_ANSWER_DAYS,
  type AnswerDecision,
  type CorrectionKind,
  type DisputeKind,
  type DisputeStatus,
  type DisputeStep,
  type ReviewDecision,
} from '../core/disputes.js';
import { AppError } from '../core/errors.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import type { BlobStore } from '../adapters/files.js';
import { acceptedMediaType, SHA256_HEX, type EvidenceMediaType } from '../core/evidence.js';
import { isUniqueViolation } from '../store/database.js';
import type { Database } from '../store/schema.js';
import { accountsRepo } from '../store/repos/accounts.js';
import { agenciesRepo, type AgencyRow } from '../store/repos/agencies.js';
import { evidenceRepo } from '../store/repos/evidence.js';
import { disputeSettingsRepo, disputesRepo, disputeSubjectsRepo, type DisputeRow } from '../store/repos/disputes.js';
import type { Queryable } from '../store/repos/types.js';
import type { CatalogueReader } from './catalogue.js';
import { SELF_ISSUER } from './attestations.js';

type Localised = { th: string; en: string };

export type FileDisputeInput = { statement: string; evidence?: string[] | undefined } & (
  | { kind: 'missing'; agency: string; indicator: string; occurredOn: string }
  | { kind: 'refused'; attestationId: string }
  | { kind: 'wrong_credit'; creditId: string }
);

export interface CorrectionInput {
  kind: CorrectionKind;
  id: string;
}

/** What a correction refers to, as far as a dispute needs to know: whose points, by which agencies, when. */
export interface CorrectionTarget {
  accountId: string;
  agencies: readonly string[];
  createdAt: string;
}

/** Finds a correction of one kind by id; `credit` is built in, `reversal` is given by the platform once reversals exist. */
export type CorrectionResolver = (db: Queryable, id: string) => Promise<CorrectionTarget | undefined>;

export interface DisputeView {
  id: string;
  kind: DisputeKind;
  status: DisputeStatus;
  accountId: string;
  subject: { creditId: string | null; attestationId: string | null; indicator: { code: string; name: Localised | null }; occurredOn: string };
  respondent: { code: string; name: Localised | null; role: 'issuer' | 'certifier' };
  statement: string;
  evidence: Array<{ sha256: string; mediaType: string; size: number; url: string }>;
  filedAt: string;
  answerDays: number;
  dueOn: string;
  dueAt: string;
  overdue: boolean;
  /** Whole days since filing (Bangkok calendar days). */
  ageDays: number;
  answer: { decision: AnswerDecision; text: string; answeredAt: string; onTime: boolean } | null;
  acceptedAt: string | null;
  escalation: { reason: 'contested' | 'overdue'; statement: string | null; escalatedAt: string } | null;
  review: { decision: ReviewDecision; text: string; reviewer: { code: string; name: Localised | null }; reviewedAt: string } | null;
  correction: { kind: CorrectionKind; id: string; correctedAt: string } | null;
  /** What the caller may do now. */
  steps: DisputeStep[];
}

export interface DisputeSettingsView {
  answerDays: number;
  version: number | null;
  setAt: string | null;
}

export interface DisputeService {
  settings(): Promise<DisputeSettingsView>;
  setSettings(principal: Principal, input: { answerDays: number }): Promise<DisputeSettingsView>;
  file(principal: Principal, accountId: string, input: FileDisputeInput): Promise<{ dispute: DisputeView; replayed: boolean }>;
  listForAccount(principal: Principal, accountId: string): Promise<{ items: DisputeView[] }>;
  get(principal: Principal, id: string): Promise<DisputeView>;
  answer(principal: Principal, id: string, input: { decision: AnswerDecision; text: string; correction?: CorrectionInput | undefined }): Promise<DisputeView>;
  acceptAnswer(principal: Principal, id: string): Promise<DisputeView>;
  contest(principal: Principal, id: string, input: { statement: string }): Promise<DisputeView>;
  decide(principal: Principal, id: string, input: { decision: ReviewDecision; text: string }): Promise<DisputeView>;
  linkCorrection(principal: Principal, id: string, input: CorrectionInput): Promise<DisputeView>;
  queue(principal: Principal, agency: string, as: 'respondent' | 'reviewer'): Promise<{ agency: string; queue: 'respondent' | 'reviewer'; items: DisputeView[] }>;
  evidence(principal: Principal, id: string, sha256: string): Promise<{ bytes: Buffer; mediaType: EvidenceMediaType }>;
  /** Escalates open disputes past their deadline (the background loop; tests call it). */
  escalateDue(): Promise<number>;
}

const hashOf = (input: FileDisputeInput) => {
  const { statement, evidence, ...subject } = input;
  return createHash('sha256')
    .update(JSON.stringify({ subject, statement, evidence: [...new Set(evidence ?? [])].sort() }))
    .digest('base64url');
};

const agencyName = (a: AgencyRow | undefined): Localised | null => (a ? { th: a.name_th, en: a.name_en } : null);
const rolesOf = (a: AgencyRow): AgencyRole[] => JSON.parse(a.roles) as AgencyRole[];
const areasOf = (a: AgencyRow): string[] => JSON.parse(a.area_scopes) as string[];
const scopesOf = (a: AgencyRow): string[] => JSON.parse(a.indicator_scopes) as string[];

export function createDisputeService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
  catalogue: CatalogueReader;
  /** The evidence files of src/services/evidence.ts (the person uploads them there). */
  files: BlobStore;
  /** Kinds of correction besides `credit` (the reversal, once the platform has it). */
  corrections?: Partial<Record<CorrectionKind, CorrectionResolver>>;
}): DisputeService {
  const { db, clock, ids, catalogue, files } = deps;
  const resolvers: Partial<Record<CorrectionKind, CorrectionResolver>> = {
    credit: async (q, id) => {
      const c = await disputeSubjectsRepo.credit(q, id);
      return c && { accountId: c.account_id, agencies: [c.issuer_code, ...(c.certifier_code ? [c.certifier_code] : [])], createdAt: c.created_at };
    },
    ...deps.corrections,
  };

  const currentSettings = async (q: Queryable): Promise<DisputeSettingsView> => {
    const row = await disputeSettingsRepo.latest(q);
    return row ? { answerDays: row.answer_days, version: row.version, setAt: row.created_at } : { answerDays: DEFAULT_ANSWER_DAYS, version: null, setAt: null };
  };

  const stepsFor = (p: Principal, d: DisputeRow): DisputeStep[] => {
    const all = allowedSteps({ status: d.status, answer: d.answer, review: d.review, correctionId: d.correction_id, escalationReason: d.escalation_reason });
    const ref = { respondentCode: d.respondent_code, respondentRole: d.respondent_role };
    if (canAccess(p, 'account.own', { kind: 'account', id: d.account_id })) return all.filter((s) => s === 'accept_answer' || s === 'contest');
    if (canAccess(p, 'dispute.answer', ref)) return all.filter((s) => s === 'answer' || s === 'link_correction');
    if (canAccess(p, 'dispute.review', ref)) return all.filter((s) => s === 'decide');
    return [];
  };

  const present = async (p: Principal, rows: readonly DisputeRow[]): Promise<DisputeView[]> => {
    const codes = [...new Set(rows.flatMap((r) => [r.respondent_code, ...(r.reviewer_code ? [r.reviewer_code] : [])]))];
    const [agencies, evidence] = await Promise.all([
      agenciesRepo.findMany(db, codes),
      disputesRepo.evidenceOf(
        db,
        rows.map((r) => r.id),
      ),
    ]);
    const byCode = new Map(agencies.map((a) => [a.code, a]));
    const now = clock.now();
    const today = bangkokDay(now);
    return rows.map((d) => ({
      id: d.id,
      kind: d.kind,
      status: d.status,
      accountId: d.account_id,
      subject: {
        creditId: d.credit_id,
        attestationId: d.attestation_id,
        indicator: { code: d.indicator_code, name: catalogue.current(d.indicator_code)?.definition.name ?? null },
        occurredOn: d.occurred_on,
      },
      respondent: { code: d.respondent_code, name: agencyName(byCode.get(d.respondent_code)), role: d.respondent_role },
      statement: d.statement,
      evidence: evidence
        .filter((e) => e.dispute_id === d.id)
        .map((e) => ({ sha256: e.sha256, mediaType: e.media_type, size: e.size, url: `/api/v1/disputes/${d.id}/evidence/${e.sha256}` })),
      filedAt: d.filed_at,
      answerDays: d.answer_days,
      dueOn: d.due_on,
      dueAt: d.due_at,
      overdue: d.status === 'open' ? now.toISOString() >= d.due_at : d.answered_at === null && d.escalation_reason === 'overdue',
      ageDays: daysBetween(bangkokDay(new Date(d.filed_at)), today),
      answer: d.answer && d.answered_at ? { decision: d.answer, text: d.answer_text ?? '', answeredAt: d.answered_at, onTime: d.answered_at < d.due_at } : null,
      acceptedAt: d.accepted_at,
      escalation: d.escalation_reason && d.escalated_at ? { reason: d.escalation_reason, statement: d.contest_statement, escalatedAt: d.escalated_at } : null,
      review:
        d.review && d.reviewer_code && d.reviewed_at
          ? { decision: d.review, text: d.review_text ?? '', reviewer: { code: d.reviewer_code, name: agencyName(byCode.get(d.reviewer_code)) }, reviewedAt: d.reviewed_at }
          : null,
      correction: d.correction_kind && d.correction_id && d.corrected_at ? { kind: d.correction_kind, id: d.correction_id, correctedAt: d.corrected_at } : null,
      steps: stepsFor(p, d),
    }));
  };
  const presentOne = async (p: Principal, d: DisputeRow) => (await present(p, [d]))[0]!;

  /** The dispute if `p` may read it; otherwise the same 404 as no dispute at all. */
  const readable = async (p: Principal, id: string): Promise<DisputeRow> => {
    const d = await disputesRepo.findById(db, id);
    const ref = d && { accountId: d.account_id, respondentCode: d.respondent_code, respondentRole: d.respondent_role, escalated: d.escalated_at !== null };
    if (!d || !ref || !canAccess(p, 'dispute.read', ref)) throw new AppError('dispute_not_found');
    return d;
  };

  /** Who answers a dispute about an attestation: the certifier that decided it, else its issuer, else the certifier of the person's area. */
  const respondentOfDeed = async (a: { issuer_code: string; certifier_code: string | null }, areaCode: string): Promise<{ code: string; role: 'issuer' | 'certifier' }> => {
    if (a.certifier_code) return { code: a.certifier_code, role: 'certifier' };
    if (a.issuer_code !== SELF_ISSUER) return { code: a.issuer_code, role: 'issuer' };
    const local = (await agenciesRepo.list(db)).find((x) => certifiesArea({ roles: rolesOf(x), areaScopes: areasOf(x) }, areaCode));
    if (!local) throw new AppError('dispute_no_respondent');
    return { code: local.code, role: 'certifier' };
  };

  const subjectOf = async (accountId: string, areaCode: string, input: FileDisputeInput) => {
    switch (input.kind) {
      case 'missing': {
        if (!catalogue.exists(input.indicator)) throw new AppError('unknown_indicator', { indicator: input.indicator });
        if (input.occurredOn > bangkokDay(clock.now())) throw new AppError('invalid_date', { field: 'occurredOn', reason: 'in the future' });
        const agency = await agenciesRepo.findByCode(db, input.agency);
        if (!agency) throw new AppError('agency_not_found');
        const roles = rolesOf(agency);
        const role =
          roles.includes('issuer') && matchesIndicatorScope(scopesOf(agency), input.indicator)
            ? ('issuer' as const)
            : certifiesArea({ roles, areaScopes: areasOf(agency) }, areaCode)
              ? ('certifier' as const)
              : undefined;
        if (!role) throw new AppError('dispute_no_respondent', { agency: input.agency, indicator: input.indicator });
        return {
          key: `missing:${agency.code}:${input.indicator}:${input.occurredOn}`,
          creditId: null,
          attestationId: null,
          indicator: input.indicator,
          occurredOn: input.occurredOn,
          respondent: { code: agency.code, role },
        };
      }
      case 'refused': {
        const a = await disputeSubjectsRepo.attestation(db, input.attestationId);
        if (!a || a.account_id !== accountId) throw new AppError('dispute_subject_not_found');
        if (a.status !== 'rejected') throw new AppError('dispute_not_refused', { status: a.status });
        return {
          key: `attestation:${a.id}`,
          creditId: null,
          attestationId: a.id,
          indicator: a.indicator_code,
          occurredOn: a.bangkok_day,
          respondent: await respondentOfDeed(a, areaCode),
        };
      }
      case 'wrong_credit': {
        const c = await disputeSubjectsRepo.credit(db, input.creditId);
        if (!c || c.account_id !== accountId) throw new AppError('dispute_subject_not_found');
        return {
          key: `credit:${c.id}`,
          creditId: c.id,
          attestationId: c.attestation_id,
          indicator: c.indicator_code,
          occurredOn: c.bangkok_day,
          respondent: await respondentOfDeed(c, areaCode),
        };
      }
    }
  };

  const checkCorrection = async (q: Queryable, d: DisputeRow, input: CorrectionInput) => {
    const resolve = resolvers[input.kind];
    if (!resolve) throw new AppError('correction_kind_unavailable', { kind: input.kind });
    const target = await resolve(q, input.id);
    // Made for this person, by the respondent, after the dispute was filed: an old credit proves nothing.
    const stale = input.kind === 'credit' && input.id === d.credit_id;
    if (!target || stale || target.accountId !== d.account_id || !target.agencies.includes(d.respondent_code) || target.createdAt <= d.filed_at)
      throw new AppError('correction_not_found', { kind: input.kind, id: input.id });
  };

  const link = async (q: Queryable, id: string, input: CorrectionInput, at: string) => {
    try {
      return await disputesRepo.linkCorrection(q, id, { correction_kind: input.kind, correction_id: input.id, corrected_at: at });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('correction_in_use', { kind: input.kind, id: input.id });
      throw err;
    }
  };

  /** Re-reads after a step; a lost race answers with the state the winner left. */
  const after = async (p: Principal, id: string, won: boolean) => {
    const d = (await disputesRepo.findById(db, id))!;
    if (!won) throw new AppError('dispute_wrong_state', { status: d.status });
    return presentOne(p, d);
  };

  return {
    settings: () => currentSettings(db),

    async setSettings(principal, input) {
      if (!canAccess(principal, 'dispute.deadline.set')) throw new AppError('forbidden');
      const setBy = principal.kind === 'agency' ? `agency:${principal.agency}` : 'admin';
      for (let attempt = 0; ; attempt++) {
        try {
          return await db.transaction().execute(async (trx) => {
            const version = ((await disputeSettingsRepo.latest(trx))?.version ?? 0) + 1;
            await disputeSettingsRepo.insert(trx, { version, answer_days: input.answerDays, set_by: setBy, created_at: clock.now().toISOString() });
            return currentSettings(trx);
          });
        } catch (err) {
          // Two settings at once: the second takes the next version number.
          if (!isUniqueViolation(err) || attempt >= 3) throw err;
        }
      }
    },

    async file(principal, accountId, input) {
      if (!canAccess(principal, 'account.own', { kind: 'account', id: accountId })) throw new AppError('account_not_found');
      const account = await accountsRepo.findById(db, accountId);
      if (account?.status !== 'active') throw new AppError('account_not_found');
      const subject = await subjectOf(accountId, account.area_code, input);
      const hash = hashOf(input);
      const replay = async () => {
        const existing = await disputesRepo.findBySubject(db, accountId, subject.key);
        if (!existing) return undefined;
        if (existing.request_hash !== hash) throw new AppError('dispute_exists', { id: existing.id });
        return { dispute: await presentOne(principal, existing), replayed: true };
      };
      const earlier = await replay();
      if (earlier) return earlier;
      const evidence = [...new Set(input.evidence ?? [])];
      const owned = await evidenceRepo.ownedBy(db, accountId, evidence);
      const missing = evidence.filter((h) => !owned.has(h));
      if (missing.length) throw new AppError('evidence_not_found', { evidenceFiles: missing });
      const now = clock.now();
      const id = ids.next();
      try {
        await db.transaction().execute(async (trx) => {
          const { answerDays } = await currentSettings(trx);
          const { dueOn, dueAt } = answerDeadline(now, answerDays);
          await disputesRepo.insert(trx, {
            id,
            account_id: accountId,
            kind: input.kind,
            subject_key: subject.key,
            request_hash: hash,
            credit_id: subject.creditId,
            attestation_id: subject.attestationId,
            indicator_code: subject.indicator,
            occurred_on: subject.occurredOn,
            respondent_code: subject.respondent.code,
            respondent_role: subject.respondent.role,
            statement: input.statement,
            status: 'open',
            answer_days: answerDays,
            due_on: dueOn,
            due_at: dueAt,
            filed_at: now.toISOString(),
            answer: null,
            answer_text: null,
            answered_at: null,
            answered_by: null,
            accepted_at: null,
            escalation_reason: null,
            contest_statement: null,
            escalated_at: null,
            reviewer_code: null,
            review: null,
            review_text: null,
            reviewed_at: null,
            reviewed_by: null,
            correction_kind: null,
            correction_id: null,
            corrected_at: null,
          });
          await disputesRepo.insertEvidence(
            trx,
            evidence.map((sha256) => ({ dispute_id: id, account_id: accountId, sha256 })),
          );
        });
      } catch (err) {
        // The same dispute filed twice at once: the second is a replay (or a conflict if it differs).
        if (!isUniqueViolation(err)) throw err;
        const raced = await replay();
        if (raced) return raced;
        throw err;
      }
      return { dispute: await presentOne(principal, (await disputesRepo.findById(db, id))!), replayed: false };
    },

    async listForAccount(principal, accountId) {
      if (!canAccess(principal, 'account.own', { kind: 'account', id: accountId })) throw new AppError('account_not_found');
      return { items: await present(principal, await disputesRepo.listForAccount(db, accountId)) };
    },

    async get(principal, id) {
      return presentOne(principal, await readable(principal, id));
    },

    async answer(principal, id, input) {
      const d = await readable(principal, id);
      if (!canAccess(principal, 'dispute.answer', { respondentCode: d.respondent_code, respondentRole: d.respondent_role })) throw new AppError('dispute_not_found');
      if (input.correction && input.decision !== 'accept') throw new AppError('validation_failed', { field: 'correction', reason: 'only with decision accept' });
      const at = clock.now().toISOString();
      const answer = { answer: input.decision, answer_text: input.text, answered_at: at, answered_by: officerOf(principal) };
      const won = await db.transaction().execute(async (trx) => {
        if (input.correction) await checkCorrection(trx, d, input.correction);
        // Within the deadline (or late, before the loop escalated it) the person reads the answer next;
        // once escalated for lack of an answer, a late answer still goes on record, for the reviewer.
        const ok = (await disputesRepo.transition(trx, id, ['open'], { status: 'answered', ...answer })) || (await disputesRepo.answerLate(trx, id, answer));
        if (ok && input.correction) await link(trx, id, input.correction, at);
        return ok;
      });
      return after(principal, id, won);
    },

    async acceptAnswer(principal, id) {
      const d = await readable(principal, id);
      if (!canAccess(principal, 'account.own', { kind: 'account', id: d.account_id })) throw new AppError('dispute_not_found');
      return after(principal, id, await disputesRepo.transition(db, id, ['answered'], { status: 'resolved', accepted_at: clock.now().toISOString() }));
    },

    async contest(principal, id, input) {
      const d = await readable(principal, id);
      if (!canAccess(principal, 'account.own', { kind: 'account', id: d.account_id })) throw new AppError('dispute_not_found');
      const won = await disputesRepo.transition(db, id, ['answered'], {
        status: 'escalated',
        escalation_reason: 'contested',
        contest_statement: input.statement,
        escalated_at: clock.now().toISOString(),
      });
      return after(principal, id, won);
    },

    async decide(principal, id, input) {
      const d = await disputesRepo.findById(db, id);
      if (!d || principal.kind !== 'agency') throw new AppError('dispute_not_found');
      const parties = { respondentCode: d.respondent_code };
      // The respondent's own staff learn why they may not decide; anyone else is told nothing about the dispute.
      if (!canAccess(principal, 'dispute.review', parties) && reviewRefusal(principal, parties) === 'dispute_own_review') throw new AppError('dispute_own_review');
      if (!canAccess(principal, 'dispute.review', parties) || d.escalated_at === null) throw new AppError('dispute_not_found');
      const won = await disputesRepo.transition(db, id, ['escalated'], {
        status: 'decided',
        reviewer_code: principal.agency,
        review: input.decision,
        review_text: input.text,
        reviewed_at: clock.now().toISOString(),
        reviewed_by: officerOf(principal),
      });
      return after(principal, id, won);
    },

    async linkCorrection(principal, id, input) {
      const d = await readable(principal, id);
      if (!canAccess(principal, 'dispute.answer', { respondentCode: d.respondent_code, respondentRole: d.respondent_role })) throw new AppError('dispute_not_found');
      if (!allowedSteps({ status: d.status, answer: d.answer, review: d.review, correctionId: d.correction_id, escalationReason: d.escalation_reason }).includes('link_correction'))
        throw new AppError('dispute_wrong_state', { status: d.status });
      const won = await db.transaction().execute(async (trx) => {
        await checkCorrection(trx, d, input);
        return link(trx, id, input, clock.now().toISOString());
      });
      return after(principal, id, won);
    },

    async queue(principal, agency, as) {
      if (!canAccess(principal, 'dispute.queue', { kind: 'agency', code: agency })) throw new AppError('forbidden');
      if (as === 'reviewer' && !canAccess(principal, 'dispute.review', { respondentCode: '' })) throw new AppError('forbidden');
      const rows = as === 'reviewer' ? await disputesRepo.reviewerQueue(db, agency) : await disputesRepo.respondentQueue(db, agency);
      // A respondent sees the disputes of the role it acts in (a certifier's officer, not the issuer's).
      const mine = as === 'reviewer' ? rows : rows.filter((d) => canAccess(principal, 'dispute.answer', { respondentCode: d.respondent_code, respondentRole: d.respondent_role }));
      return { agency, queue: as, items: await present(principal, mine) };
    },

    async evidence(principal, id, sha256) {
      if (!SHA256_HEX.test(sha256)) throw new AppError('evidence_not_found');
      const d = await readable(principal, id);
      const rows = await disputesRepo.evidenceOf(db, [d.id]);
      const row = rows.find((r) => r.sha256 === sha256);
      const mediaType = row && acceptedMediaType(row.media_type);
      if (!row || !mediaType) throw new AppError('evidence_not_found');
      const bytes = await files.get(sha256);
      if (!bytes) throw new Error(`evidence file ${sha256} is recorded but missing from the file store`);
      return { bytes, mediaType };
    },

    async escalateDue() {
      const now = clock.now().toISOString();
      let escalated = 0;
      for (const { id } of await disputesRepo.overdue(db, now, 500)) {
        if (await disputesRepo.transition(db, id, ['open'], { status: 'escalated', escalation_reason: 'overdue', escalated_at: now })) escalated++;
      }
      return escalated;
    },
  };
}
