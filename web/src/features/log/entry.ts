// The public content of a log entry (src/log/leaf.ts): a credit, or a redemption or refund of
// points. No entry names a person: the subject is a commitment under the person's own key.
export type LogEntry =
  | {
      kind: 'credit';
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
  | { kind: 'redemption' | 'refund'; id: string; subject: string; privilege: string; partner: string; points: number; day: string }
  | { kind: 'other'; text: string };

const str = (v: unknown): v is string => typeof v === 'string';
const int = (v: unknown): v is number => Number.isSafeInteger(v);

/** Reads an entry's bytes; anything that is not a known kind is shown as its text. */
export function parseEntry(bytes: Uint8Array): LogEntry {
  const text = new TextDecoder().decode(bytes);
  let v: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object') return { kind: 'other', text };
    v = parsed as Record<string, unknown>;
  } catch {
    return { kind: 'other', text };
  }
  if (v.kind === 'credit' && str(v.id) && str(v.subject) && str(v.indicator) && int(v.ruleVersion) && int(v.points) && int(v.year) && str(v.day) && str(v.issuer))
    return {
      kind: 'credit',
      id: v.id,
      subject: v.subject,
      indicator: v.indicator,
      ruleVersion: v.ruleVersion,
      points: v.points,
      year: v.year,
      day: v.day,
      issuer: v.issuer,
      certifier: str(v.certifier) ? v.certifier : null,
    };
  if ((v.kind === 'redemption' || v.kind === 'refund') && str(v.id) && str(v.subject) && str(v.privilege) && str(v.partner) && int(v.points) && str(v.day))
    return { kind: v.kind, id: v.id, subject: v.subject, privilege: v.privilege, partner: v.partner, points: v.points, day: v.day };
  return { kind: 'other', text };
}
