// Rules of local certification that need no I/O: the certifier's queue (age, cursor), decisions
// (a rejection states its reason) and meeting decisions (date, per-item refusals, canonical form).
import { bangkokDay } from './calendar.js';
import type { ErrorCode } from './errors.js';

export const MAX_MEETING_ITEMS = 500;

/** Whole days an item has waited, as an officer counts them. */
export function ageInDays(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / 86_400_000));
}

/** A rejection is explained to the person: a reason with some text in it. */
export function hasReason(reason: string | null | undefined): reason is string {
  return typeof reason === 'string' && reason.trim().length > 0;
}

/** A meeting date (YYYY-MM-DD) after today in Bangkok. */
export function isFutureDay(day: string, now: Date): boolean {
  return day > bangkokDay(now);
}

export type ItemProblemCode = 'attestation_not_found' | 'out_of_scope' | 'not_pending' | 'deed_after_meeting';
export interface ItemProblem {
  id: string;
  code: ItemProblemCode;
}

// The most serious problem names the whole refusal; every problem is listed in its details.
const PRIORITY: ItemProblemCode[] = ['out_of_scope', 'attestation_not_found', 'not_pending', 'deed_after_meeting'];

export function meetingRefusal(problems: readonly ItemProblem[]): { code: ErrorCode; items: ItemProblem[] } | undefined {
  if (problems.length === 0) return undefined;
  const code = PRIORITY.find((c) => problems.some((p) => p.code === c))!;
  return { code, items: [...problems].sort((a, b) => a.id.localeCompare(b.id)) };
}

export interface MeetingRequest {
  meetingDate: string;
  minutesRef: string;
  note?: string | undefined;
  approve: readonly string[];
  reject?: ReadonlyArray<{ id: string; reason: string }> | undefined;
}

/** The same decision, whatever the order of its lists: what a retry is compared by. */
export function canonicalMeeting(m: MeetingRequest): string {
  const approve = [...m.approve].sort();
  const reject = [...(m.reject ?? [])].map((r) => [r.id, r.reason.trim()]).sort((a, b) => a[0]!.localeCompare(b[0]!));
  return JSON.stringify([m.meetingDate, m.minutesRef.trim(), m.note?.trim() ?? null, approve, reject]);
}

/** Ids listed twice (in one list or in both), which make a meeting decision ambiguous. */
export function duplicateIds(m: Pick<MeetingRequest, 'approve' | 'reject'>): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of [...m.approve, ...(m.reject ?? []).map((r) => r.id)]) {
    if (seen.has(id)) dup.add(id);
    seen.add(id);
  }
  return [...dup].sort();
}

/** Opaque page cursors: base64url of a JSON array of strings. */
export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): string[] | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(v) && v.length === arity && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}
