// Export (PDPA s.30–31, access and portability): every stored row about the person, every column as
// stored, section by section. A table added later that holds a person's rows adds its section to
// EXPORT_SECTIONS; test/export.test.ts reads the schema and fails while any such table is missing.
import { sql, type Kysely } from 'kysely';
import { canAccess, type Principal } from '../core/access.js';
import { AppError } from '../core/errors.js';
import type { Clock } from '../adapters/clock.js';
import type { ExportRenderer } from '../adapters/export-pdf.js';
import type { Database } from '../store/schema.js';
import { accountsRepo, openDisplayName, type AccountRow, type NameKeys } from '../store/repos/accounts.js';
import type { Queryable } from '../store/repos/types.js';

type Row = Record<string, unknown>;

export interface ExportSection {
  /** The key in the export (usually the table name). */
  name: string;
  /** The tables whose rows it holds (the schema test checks every person table is covered). */
  tables: readonly string[];
  rows(q: Queryable, account: AccountRow): Promise<Row[]>;
}

/** Rows of a table with an `account_id` column, every column as stored. */
const byAccount = (table: keyof Database, order: string): ExportSection => ({
  name: table,
  tables: [table],
  rows: async (q, a) => (await sql<Row>`select * from ${sql.table(table)} where account_id = ${a.id} order by ${sql.ref(order)}`.execute(q)).rows,
});

export const EXPORT_SECTIONS: ExportSection[] = [
  { name: 'accounts', tables: ['accounts'], rows: (q, a) => q.selectFrom('accounts').selectAll().where('id', '=', a.id).execute() },
  byAccount('consents', 'given_at'),
  byAccount('consent_receipts', 'at'),
  byAccount('attestations', 'created_at'),
  byAccount('credits', 'created_at'),
  byAccount('evidence_files', 'created_at'),
  byAccount('attestation_evidence', 'attestation_id'),
  byAccount('redemptions', 'issued_at'),
  byAccount('debits', 'created_at'),
  byAccount('account_cards', 'serial'),
  byAccount('eligibility_tokens', 'issued_at'),
  byAccount('access_log', 'at'),
  byAccount('api_keys', 'created_at'),
  byAccount('account_restrictions', 'restricted_at'),
  byAccount('reversals', 'created_at'),
  byAccount('certificates', 'issued_at'),
  byAccount('disputes', 'filed_at'),
  byAccount('dispute_evidence', 'dispute_id'),
  byAccount('ratings', 'created_at'),
  {
    // The tokens a partner used up, of the eligibility tokens the person was given.
    name: 'used_tokens',
    tables: ['used_tokens'],
    rows: (q, a) =>
      q
        .selectFrom('used_tokens')
        .selectAll()
        .where('jti', 'in', q.selectFrom('eligibility_tokens').select('jti').where('account_id', '=', a.id))
        .orderBy('used_at')
        .execute(),
  },
  {
    // The public log's entries for the person's credits and vouchers (they name no one; kept here so the person can find them).
    name: 'log_entries',
    tables: ['log_entries'],
    rows: (q, a) =>
      q
        .selectFrom('log_entries')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('ref_id', 'in', eb.selectFrom('credits').select('id').where('account_id', '=', a.id)),
            eb('ref_id', 'in', eb.selectFrom('redemptions').select('id').where('account_id', '=', a.id)),
          ]),
        )
        .orderBy('seq')
        .execute(),
  },
  {
    // Roles the person holds as staff of an agency (granted to their national-ID lookup hash).
    name: 'staff_roles',
    tables: ['staff_roles'],
    rows: async (q, a) => (a.identifier_hash ? q.selectFrom('staff_roles').selectAll().where('subject_hash', '=', a.identifier_hash).orderBy('granted_at').execute() : []),
  },
  {
    // Web sessions of the person (the session data holds their lookup hash).
    name: 'sessions',
    tables: ['sessions'],
    rows: async (q, a) => {
      const hash = a.identifier_hash;
      if (!hash) return [];
      // LIKE narrows the scan (`_` in a hash is a wildcard there); the parsed identity decides.
      const rows = await q.selectFrom('sessions').selectAll().where('data', 'like', `%${hash}%`).orderBy('expires_at').execute();
      return rows.filter((r) => {
        try {
          return (JSON.parse(r.data) as { identity?: { subjectHash?: unknown } }).identity?.subjectHash === hash;
        } catch {
          return false;
        }
      });
    },
  },
];

export interface PersonExport {
  format: 'khwamdee-export/1';
  generatedAt: string;
  accountId: string;
  sections: Record<string, Row[]>;
}

export interface ExportService {
  json(principal: Principal, accountId: string): Promise<PersonExport>;
  pdf(principal: Principal, accountId: string): Promise<Buffer>;
}

export function createExportService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  renderer: ExportRenderer;
  /** Opens the display name, sealed under the person's own key (the export shows it in words too). */
  names: NameKeys;
  sections?: readonly ExportSection[];
}): ExportService {
  const { db, clock, renderer } = deps;
  const sections = deps.sections ?? EXPORT_SECTIONS;

  async function build(principal: Principal, accountId: string): Promise<PersonExport> {
    if (!canAccess(principal, 'account.own', { kind: 'account', id: accountId })) throw new AppError('account_not_found');
    // One snapshot: every section read in one transaction.
    return db.transaction().execute(async (trx) => {
      const account = await accountsRepo.findById(trx, accountId);
      if (!account) throw new AppError('account_not_found');
      const out: Record<string, Row[]> = {};
      for (const s of sections) out[s.name] = await s.rows(trx, account);
      // As stored (the sealed name included), plus the name opened, which is what the person reads.
      out.accounts = (out.accounts ?? []).map((row) => ({ ...row, display_name: openDisplayName(deps.names, account) ?? '' }));
      return { format: 'khwamdee-export/1' as const, generatedAt: clock.now().toISOString(), accountId, sections: out };
    });
  }

  return {
    json: build,
    async pdf(principal, accountId) {
      const data = await build(principal, accountId);
      const areaCode = String(data.sections.accounts?.[0]?.area_code ?? '');
      const area = await db.selectFrom('areas').select(['name_th', 'name_en']).where('code', '=', areaCode).executeTakeFirst();
      const agencies = await db.selectFrom('agencies').select(['code', 'name_th']).execute();
      return renderer.render(data, { now: clock.now(), areaName: area?.name_th ?? areaCode, agencyNames: new Map(agencies.map((a) => [a.code, a.name_th])) });
    },
  };
}
