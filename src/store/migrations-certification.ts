// Migration 0010: evidence files for self-declarations (the bytes live outside the database, under
// the data directory; rows hold only hash, media type and size), and the certifier's decisions taken
// at a village meeting (one record per meeting's minutes, referenced by each attestation it decided).
import type { Kysely, Migration } from 'kysely';

export function certificationMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // One row per person and file: two people uploading the same bytes each own their upload.
      await db.schema
        .createTable('evidence_files')
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('evidence_files_pk', ['account_id', 'sha256'])
        .execute();

      await db.schema
        .createTable('attestation_evidence')
        .addColumn('attestation_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('attestation_evidence_pk', ['attestation_id', 'sha256'])
        .execute();
      await db.schema.createIndex('attestation_evidence_file').on('attestation_evidence').columns(['account_id', 'sha256']).execute();

      await db.schema
        .createTable('certification_meetings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('certifier_code', 'text', (c) => c.notNull())
        .addColumn('officer', 'text')
        .addColumn('meeting_date', 'text', (c) => c.notNull())
        .addColumn('minutes_ref', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('approved_count', 'integer', (c) => c.notNull())
        .addColumn('rejected_count', 'integer', (c) => c.notNull())
        .addColumn('credited_count', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        // The minutes' reference number identifies the decision: a retry replays it.
        .addUniqueConstraint('certification_meetings_minutes', ['certifier_code', 'minutes_ref'])
        .execute();
      await db.schema.createIndex('certification_meetings_list').on('certification_meetings').columns(['certifier_code', 'meeting_date', 'created_at']).execute();

      await db.schema.alterTable('attestations').addColumn('meeting_id', 'text').execute();
      await db.schema.alterTable('attestations').addColumn('decided_by', 'text').execute();
      await db.schema.createIndex('attestations_meeting').on('attestations').column('meeting_id').execute();
    },
  };
}
