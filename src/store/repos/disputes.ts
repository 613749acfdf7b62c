// Disputes, their evidence, the committee's deadline setting, and the figures the public statistics use.
import type { DisputeEvidenceTable, DisputesTable, DisputeSettingsTable } from '../schema.js';
import type { Queryable } from './types.js';
import { holdsLiveConsent } from './statistics.js';

export type DisputeRow = DisputesTable;

const changed = (r: { numUpdatedRows: bigint }) => Number(r.numUpdatedRows) === 1;

export const disputeSettingsRepo = {
  latest: (db: Queryable) => db.selectFrom('dispute_settings').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst(),
  insert: (db: Queryable, row: DisputeSettingsTable) => db.insertInto('dispute_settings').values(row).execute(),
};

export const disputesRepo = {
  insert: (db: Queryable, row: DisputeRow) => db.insertInto('disputes').values(row).execute(),
  findById: (db: Queryable, id: string) => db.selectFrom('disputes').selectAll().where('id', '=', id).executeTakeFirst(),
  findBySubject: (db: Queryable, accountId: string, subjectKey: string) =>
    db.selectFrom('disputes').selectAll().where('account_id', '=', accountId).where('subject_key', '=', subjectKey).executeTakeFirst(),
  listForAccount: (db: Queryable, accountId: string) =>
    db.selectFrom('disputes').selectAll().where('account_id', '=', accountId).orderBy('filed_at', 'desc').orderBy('id', 'desc').execute(),

  /** The respondent's work: disputes waiting for its answer, and settled ones still waiting for the correction's id. Oldest first. */
  respondentQueue: (db: Queryable, agency: string) =>
    db
      .selectFrom('disputes')
      .selectAll()
      .where('respondent_code', '=', agency)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'open'),
          eb.and([eb('status', '=', 'escalated'), eb('escalation_reason', '=', 'overdue'), eb('answer', 'is', null)]),
          eb.and([eb('correction_id', 'is', null), eb.or([eb('answer', '=', 'accept').and('status', 'in', ['answered', 'resolved']), eb('review', '=', 'upheld')])]),
        ]),
      )
      .orderBy('filed_at')
      .orderBy('id')
      .limit(500)
      .execute(),

  /** Escalated disputes an independent reviewer may take (never its own agency's), oldest escalation first. */
  reviewerQueue: (db: Queryable, agency: string) =>
    db.selectFrom('disputes').selectAll().where('status', '=', 'escalated').where('respondent_code', '!=', agency).orderBy('escalated_at').orderBy('id').limit(500).execute(),

  /** A step taken only from the state it expects, so of two at once exactly one wins. */
  async transition(db: Queryable, id: string, from: readonly DisputeRow['status'][], set: Partial<DisputeRow>): Promise<boolean> {
    return changed(
      await db
        .updateTable('disputes')
        .set(set)
        .where('id', '=', id)
        .where('status', 'in', [...from])
        .executeTakeFirst(),
    );
  },

  /** An answer after an escalation for lack of one: recorded for the reviewer; the dispute stays with the reviewer. */
  async answerLate(db: Queryable, id: string, set: Pick<DisputeRow, 'answer' | 'answer_text' | 'answered_at' | 'answered_by'>): Promise<boolean> {
    return changed(
      await db
        .updateTable('disputes')
        .set(set)
        .where('id', '=', id)
        .where('status', '=', 'escalated')
        .where('escalation_reason', '=', 'overdue')
        .where('answer', 'is', null)
        .executeTakeFirst(),
    );
  },

  async linkCorrection(db: Queryable, id: string, set: Pick<DisputeRow, 'correction_kind' | 'correction_id' | 'corrected_at'>): Promise<boolean> {
    return changed(await db.updateTable('disputes').set(set).where('id', '=', id).where('correction_id', 'is', null).executeTakeFirst());
  },

  overdue: (db: Queryable, now: string, limit: number) =>
    db.selectFrom('disputes').select(['id']).where('status', '=', 'open').where('due_at', '<=', now).orderBy('due_at').limit(limit).execute(),

  /** Answers given before `before` to persons with a live statistics consent, by every agency (the suppression counts the people). */
  answeredBefore: (db: Queryable, before: string, purpose: string) =>
    db
      .selectFrom('disputes')
      .innerJoin('accounts', 'accounts.id', 'disputes.account_id')
      .select(['disputes.respondent_code', 'disputes.account_id', 'disputes.filed_at', 'disputes.answered_at', 'disputes.due_at'])
      .where('disputes.answered_at', 'is not', null)
      .where('disputes.answered_at', '<', before)
      .where('accounts.status', '=', 'active')
      .where((eb) => holdsLiveConsent(eb, purpose))
      .execute(),

  /** Credits recorded before `before` of persons counted in statistics, by issuer, with whether each was reversed. */
  issuedBefore: (db: Queryable, before: string, purpose: string) =>
    db
      .selectFrom('credits')
      .innerJoin('accounts', 'accounts.id', 'credits.account_id')
      .leftJoin('reversals', (j) => j.onRef('reversals.credit_id', '=', 'credits.id').on('reversals.created_at', '<', before))
      .select(['credits.issuer_code', 'credits.account_id', 'reversals.id as reversal_id'])
      .where('credits.created_at', '<', before)
      .where('accounts.status', '=', 'active')
      .where((eb) => holdsLiveConsent(eb, purpose))
      .execute(),

  insertEvidence: (db: Queryable, rows: readonly DisputeEvidenceTable[]) => (rows.length ? db.insertInto('dispute_evidence').values(rows).execute() : Promise.resolve([])),
  evidenceOf: (db: Queryable, disputeIds: readonly string[]) =>
    disputeIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('dispute_evidence')
          .innerJoin('evidence_files', (j) =>
            j.onRef('evidence_files.account_id', '=', 'dispute_evidence.account_id').onRef('evidence_files.sha256', '=', 'dispute_evidence.sha256'),
          )
          .select(['dispute_evidence.dispute_id', 'dispute_evidence.sha256', 'evidence_files.media_type', 'evidence_files.size'])
          .where('dispute_evidence.dispute_id', 'in', [...disputeIds])
          .orderBy('dispute_evidence.sha256')
          .execute(),
};

/** The rows a dispute or a rating refers to, read in the service's transaction. */
export const disputeSubjectsRepo = {
  credit: (db: Queryable, id: string) => db.selectFrom('credits').selectAll().where('id', '=', id).executeTakeFirst(),
  attestation: (db: Queryable, id: string) => db.selectFrom('attestations').selectAll().where('id', '=', id).executeTakeFirst(),
  redemption: (db: Queryable, id: string) => db.selectFrom('redemptions').selectAll().where('id', '=', id).executeTakeFirst(),
};
