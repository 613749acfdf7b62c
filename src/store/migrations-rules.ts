// Migration 0015: the committee's rules. Equivalence groups are assigned to agencies by the committee
// (seeded from the seed catalogue: each seed indicator's group to its owner); platform-wide rule
// settings (the grace period after which a year is closed); a credit records the points asked for and
// why it was cut (the yearly ceiling); a refused deed keeps the facts of its refusal (which cap, when
// possible again) for the person's history.
import { sql, type Kysely, type Migration } from 'kysely';
import { SEED_INDICATORS } from '../core/seed/indicators.js';

export function rulesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('group_assignments')
        .addColumn('group_code', 'text', (c) => c.notNull())
        .addColumn('agency_code', 'text', (c) => c.notNull())
        .addColumn('assigned_by', 'text')
        .addColumn('assigned_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('group_assignments_pk', ['group_code', 'agency_code'])
        .execute();
      await db.schema.createIndex('group_assignments_agency').on('group_assignments').column('agency_code').execute();
      await db.schema
        .createTable('rule_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('credits').addColumn('points_requested', 'integer').execute();
      await db.schema.alterTable('credits').addColumn('cut_reason', 'text').execute();
      await db.schema.alterTable('attestations').addColumn('reason_details', 'text').execute();
      // Once, here and not in the start-up seed: a group the committee later unassigns stays unassigned.
      const at = new Date().toISOString();
      const seen = new Set<string>();
      for (const def of SEED_INDICATORS) {
        if (!def.equivalenceGroup || def.owner.kind === 'national') continue;
        const key = `${def.equivalenceGroup}\u0000${def.owner.agency}`;
        if (seen.has(key)) continue;
        seen.add(key);
        await sql`insert into group_assignments (group_code, agency_code, assigned_by, assigned_at) values (${def.equivalenceGroup}, ${def.owner.agency}, ${null}, ${at})`.execute(
          db,
        );
      }
    },
  };
}
