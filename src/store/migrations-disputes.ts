// Migration 0014: disputes and appeals (with the evidence a person attached), the committee's
// answer deadline (a history of settings; the latest applies to disputes filed from then on), and
// citizens' ratings of the agencies they dealt with (one per interaction).
import { sql, type Kysely, type Migration } from 'kysely';

export function disputesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('dispute_settings')
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('answer_days', 'integer', (c) => c.notNull())
        .addColumn('set_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('disputes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        // What is contested, once per person: `credit:<id>`, `attestation:<id>` or `missing:<agency>:<indicator>:<day>`.
        .addColumn('subject_key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('credit_id', 'text')
        .addColumn('attestation_id', 'text')
        .addColumn('indicator_code', 'text', (c) => c.notNull())
        .addColumn('occurred_on', 'text', (c) => c.notNull())
        .addColumn('respondent_code', 'text', (c) => c.notNull())
        .addColumn('respondent_role', 'text', (c) => c.notNull())
        .addColumn('statement', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('answer_days', 'integer', (c) => c.notNull())
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('filed_at', 'text', (c) => c.notNull())
        .addColumn('answer', 'text')
        .addColumn('answer_text', 'text')
        .addColumn('answered_at', 'text')
        .addColumn('answered_by', 'text')
        .addColumn('accepted_at', 'text')
        .addColumn('escalation_reason', 'text')
        .addColumn('contest_statement', 'text')
        .addColumn('escalated_at', 'text')
        .addColumn('reviewer_code', 'text')
        .addColumn('review', 'text')
        .addColumn('review_text', 'text')
        .addColumn('reviewed_at', 'text')
        .addColumn('reviewed_by', 'text')
        .addColumn('correction_kind', 'text')
        .addColumn('correction_id', 'text')
        .addColumn('corrected_at', 'text')
        .addUniqueConstraint('disputes_subject', ['account_id', 'subject_key'])
        .execute();
      await db.schema.createIndex('disputes_account').on('disputes').columns(['account_id', 'filed_at']).execute();
      await db.schema.createIndex('disputes_respondent').on('disputes').columns(['respondent_code', 'status', 'filed_at']).execute();
      await db.schema.createIndex('disputes_status_due').on('disputes').columns(['status', 'due_at']).execute();
      // A credit or reversal corrects at most one dispute.
      await db.schema
        .createIndex('disputes_correction')
        .on('disputes')
        .columns(['correction_kind', 'correction_id'])
        .unique()
        .where(sql.ref('correction_id'), 'is not', null)
        .execute();

      await db.schema
        .createTable('dispute_evidence')
        .addColumn('dispute_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dispute_evidence_pk', ['dispute_id', 'sha256'])
        .execute();

      await db.schema
        .createTable('ratings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('interaction_kind', 'text', (c) => c.notNull())
        .addColumn('interaction_id', 'text', (c) => c.notNull())
        .addColumn('context', 'text', (c) => c.notNull())
        .addColumn('agency_code', 'text', (c) => c.notNull())
        .addColumn('stars', 'integer', (c) => c.notNull())
        // Read by the rated agency alone.
        .addColumn('comment', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('ratings_interaction', ['interaction_kind', 'interaction_id'])
        .execute();
      await db.schema.createIndex('ratings_agency').on('ratings').columns(['agency_code', 'created_at']).execute();
      await db.schema.createIndex('ratings_account').on('ratings').column('account_id').execute();
    },
  };
}
