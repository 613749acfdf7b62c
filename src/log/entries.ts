// Entries as the log serves them. A credit's entry is rendered again from the current credit row
// and the account's subject key, never copied from log_entries.leaf: a credit edited in the
// database then no longer hashes to the leaf in the tiles and the checkpoint, and any verifier
// names it. The stored copy is only used once the subject key is erased (nothing else can render
// the commitment then) and for kinds of entry that have no source row yet.
import { subjectCommitment, type IdentifierVault } from '../adapters/crypto.js';
import type { BundleRow } from '../store/repos/log.js';
import { bangkokDay } from '../core/calendar.js';
import { creditLeaf, redemptionLeaf, reversalLeaf } from './leaf.js';

const encoder = new TextEncoder();
/** What a missing credit row is served as: no leaf hash can match it. */
const MISSING = new Uint8Array(0);

export function renderEntries(rows: readonly BundleRow[], vault: IdentifierVault): Uint8Array[] {
  const keys = new Map<string, Buffer>();
  const subjectKey = (enc: string): Buffer => {
    let key = keys.get(enc);
    if (!key) {
      key = vault.decrypt(enc);
      keys.set(enc, key);
    }
    return key;
  };
  return rows.map((r) => {
    if (r.kind === 'redemption' || r.kind === 'refund') {
      if (r.redemption_id === null || r.redemption_account_id === null || r.redemption_account_found === null) return MISSING;
      if (r.redemption_subject_key_enc === null) return encoder.encode(r.leaf);
      return encoder.encode(
        redemptionLeaf({
          kind: r.kind,
          id: r.redemption_id,
          subject: subjectCommitment(subjectKey(r.redemption_subject_key_enc), r.redemption_account_id, r.redemption_id),
          privilege: r.redemption_privilege ?? '',
          partner: r.redemption_partner ?? '',
          points: Number(r.redemption_points),
          day: bangkokDay(new Date(r.redemption_issued_at ?? 0)),
        }),
      );
    }
    if (r.kind === 'reversal') return renderReversal(r, subjectKey);
    if (r.kind !== 'credit') return encoder.encode(r.leaf);
    if (r.credit_id === null || r.account_id === null || r.account_found === null) return MISSING;
    if (r.subject_key_enc === null) return encoder.encode(r.leaf);
    return encoder.encode(
      creditLeaf({
        id: r.credit_id,
        subject: subjectCommitment(subjectKey(r.subject_key_enc), r.account_id, r.credit_id),
        indicator: r.indicator_code ?? '',
        ruleVersion: Number(r.rule_version),
        points: Number(r.points),
        year: Number(r.year),
        day: r.bangkok_day ?? '',
        issuer: r.issuer_code ?? '',
        certifier: r.certifier_code,
      }),
    );
  });
}

/** A reversal's entry, rendered from its row like a credit's (so an edited reversal row shows). */
function renderReversal(r: BundleRow, subjectKey: (enc: string) => Buffer): Uint8Array {
  if (!r.reversal_id || !r.reversal_account_id || !r.reversal_account_found || !r.reversal_credit_id || !r.reversal_created_at) return MISSING;
  if (!r.reversal_subject_key_enc) return encoder.encode(r.leaf);
  return encoder.encode(
    reversalLeaf({
      id: r.reversal_id,
      subject: subjectCommitment(subjectKey(r.reversal_subject_key_enc), r.reversal_account_id, r.reversal_id),
      credit: r.reversal_credit_id,
      creditIndex: Number(r.reversal_credit_index),
      points: Number(r.reversal_points),
      debited: Number(r.reversal_debited),
      waived: Number(r.reversal_waived),
      reason: r.reversal_reason ?? '',
      by: r.reversal_by ?? '',
      // As stored: an edited role renders differently and no longer matches the leaf.
      role: (r.reversal_role ?? '') as 'issuer' | 'certifier',
      day: bangkokDay(new Date(r.reversal_created_at)),
    }),
  );
}
