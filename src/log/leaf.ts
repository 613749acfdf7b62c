// What a credit looks like in the public log. The leaf names no person: the subject is an HMAC
// commitment under the account's own key. Key order is fixed so the bytes are reproducible from
// the credit row at any time, which is what lets a verifier detect an edited row.

export interface CreditLeafFields {
  id: string;
  subject: string;
  indicator: string;
  ruleVersion: number;
  points: number;
  year: number;
  day: string;
  issuer: string;
  certifier: string | null;
}

export function creditLeaf(f: CreditLeafFields): string {
  return JSON.stringify({
    v: 1,
    kind: 'credit',
    id: f.id,
    subject: f.subject,
    indicator: f.indicator,
    ruleVersion: f.ruleVersion,
    points: f.points,
    year: f.year,
    day: f.day,
    issuer: f.issuer,
    certifier: f.certifier,
  });
}

export interface RedemptionLeafFields {
  /** `redemption`: points taken from the balance; `refund`: an unconfirmed voucher's points returned. */
  kind: 'redemption' | 'refund';
  id: string;
  subject: string;
  privilege: string;
  partner: string;
  points: number;
  day: string;
}

export function redemptionLeaf(f: RedemptionLeafFields): string {
  return JSON.stringify({ v: 1, kind: f.kind, id: f.id, subject: f.subject, privilege: f.privilege, partner: f.partner, points: f.points, day: f.day });
}

export interface ReversalLeafFields {
  id: string;
  subject: string;
  /** The reversed credit: its id and its leaf index in this log. */
  credit: string;
  creditIndex: number;
  /** The credit's points; `debited` were taken from the balance, `waived` had already been spent. */
  points: number;
  debited: number;
  waived: number;
  /** A code of core/reversals' list; the free text stays out of the log (it may name people). */
  reason: string;
  by: string;
  role: 'issuer' | 'certifier';
  day: string;
}

export function reversalLeaf(f: ReversalLeafFields): string {
  return JSON.stringify({
    v: 1,
    kind: 'reversal',
    id: f.id,
    subject: f.subject,
    credit: f.credit,
    creditIndex: f.creditIndex,
    points: f.points,
    debited: f.debited,
    waived: f.waived,
    reason: f.reason,
    by: f.by,
    role: f.role,
    day: f.day,
  });
}
