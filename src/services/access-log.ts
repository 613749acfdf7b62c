// The access log: every read of a person's record by staff (admin, registrar, certifier, committee)
// or by a partner at its counter, with who, when, what and why. Written by the services that read
// (enrolment.readable/lookup, the certification queue, evidence, vouchers, eligibility tokens), never
// by routes, so a new route that reads an account is logged without doing anything. A staff read
// needs a stated purpose; the person reading their own record is not recorded.
import type { Kysely } from 'kysely';
import { canAccess, isRecordedRead, type Principal } from '../core/access.js';
import { decodeCursor, encodeCursor } from '../core/certification.js';
import type { RecordedPurpose } from '../core/consents.js';
import { AppError } from '../core/errors.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import { requestContext } from '../adapters/request-context.js';
import type { Database } from '../store/schema.js';
import { accessLogRepo, type AccessLogRow } from '../store/repos/consents.js';
import type { Queryable } from '../store/repos/types.js';

export interface AccessLogEntry {
  id: string;
  at: string;
  who: { kind: 'admin' | 'agency'; agency: { code: string; name: { th: string; en: string } | null } | null; officer: string | null };
  what: string;
  purpose: { code: string; note: string | null };
}

export interface AccessRecorder {
  /**
   * Records that `principal` read the records of these accounts. Staff must have stated a purpose
   * (else `access_purpose_required`); partners' counter checks pass theirs. Once per account per request.
   */
  record(principal: Principal, accountIds: readonly string[], opts?: { purpose?: RecordedPurpose; what?: string; db?: Queryable }): Promise<void>;
}

export interface AccessLogService extends AccessRecorder {
  /** The person's own access log, newest first. */
  list(principal: Principal, accountId: string, q: { cursor?: string | undefined; limit: number }): Promise<{ items: AccessLogEntry[]; nextCursor: string | null }>;
}

export function createAccessLogService(deps: { db: Kysely<Database>; clock: Clock; ids: IdGenerator }): AccessLogService {
  const { db, clock, ids } = deps;
  return {
    async record(principal, accountIds, opts = {}) {
      if (!isRecordedRead(principal) || accountIds.length === 0) return;
      const ctx = requestContext.of(principal);
      const fresh = [...new Set(accountIds)].filter((id) => !ctx?.recorded.has(id));
      if (fresh.length === 0) return;
      let purpose: { code: string; note: string | null };
      if (opts.purpose) purpose = { code: opts.purpose, note: null };
      else {
        const stated = ctx?.purpose ?? { ok: true };
        if (!stated.ok) throw new AppError('invalid_access_purpose', { reason: stated.reason });
        if (!stated.purpose) throw new AppError('access_purpose_required', { header: 'x-khwamdee-purpose', query: 'purpose' });
        purpose = stated.purpose;
      }
      const at = clock.now().toISOString();
      const rows: AccessLogRow[] = fresh.map((account_id) => ({
        id: ids.next(),
        account_id,
        at,
        actor_kind: principal.kind,
        agency_code: principal.kind === 'agency' ? principal.agency : null,
        officer_id: principal.kind === 'agency' ? (principal.officer?.id ?? null) : null,
        what: opts.what ?? ctx?.route ?? 'service',
        purpose: purpose.code,
        purpose_note: purpose.note,
        correlation_id: ctx?.correlationId ?? null,
      }));
      await accessLogRepo.insert(opts.db ?? db, rows);
      for (const id of fresh) ctx?.recorded.add(id);
    },

    async list(principal, accountId, q) {
      if (!canAccess(principal, 'account.own', { kind: 'account', id: accountId })) throw new AppError('account_not_found');
      let before: { at: string; id: string } | undefined;
      if (q.cursor) {
        const parts = decodeCursor(q.cursor, 2);
        if (!parts) throw new AppError('invalid_cursor');
        before = { at: parts[0]!, id: parts[1]! };
      }
      const rows = await accessLogRepo.page(db, accountId, { before, limit: q.limit + 1 });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        nextCursor: rows.length > q.limit && last ? encodeCursor([last.at, last.id]) : null,
        items: page.map((r) => ({
          id: r.id,
          at: r.at,
          who: {
            kind: r.actor_kind,
            agency: r.agency_code
              ? { code: r.agency_code, name: r.agency_name_th !== null && r.agency_name_en !== null ? { th: r.agency_name_th, en: r.agency_name_en } : null }
              : null,
            officer: r.officer_label ?? null,
          },
          what: r.what,
          purpose: { code: r.purpose, note: r.purpose_note },
        })),
      };
    },
  };
}
