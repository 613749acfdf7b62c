import type { AttestationEvidenceTable, EvidenceFilesTable } from '../schema.js';
import type { Queryable } from './types.js';

export type EvidenceFileRow = EvidenceFilesTable;

export const evidenceRepo = {
  /** Records a person's upload; false when they had already uploaded the same bytes. */
  async insertIfNew(db: Queryable, row: EvidenceFileRow): Promise<boolean> {
    const r = await db
      .insertInto('evidence_files')
      .values(row)
      .onConflict((oc) => oc.columns(['account_id', 'sha256']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
  },

  async countSince(db: Queryable, accountId: string, since: string): Promise<number> {
    const r = await db
      .selectFrom('evidence_files')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', accountId)
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  find: (db: Queryable, accountId: string, sha256: string) =>
    db.selectFrom('evidence_files').selectAll().where('account_id', '=', accountId).where('sha256', '=', sha256).executeTakeFirst(),

  /** Of `hashes`, the ones this person uploaded. */
  async ownedBy(db: Queryable, accountId: string, hashes: readonly string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const rows = await db.selectFrom('evidence_files').select('sha256').where('account_id', '=', accountId).where('sha256', 'in', hashes).execute();
    return new Set(rows.map((r) => r.sha256));
  },

  link: (db: Queryable, rows: readonly AttestationEvidenceTable[]) => (rows.length ? db.insertInto('attestation_evidence').values(rows).execute() : Promise.resolve([])),

  async isAttached(db: Queryable, accountId: string, sha256: string): Promise<boolean> {
    const r = await db.selectFrom('attestation_evidence').select('attestation_id').where('account_id', '=', accountId).where('sha256', '=', sha256).limit(1).executeTakeFirst();
    return r !== undefined;
  },

  /** The files attached to each of these attestations, in upload order. */
  async forAttestations(db: Queryable, attestationIds: readonly string[]): Promise<Map<string, Array<{ sha256: string; mediaType: string; size: number }>>> {
    const out = new Map<string, Array<{ sha256: string; mediaType: string; size: number }>>();
    if (attestationIds.length === 0) return out;
    const rows = await db
      .selectFrom('attestation_evidence')
      .innerJoin('evidence_files', (j) =>
        j.onRef('evidence_files.account_id', '=', 'attestation_evidence.account_id').onRef('evidence_files.sha256', '=', 'attestation_evidence.sha256'),
      )
      .select(['attestation_evidence.attestation_id', 'evidence_files.sha256', 'evidence_files.media_type', 'evidence_files.size', 'evidence_files.created_at'])
      .where('attestation_evidence.attestation_id', 'in', attestationIds)
      .orderBy('evidence_files.created_at')
      .orderBy('evidence_files.sha256')
      .execute();
    for (const r of rows) {
      const list = out.get(r.attestation_id) ?? [];
      list.push({ sha256: r.sha256, mediaType: r.media_type, size: Number(r.size) });
      out.set(r.attestation_id, list);
    }
    return out;
  },
};
