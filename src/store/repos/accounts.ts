import { openName, sealName, type IdentifierVault } from '../../adapters/crypto.js';
import type { AccountsTable, ConsentsTable } from '../schema.js';
import type { Queryable } from './types.js';
import { preparedQuery } from '../prepared.js';

// A read: outside a transaction it runs on SQLite's cached statement at once (every account read asks it).
const byId = preparedQuery<AccountsTable>(1, (db, id) => db.selectFrom('accounts').selectAll().where('id', '=', id!), { readOnly: true });
const consent = preparedQuery<{ purpose: string }>(2, (db, a, p) =>
  db.selectFrom('consents').select('purpose').where('account_id', '=', a!).where('purpose', '=', p!).where('withdrawn_at', 'is', null),
);

export type AccountRow = AccountsTable;

/**
 * What deciding a read of an account needs, and what a score or a history is computed from: no
 * name, no identifier, no key. The reads that show only points load nothing more (data
 * minimisation, and a narrower row is cheaper on the hottest read of all).
 */
export type AccountCore = Pick<AccountsTable, 'id' | 'kind' | 'area_code' | 'scale_max' | 'status' | 'created_at' | 'restricted_at' | 'erased_at'>;
export const CORE_COLUMNS = ['id', 'kind', 'area_code', 'scale_max', 'status', 'created_at', 'restricted_at', 'erased_at'] as const satisfies ReadonlyArray<keyof AccountCore>;
/**
 * What posting a deed needs of its subject: the access and rule facts, the lookup hash and the key
 * its log commitment is made with. Never the name or the sealed identifier: a national import reads
 * tens of thousands of accounts a minute, and needs neither (data minimisation).
 */
export type PostingAccount = Pick<AccountsTable, 'id' | 'kind' | 'area_code' | 'scale_max' | 'status' | 'restricted_at' | 'identifier_hash' | 'subject_key_enc'>;
export const POSTING_COLUMNS = ['id', 'kind', 'area_code', 'scale_max', 'status', 'restricted_at', 'identifier_hash', 'subject_key_enc'] as const satisfies ReadonlyArray<
  keyof PostingAccount
>;
const coreById = preparedQuery<AccountCore>(1, (db, id) => db.selectFrom('accounts').select(CORE_COLUMNS).where('id', '=', id!), { readOnly: true });

/** What opening a sealed name needs: the vault's cached subject keys. */
export type NameKeys = Pick<IdentifierVault, 'subjectKey'>;

/** The columns a name is opened from (any query that shows a name selects these). */
export interface SealedName {
  id: string;
  display_name: string | null;
  display_name_enc?: string | null | undefined;
  subject_key_enc: string | null;
}

/**
 * The person's name opened with their own key; null once erased. A row still holding its name in
 * clear (written before migration 0012, until the start-up step seals it) answers that name.
 */
export function openDisplayName(keys: NameKeys, a: SealedName): string | null {
  if (a.display_name_enc && a.subject_key_enc) return openName(keys.subjectKey(a.subject_key_enc), a.id, a.display_name_enc);
  return a.display_name ? a.display_name : null;
}

/** The sealed form of a name under the account's key. */
export const sealDisplayName = (keys: NameKeys, accountId: string, subjectKeyEnc: string, name: string): string => sealName(keys.subjectKey(subjectKeyEnc), accountId, name);

/**
 * The row as services show it: `display_name` holds the opened name ('' once erased). The name is
 * opened when first read, not before: most reads of an account (a score, its credits) never show it,
 * and opening it (the subject key, then the name) cost a score read over HTTP a few per cent of its time.
 */
export function withOpenedName(keys: NameKeys, a: AccountRow): AccountRow {
  const row = { ...a };
  let name: string | undefined;
  Object.defineProperty(row, 'display_name', {
    enumerable: true,
    configurable: true,
    // Methods, not arrows: tsx names every arrow made in a call (keepNames), a cost on each read.
    get() {
      name ??= openDisplayName(keys, a) ?? '';
      return name;
    },
    set(v: string) {
      name = v;
    },
  });
  return row;
}

/** The subject of a deed with whether it consented to `purpose`, by id or by national-ID hash: one query either way. */
const postingBy = (key: 'id' | 'identifier_hash') =>
  preparedQuery<PostingAccount & { has_consent: number }>(2, (db, value, purpose) =>
    db
      .selectFrom('accounts')
      .select(POSTING_COLUMNS.map((c) => `accounts.${c}` as const))
      .select((eb) =>
        eb
          .exists(eb.selectFrom('consents').select('purpose').whereRef('consents.account_id', '=', 'accounts.id').where('purpose', '=', purpose!).where('withdrawn_at', 'is', null))
          .as('has_consent'),
      )
      .where(`accounts.${key}`, '=', value!),
  );
const forPosting = { id: postingBy('id'), identifierHash: postingBy('identifier_hash') };

export const accountsRepo = {
  /**
   * The account a deed names and whether it has a live consent for `purpose`, in one query. A
   * person nobody enrolled takes the same one query, so the answer's timing does not tell.
   */
  async findForPosting(db: Queryable, subject: { id: string } | { identifierHash: string }, purpose: string): Promise<(PostingAccount & { hasConsent: boolean }) | undefined> {
    const r = ('id' in subject ? await forPosting.id(db, subject.id, purpose) : await forPosting.identifierHash(db, subject.identifierHash, purpose)).rows[0];
    if (!r) return undefined;
    const { has_consent, ...account } = r;
    return { ...account, hasConsent: Boolean(has_consent) };
  },

  insert: (db: Queryable, row: AccountRow) => db.insertInto('accounts').values(row).execute(),

  findById: async (db: Queryable, id: string) => (await byId(db, id)).rows[0],

  findCoreById: async (db: Queryable, id: string): Promise<AccountCore | undefined> => (await coreById(db, id)).rows[0],

  findByIdentifierHash: (db: Queryable, hash: string) => db.selectFrom('accounts').selectAll().where('identifier_hash', '=', hash).executeTakeFirst(),

  /** Serialises postings for one account on PostgreSQL; SQLite transactions are already serial. */
  async lockForPosting(db: Queryable, id: string, dialect: 'sqlite' | 'postgres'): Promise<void> {
    if (dialect === 'postgres') await db.selectFrom('accounts').select('id').where('id', '=', id).forUpdate().execute();
  },

  /**
   * Locks every account a batch names, in one statement and in id order (PostgreSQL locks the rows as
   * the sort returns them), so two batches naming the same people in different orders wait for each
   * other instead of deadlocking. Accounts named by national-ID hash are found by the same statement.
   */
  async lockManyForPosting(db: Queryable, subjects: { ids: readonly string[]; hashes: readonly string[] }, dialect: 'sqlite' | 'postgres'): Promise<void> {
    if (dialect !== 'postgres' || subjects.ids.length + subjects.hashes.length === 0) return;
    await db
      .selectFrom('accounts')
      .select('id')
      .where((eb) =>
        eb.or([...(subjects.ids.length ? [eb('id', 'in', [...subjects.ids])] : []), ...(subjects.hashes.length ? [eb('identifier_hash', 'in', [...subjects.hashes])] : [])]),
      )
      .orderBy('id')
      .forUpdate()
      .execute();
  },

  insertConsents: (db: Queryable, rows: ConsentsTable[]) => (rows.length ? db.insertInto('consents').values(rows).execute() : Promise.resolve([])),

  /** The account with its name opened (what every screen showing a name reads). */
  async findNamed(db: Queryable, keys: NameKeys, id: string): Promise<AccountRow | undefined> {
    const a = (await byId(db, id)).rows[0];
    return a && withOpenedName(keys, a);
  },

  async hasConsent(db: Queryable, accountId: string, purpose: string): Promise<boolean> {
    return (await consent(db, accountId, purpose)).rows.length > 0;
  },
};
