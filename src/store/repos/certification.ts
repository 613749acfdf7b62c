import type { CertificationMeetingsTable } from '../schema.js';
import type { Queryable } from './types.js';

export type MeetingRow = CertificationMeetingsTable;

export interface QueueFilter {
  areaPrefixes: readonly string[];
  kind?: 'declarations' | 'attestations' | undefined;
  indicator?: string | undefined;
  subdistrict?: string | undefined;
  /** Items after this (created_at, id), oldest first. */
  after?: { createdAt: string; id: string } | undefined;
  limit: number;
}

const SELF = 'self';

function pendingWhere(db: Queryable, f: Omit<QueueFilter, 'after' | 'limit'>) {
  let q = db
    .selectFrom('attestations')
    .innerJoin('accounts', 'accounts.id', 'attestations.account_id')
    .where('attestations.status', '=', 'pending')
    // Nothing of a person who restricted processing (or left) is shown to staff.
    .where('accounts.status', '=', 'active')
    .where('accounts.restricted_at', 'is', null)
    .where((eb) => eb.or(f.areaPrefixes.map((p) => eb('accounts.area_code', 'like', `${p}%`))));
  if (f.kind === 'declarations') q = q.where('attestations.issuer_code', '=', SELF);
  if (f.kind === 'attestations') q = q.where('attestations.issuer_code', '!=', SELF);
  if (f.indicator) q = q.where('attestations.indicator_code', '=', f.indicator);
  if (f.subdistrict) q = q.where('accounts.area_code', '=', f.subdistrict);
  return q;
}

export const certificationRepo = {
  /** Pending deeds of people in the areas, oldest first, with what an officer needs to decide them. */
  pendingPage(db: Queryable, f: QueueFilter) {
    let q = pendingWhere(db, f)
      .leftJoin('areas', 'areas.code', 'accounts.area_code')
      .leftJoin('agencies', 'agencies.code', 'attestations.issuer_code')
      .select([
        'attestations.id',
        'attestations.issuer_code',
        'attestations.indicator_code',
        'attestations.rule_version',
        'attestations.occurred_at',
        'attestations.quantity',
        'attestations.hours',
        'attestations.evidence',
        'attestations.created_at',
        'accounts.id as account_id',
        'accounts.display_name',
        'accounts.display_name_enc',
        'accounts.subject_key_enc',
        'accounts.area_code',
        'areas.name_th as area_name_th',
        'areas.name_en as area_name_en',
        'agencies.name_th as issuer_name_th',
        'agencies.name_en as issuer_name_en',
      ]);
    const after = f.after;
    if (after)
      q = q.where((eb) =>
        eb.or([eb('attestations.created_at', '>', after.createdAt), eb.and([eb('attestations.created_at', '=', after.createdAt), eb('attestations.id', '>', after.id)])]),
      );
    return q.orderBy('attestations.created_at').orderBy('attestations.id').limit(f.limit).execute();
  },

  async pendingCount(db: Queryable, f: Omit<QueueFilter, 'after' | 'limit'>): Promise<number> {
    const r = await pendingWhere(db, f)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** The attestations a meeting lists, with their subject's area (unlocked read, for scope checks). */
  withAccounts: (db: Queryable, ids: readonly string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('attestations')
          .leftJoin('accounts', 'accounts.id', 'attestations.account_id')
          .selectAll('attestations')
          .select(['accounts.area_code'])
          .where('attestations.id', 'in', ids)
          .execute(),

  insertMeeting: (db: Queryable, row: MeetingRow) => db.insertInto('certification_meetings').values(row).execute(),

  setMeetingCounts: (db: Queryable, id: string, counts: Pick<MeetingRow, 'approved_count' | 'rejected_count' | 'credited_count'>) =>
    db.updateTable('certification_meetings').set(counts).where('id', '=', id).execute(),

  findMeeting: (db: Queryable, id: string) => db.selectFrom('certification_meetings').selectAll().where('id', '=', id).executeTakeFirst(),

  findMeetingByMinutes: (db: Queryable, certifier: string, minutesRef: string) =>
    db.selectFrom('certification_meetings').selectAll().where('certifier_code', '=', certifier).where('minutes_ref', '=', minutesRef).executeTakeFirst(),

  /** A certifier's meetings, latest meeting first. */
  meetingsPage(db: Queryable, certifier: string, after: { meetingDate: string; createdAt: string; id: string } | undefined, limit: number) {
    let q = db.selectFrom('certification_meetings').selectAll().where('certifier_code', '=', certifier);
    if (after)
      q = q.where((eb) =>
        eb.or([
          eb('meeting_date', '<', after.meetingDate),
          eb.and([eb('meeting_date', '=', after.meetingDate), eb('created_at', '<', after.createdAt)]),
          eb.and([eb('meeting_date', '=', after.meetingDate), eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
        ]),
      );
    return q.orderBy('meeting_date', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  },

  /** The deeds a meeting decided, with the person's name and any credit. */
  meetingItems: (db: Queryable, meetingId: string) =>
    db
      .selectFrom('attestations')
      .leftJoin('accounts', 'accounts.id', 'attestations.account_id')
      .leftJoin('credits', 'credits.attestation_id', 'attestations.id')
      .select([
        'attestations.id',
        'attestations.indicator_code',
        'attestations.issuer_code',
        'attestations.occurred_at',
        'attestations.status',
        'attestations.reason_code',
        'attestations.reason_note',
        'attestations.reason_details',
        'accounts.id as account_id',
        'accounts.display_name',
        'accounts.display_name_enc',
        'accounts.subject_key_enc',
        'credits.points',
        'credits.year',
      ])
      .where('attestations.meeting_id', '=', meetingId)
      .orderBy('attestations.id')
      .execute(),
};
