// The committee's approval workflow, as pure rules: who a decision is recorded against, when an
// approved change takes effect (never before its approval), and what a proposal changes.
import type { Principal } from './access.js';
import type { IndicatorDefinition } from './catalogue.js';

/** Indicator versions and privileges are proposed, then approved or refused by the committee. */
export const APPROVAL_STATUSES = ['proposed', 'approved', 'refused'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** What the committee decides on a proposal; a refusal always carries its reason. */
export type Decision = { decision: 'approve' } | { decision: 'refuse'; reason: string };

/** A refusal always says why, in the committee's own words (Thai or English), at most this long. */
export const REFUSAL_REASON_MAX = 500;

/** The reason as recorded (trimmed), or undefined when it is empty or too long. */
export function refusalReason(text: string): string | undefined {
  const reason = text.trim();
  return reason.length > 0 && reason.length <= REFUSAL_REASON_MAX ? reason : undefined;
}

/** Who wrote or decided something: the bootstrap administrator or an agency (a committee member). */
export type Actor = { kind: 'admin' } | { kind: 'agency'; agency: string };

/** The stored form of an actor: `admin` or `agency:<code>`. People never propose or decide. */
export function actorOf(p: Principal): string {
  if (p.kind === 'admin') return 'admin';
  if (p.kind === 'agency') return `agency:${p.agency}`;
  throw new Error('a person neither proposes nor decides catalogue changes');
}

export function parseActor(stored: string | null): Actor | null {
  if (stored === null) return null;
  if (stored === 'admin') return { kind: 'admin' };
  if (stored.startsWith('agency:') && stored.length > 'agency:'.length) return { kind: 'agency', agency: stored.slice('agency:'.length) };
  throw new Error(`stored actor ${JSON.stringify(stored)} is not valid`);
}

/** The agency behind a stored actor, if any (to keep an agency from deciding on its own proposal). */
export function agencyOfActor(stored: string | null): string | null {
  const actor = parseActor(stored);
  return actor?.kind === 'agency' ? actor.agency : null;
}

/**
 * When an approved version takes effect: on the date its owner announced, or at the approval if that
 * came later. A change never applies to deeds done before the committee agreed to it.
 */
export function effectiveOnApproval(requestedFrom: string, decidedAt: Date): string {
  const requested = new Date(requestedFrom);
  return (requested.getTime() >= decidedAt.getTime() ? requested : decidedAt).toISOString();
}

/** The fields of a rule a reviewer compares, in a stable order; caps are compared one by one. */
const COMPARED_FIELDS = [
  'name',
  'description',
  'domain',
  'accountKinds',
  'unit',
  'points',
  'certification',
  'evidence',
  'sensitive',
  'equivalenceGroup',
  'selfDeclarable',
  'volunteering',
  'virtue',
  'sdgs',
] as const satisfies readonly (keyof IndicatorDefinition)[];

const CAP_FIELDS = ['maxPerYear', 'minIntervalDays', 'oncePerLifetime', 'maxPointsPerYear'] as const satisfies readonly (keyof IndicatorDefinition['caps'])[];

/** Canonical JSON (sorted keys) so that key order never counts as a change. */
function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * The fields a proposed version changes against the version in force before it (`caps.maxPerYear`
 * style paths for caps). Empty for a new indicator: there is nothing to compare with.
 */
export function changedFields(previous: IndicatorDefinition | undefined, next: IndicatorDefinition): string[] {
  if (!previous) return [];
  const changed: string[] = COMPARED_FIELDS.filter((f) => canonical(previous[f]) !== canonical(next[f]));
  for (const f of CAP_FIELDS) if (canonical(previous.caps[f]) !== canonical(next.caps[f])) changed.push(`caps.${f}`);
  return changed;
}
