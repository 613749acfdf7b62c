// Schema migrations, written once for both databases; they run on every start and are idempotent.
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from './database.js';
import { balancePolicyMigration, privilegesMigration } from './migrations-privileges.js';
import { signInMigration } from './migrations-signin.js';
import { committeeMigration } from './migrations-committee.js';
import { cardsMigration } from './migrations-cards.js';
import { opportunitiesMigration } from './migrations-opportunities.js';
import { certificationMigration } from './migrations-certification.js';
import { importsMigration } from './migrations-imports.js';
import { erasureMigration } from './migrations-erasure.js';
import { reversalsMigration } from './migrations-reversals.js';
import { rulesMigration } from './migrations-rules.js';
import { consentsMigration } from './migrations-consents.js';
import { disputesMigration } from './migrations-disputes.js';
import { exchangeMigration } from './migrations-exchange.js';
import { partitionsMigration } from './migrations-partitions.js';
import { scoreIndexMigration } from './migrations-score-index.js';
import { clusterMigration } from './migrations-cluster.js';

function initial(dialect: Dialect): Migration {
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('areas')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('parent_code', 'text')
        .addColumn('name_th', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('settlement', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('areas_parent').on('areas').column('parent_code').execute();

      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('scale_max', 'integer', (c) => c.notNull())
        .addColumn('identifier_hash', 'text', (c) => c.unique())
        .addColumn('identifier_enc', 'text')
        .addColumn('subject_key_enc', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('accounts_area').on('accounts').column('area_code').execute();

      await db.schema
        .createTable('consents')
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('notice_version', 'text', (c) => c.notNull())
        .addColumn('given_at', 'text', (c) => c.notNull())
        .addColumn('withdrawn_at', 'text')
        .addPrimaryKeyConstraint('consents_pk', ['account_id', 'purpose', 'given_at'])
        .execute();

      await db.schema
        .createTable('agencies')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name_th', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('indicator_scopes', 'text', (c) => c.notNull())
        .addColumn('area_scopes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('principal_kind', 'text', (c) => c.notNull())
        .addColumn('agency_code', 'text')
        .addColumn('account_id', 'text')
        .addColumn('label', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createTable('indicators')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('owner_kind', 'text', (c) => c.notNull())
        .addColumn('owner_agency', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('indicator_versions')
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('effective_from', 'text', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('indicator_versions_pk', ['code', 'version'])
        .execute();

      await db.schema
        .createTable('attestations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('issuer_code', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text')
        .addColumn('indicator_code', 'text', (c) => c.notNull())
        .addColumn('equivalence_group', 'text', (c) => c.notNull())
        .addColumn('rule_version', 'integer')
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('bangkok_day', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('quantity', sql.raw(real), (c) => c.notNull())
        .addColumn('evidence', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason_code', 'text')
        .addColumn('reason_note', 'text')
        .addColumn('certifier_code', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('attestations_issuer_ref', ['issuer_code', 'ref'])
        .execute();
      await db.schema.createIndex('attestations_same_act').on('attestations').columns(['account_id', 'equivalence_group', 'bangkok_day']).execute();
      await db.schema.createIndex('attestations_status').on('attestations').columns(['status', 'created_at']).execute();

      await db.schema
        .createTable('credits')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('attestation_id', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('indicator_code', 'text', (c) => c.notNull())
        .addColumn('equivalence_group', 'text', (c) => c.notNull())
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('bangkok_day', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('rule_version', 'integer', (c) => c.notNull())
        .addColumn('issuer_code', 'text', (c) => c.notNull())
        .addColumn('certifier_code', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('credits_account_year').on('credits').columns(['account_id', 'year']).execute();
      await db.schema.createIndex('credits_account_indicator').on('credits').columns(['account_id', 'indicator_code', 'occurred_at']).execute();

      await db.schema
        .createTable('log_entries')
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('ref_id', 'text', (c) => c.notNull())
        .addColumn('leaf', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('leaf_index', 'bigint', (c) => c.unique())
        .execute();
      await db.schema.createIndex('log_entries_ref').on('log_entries').column('ref_id').execute();
    },
  };
}

// The transparency log's storage: the latest content of each tile (tiles only grow, so one row per
// tile serves every width up to the stored one), every signed checkpoint, and a partial index that
// finds entries not yet in the tree without scanning the integrated ones.
function log(dialect: Dialect): Migration {
  const bytes = sql.raw(dialect === 'postgres' ? 'bytea' : 'blob');
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('log_tiles')
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('idx', 'bigint', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('hashes', bytes, (c) => c.notNull())
        .addPrimaryKeyConstraint('log_tiles_pk', ['level', 'idx'])
        .execute();
      await db.schema
        .createTable('log_checkpoints')
        .addColumn('size', 'bigint', (c) => c.primaryKey())
        .addColumn('root', bytes, (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('log_entries_pending').on('log_entries').column('seq').where(sql.ref('leaf_index'), 'is', null).execute();
    },
  };
}

class CodeMigrations implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '0001_initial': initial(this.dialect),
      '0002_log': log(this.dialect),
      '0003_privileges': privilegesMigration(this.dialect),
      '0004_balance_policy': balancePolicyMigration(),
      '0005_signin': signInMigration(),
      '0006_committee': committeeMigration(),
      '0007_cards': cardsMigration(),
      '0009_opportunities': opportunitiesMigration(),
      '0010_certification': certificationMigration(),
      '0008_imports': importsMigration(),
      '0012_erasure': erasureMigration(),
      '0013_reversals': reversalsMigration(),
      '0015_rules': rulesMigration(),
      '0011_consents': consentsMigration(),
      '0014_disputes': disputesMigration(),
      '0016_exchange': exchangeMigration(),
      '0018_partitions': partitionsMigration(this.dialect),
      '0017_cluster': clusterMigration(),
      '0019_score_index': scoreIndexMigration(),
    };
  }
}

/** Migrates to the latest schema, or up to `target` (tests that upgrade a database of an older schema). */
export async function migrate(db: Kysely<unknown>, dialect: Dialect, target?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: new CodeMigrations(dialect) });
  const { error, results } = await (target ? migrator.migrateTo(target) : migrator.migrateToLatest());
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}
