// Decisions taken at a village meeting (the Nong Sarai model: deeds self-recorded, certified at the
// monthly meeting): one record with the minutes' reference, every listed deed decided in the same
// transaction or none at all. Accounts are locked in sorted order, so two meetings listing the same
// people in any order queue behind each other instead of deadlocking.
import type { AccessRecorder } from './access-log.js';
import type { Kysely } from 'kysely';
import { canAccess, officerOf, type Principal } from '../core/access.js';
import { toBuddhistEra } from '../core/calendar.js';
import {
  canonicalMeeting,
  decodeCursor,
  duplicateIds,
  encodeCursor,
  hasReason,
  isFutureDay,
  meetingRefusal,
  type ItemProblem,
  type MeetingRequest,
} from '../core/certification.js';
import { AppError } from '../core/errors.js';
import { sha256Base64url } from '../adapters/crypto.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import { isUniqueViolation, type Dialect } from '../store/database.js';
import type { Database } from '../store/schema.js';
import { accountsRepo, openDisplayName, type NameKeys } from '../store/repos/accounts.js';
import { agenciesRepo } from '../store/repos/agencies.js';
import { certificationRepo, type MeetingRow } from '../store/repos/certification.js';
import type { Queryable } from '../store/repos/types.js';
import type { CatalogueReader } from './catalogue.js';
import type { Decider } from './certification.js';
import { reasonOf } from './attestations.js';

/** Oldest deed first, so caps fall the same way as if each had been decided when it happened. */
const ordered = <T extends { occurred_at: string; id: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => a.occurred_at.localeCompare(b.occurred_at) || a.id.localeCompare(b.id));

type Localised = { th: string; en: string };

export interface MeetingSummary {
  id: string;
  certifier: { code: string; name: Localised | null };
  officer: string | null;
  meetingDate: string;
  meetingYearBE: number;
  minutesRef: string;
  note: string | null;
  counts: { approved: number; rejected: number; credited: number };
  createdAt: string;
}

export interface MeetingItem {
  attestationId: string;
  decision: 'approve' | 'reject';
  status: 'credited' | 'pending' | 'rejected';
  reason: { code: string; message: Localised; note: string | null } | null;
  credit: { points: number; year: number } | null;
  indicator: { code: string; name: Localised | null };
  issuer: string;
  occurredAt: string;
  account: { id: string; displayName: string } | null;
}

export interface MeetingView extends MeetingSummary {
  items: MeetingItem[];
}

export interface MeetingService {
  record(principal: Principal, input: MeetingRequest): Promise<{ meeting: MeetingView; replayed: boolean }>;
  list(principal: Principal, q: { cursor?: string | undefined; limit: number }): Promise<{ items: MeetingSummary[]; nextCursor: string | null }>;
  get(principal: Principal, id: string): Promise<MeetingView>;
}

export function createMeetingService(deps: {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  ids: IdGenerator;
  catalogue: CatalogueReader;
  decider: Decider;
  /** Opens the names of the people a meeting decided on. */
  vault: NameKeys;
  access: AccessRecorder;
}): MeetingService {
  const { db, dialect, clock, ids, catalogue, decider, vault, access } = deps;

  async function summary(q: Queryable, m: MeetingRow): Promise<MeetingSummary> {
    const agency = await agenciesRepo.findByCode(q, m.certifier_code);
    return {
      id: m.id,
      certifier: { code: m.certifier_code, name: agency ? { th: agency.name_th, en: agency.name_en } : null },
      officer: m.officer,
      meetingDate: m.meeting_date,
      meetingYearBE: toBuddhistEra(Number(m.meeting_date.slice(0, 4))),
      minutesRef: m.minutes_ref,
      note: m.note,
      counts: { approved: Number(m.approved_count), rejected: Number(m.rejected_count), credited: Number(m.credited_count) },
      createdAt: m.created_at,
    };
  }

  async function view(q: Queryable, m: MeetingRow): Promise<MeetingView> {
    const rows = await certificationRepo.meetingItems(q, m.id);
    return {
      ...(await summary(q, m)),
      items: rows.map((r) => {
        const reason = reasonOf(r.reason_code, r.reason_details);
        return {
          attestationId: r.id,
          decision: r.reason_code === 'certifier_rejected' ? 'reject' : 'approve',
          status: r.status,
          reason: reason ? { ...reason, note: r.reason_note } : null,
          credit: r.points === null || r.year === null ? null : { points: Number(r.points), year: Number(r.year) },
          indicator: { code: r.indicator_code, name: catalogue.current(r.indicator_code)?.definition.name ?? null },
          issuer: r.issuer_code,
          occurredAt: r.occurred_at,
          account: r.account_id === null || r.display_name === null ? null : { id: r.account_id, displayName: openDisplayName(vault, { ...r, id: r.account_id }) ?? '' },
        };
      }),
    };
  }

  /** A retry of the same decision answers as before; the same minutes with other content is a conflict. */
  async function replayOf(q: Queryable, certifier: string, minutesRef: string, hash: string): Promise<MeetingView | undefined> {
    const existing = await certificationRepo.findMeetingByMinutes(q, certifier, minutesRef);
    if (!existing) return undefined;
    if (existing.request_hash !== hash) throw new AppError('ref_conflict', { minutesRef, meetingId: existing.id });
    return view(q, existing);
  }

  return {
    async record(principal, input) {
      if (!canAccess(principal, 'certification.work')) throw new AppError('forbidden');
      const duplicates = duplicateIds(input);
      if (duplicates.length) throw new AppError('validation_failed', { issues: [{ path: 'body', message: 'an attestation is listed more than once' }], duplicates });
      const reject = input.reject ?? [];
      if (input.approve.length + reject.length === 0) throw new AppError('validation_failed', { issues: [{ path: 'body.approve', message: 'list at least one attestation' }] });
      const noReason = reject.filter((r) => !hasReason(r.reason)).map((r) => r.id);
      if (noReason.length) throw new AppError('reason_required', { items: noReason });
      const now = clock.now();
      if (isFutureDay(input.meetingDate, now)) throw new AppError('meeting_date_in_future', { meetingDate: input.meetingDate });
      const minutesRef = input.minutesRef.trim();
      const hash = sha256Base64url(canonicalMeeting(input));
      const early = await replayOf(db, principal.agency, minutesRef, hash);
      if (early) return { meeting: early, replayed: true };

      const decisions = new Map<string, { decision: 'approve' | 'reject'; reason?: string }>([
        ...input.approve.map((id) => [id, { decision: 'approve' as const }] as const),
        ...reject.map((r) => [r.id, { decision: 'reject' as const, reason: r.reason }] as const),
      ]);
      const listed = [...decisions.keys()];

      const run = async (trx: Queryable): Promise<{ meeting: MeetingView; replayed: boolean }> => {
        const problemsOf = async (phase: 'scope' | 'locked') => {
          const rows = await certificationRepo.withAccounts(trx, listed);
          const byId = new Map(rows.map((r) => [r.id, r]));
          const problems: ItemProblem[] = [];
          for (const id of listed) {
            const r = byId.get(id);
            if (!r?.account_id || r.area_code === null) problems.push({ id, code: 'attestation_not_found' });
            else if (!canAccess(principal, 'attestation.certify', { kind: 'account', id: r.account_id, areaCode: r.area_code })) problems.push({ id, code: 'out_of_scope' });
            else if (r.status !== 'pending') problems.push({ id, code: 'not_pending' });
            else if (phase === 'scope' && r.bangkok_day > input.meetingDate) problems.push({ id, code: 'deed_after_meeting' });
          }
          const refusal = meetingRefusal(problems);
          if (refusal) throw new AppError(refusal.code, { items: refusal.items });
          return rows;
        };
        const replayed = await replayOf(trx, principal.agency, minutesRef, hash);
        if (replayed) return { meeting: replayed, replayed: true };
        const scoped = await problemsOf('scope');
        // One order for every transaction that locks several accounts: no lock cycle between meetings.
        const accountIds = [...new Set(scoped.map((r) => r.account_id!))].sort();
        for (const id of accountIds) await accountsRepo.lockForPosting(trx, id, dialect);
        // A twin request that committed while this one waited for the locks is a retry: replay it.
        const twin = await replayOf(trx, principal.agency, minutesRef, hash);
        if (twin) return { meeting: twin, replayed: true };
        const rows = await problemsOf('locked');
        const accounts = new Map((await Promise.all(accountIds.map((id) => accountsRepo.findById(trx, id)))).map((a) => [a!.id, a!]));
        // A person who restricted processing (or left) is not decided on, at a meeting or anywhere.
        const frozen = ordered(rows).filter((r) => accounts.get(r.account_id!)?.restricted_at || accounts.get(r.account_id!)?.status !== 'active');
        if (frozen.length) throw new AppError('processing_restricted', { attestations: frozen.map((r) => r.id) });

        const meetingId = ids.next();
        const at = now.toISOString();
        let credited = 0;
        for (const row of ordered(rows)) {
          const { area_code: _area, ...attestation } = row;
          const result = await decider.apply(trx, {
            attestation,
            account: accounts.get(row.account_id!)!,
            principal,
            decision: decisions.get(row.id)!,
            now: at,
            meetingId,
          });
          if (result.status === 'credited') credited += 1;
        }
        const meeting: MeetingRow = {
          id: meetingId,
          certifier_code: principal.agency,
          officer: officerOf(principal),
          meeting_date: input.meetingDate,
          minutes_ref: minutesRef,
          note: input.note?.trim() || null,
          request_hash: hash,
          approved_count: input.approve.length,
          rejected_count: reject.length,
          credited_count: credited,
          created_at: at,
        };
        await certificationRepo.insertMeeting(trx, meeting);
        return { meeting: await view(trx, meeting), replayed: false };
      };

      try {
        return await db.transaction().execute(run);
      } catch (err) {
        // The same minutes were recorded by a request that did not touch the same people.
        if (!isUniqueViolation(err)) throw err;
        const replayed = await replayOf(db, principal.agency, minutesRef, hash);
        if (!replayed) throw err;
        return { meeting: replayed, replayed: true };
      }
    },

    async list(principal, q) {
      if (!canAccess(principal, 'certification.work')) throw new AppError('forbidden');
      let after: { meetingDate: string; createdAt: string; id: string } | undefined;
      if (q.cursor) {
        const parts = decodeCursor(q.cursor, 3);
        if (!parts) throw new AppError('invalid_cursor');
        after = { meetingDate: parts[0]!, createdAt: parts[1]!, id: parts[2]! };
      }
      const rows = await certificationRepo.meetingsPage(db, principal.agency, after, q.limit + 1);
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: await Promise.all(page.map((m) => summary(db, m))),
        nextCursor: rows.length > q.limit && last ? encodeCursor([last.meeting_date, last.created_at, last.id]) : null,
      };
    },

    async get(principal, id) {
      if (!canAccess(principal, 'certification.work')) throw new AppError('forbidden');
      const m = await certificationRepo.findMeeting(db, id);
      if (!m || !canAccess(principal, 'meeting.read', { kind: 'meeting', agency: m.certifier_code })) throw new AppError('meeting_not_found');
      const meeting = await view(db, m);
      await access.record(
        principal,
        meeting.items.flatMap((i) => (i.account ? [i.account.id] : [])),
      );
      return meeting;
    },
  };
}
