// Indicators are data. This module decides what a valid indicator is; a bad rule is refused with
// per-field issues, never silently skipped when loaded.
import { z } from 'zod';
import { principleBreach } from './positive-only.js';

export const DOMAINS = ['health', 'learning', 'community', 'safety', 'environment'] as const;
export type Domain = (typeof DOMAINS)[number];

export const DOMAIN_NAMES: Record<Domain, { th: string; en: string }> = {
  health: { th: 'สุขภาพกายและใจ', en: 'Physical and mental health' },
  learning: { th: 'การเรียนรู้ตลอดชีวิตและทักษะ', en: 'Lifelong learning and skills' },
  community: { th: 'การมีส่วนร่วมพัฒนาชุมชนและสังคม', en: 'Community and social participation' },
  safety: { th: 'คุณภาพชีวิตและความปลอดภัย', en: 'Quality of life and safety' },
  environment: { th: 'สิ่งแวดล้อมและทรัพยากร', en: 'Environment and resources' },
};

export const ACCOUNT_KINDS = ['person', 'community', 'organisation'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export const SCALE_MAX: Record<AccountKind, number> = { person: 1000, community: 5000, organisation: 5000 };

/** National baseline indicators are worth the same everywhere. */
export const NATIONAL_BASELINE_POINTS = 30;
/** Bounds the committee approved for agency and local indicators (points per unit). */
export const OWNER_POINT_BOUNDS = { min: 1, max: 300 } as const;

const localised = z.object({ th: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }).strict();

export const indicatorCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(\.[a-z0-9][a-z0-9-]*)+$/, 'lower-case dotted code such as trc.blood.red-cell')
  .max(80);

export const indicatorDefinitionSchema = z
  .object({
    code: indicatorCodeSchema,
    name: localised,
    description: localised.optional(),
    domain: z.enum(DOMAINS),
    accountKinds: z.array(z.enum(ACCOUNT_KINDS)).min(1),
    owner: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('national') }).strict(),
      z.object({ kind: z.literal('agency'), agency: z.string().min(1) }).strict(),
      z.object({ kind: z.literal('local'), agency: z.string().min(1), area: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/) }).strict(),
    ]),
    unit: z.enum(['occurrence', 'hour']),
    points: z.number().int().positive(),
    caps: z
      .object({
        maxPerYear: z.number().int().positive().optional(),
        minIntervalDays: z.number().int().positive().max(3660).optional(),
        oncePerLifetime: z.boolean().optional(),
        maxPointsPerYear: z.number().int().positive().optional(),
      })
      .strict()
      .default({}),
    certification: z.enum(['auto', 'local']),
    evidence: z.enum(['none', 'reference', 'document']).default('none'),
    /** Data class that needs its own consent purpose (PDPA s.26): blood donation is health data. */
    sensitive: z.enum(['health']).optional(),
    /** Indicators describing the same act share a group, so one act is credited once. */
    equivalenceGroup: z
      .string()
      .regex(/^[a-z0-9.-]+$/)
      .optional(),
    /** The person may declare it themselves; it then always waits for local certification. */
    selfDeclarable: z.boolean().optional(),
    /** Counts toward volunteer hours statements (e.g. for the Student Loan Fund). */
    volunteering: z.boolean().optional(),
    virtue: z
      .object({ code: z.string().min(1).max(40), name: localised })
      .strict()
      .optional(),
    sdgs: z.array(z.number().int().min(1).max(17)).max(17).optional(),
    /** How old a deed may be when attested or declared, in days (the committee sets it; default 365). */
    maxDeedAgeDays: z.number().int().min(1).max(3660).optional(),
  })
  .strict();

export type IndicatorDefinition = z.infer<typeof indicatorDefinitionSchema>;
export type IndicatorInput = z.input<typeof indicatorDefinitionSchema>;

/** A deed older than this many days (from its attestation or declaration) is refused unless the rule says otherwise. */
export const DEFAULT_DEED_WINDOW_DAYS = 365;

export function deedWindowDays(def: Pick<IndicatorDefinition, 'maxDeedAgeDays'>): number {
  return def.maxDeedAgeDays ?? DEFAULT_DEED_WINDOW_DAYS;
}

export interface RuleIssue {
  path: string;
  message: string;
}

// Principle 1: nothing may reward reporting on other people, and nothing may score negative records
// (core/positive-only: word-level, Thai and English, tolerant of spacing, case and invisible characters).
export type ValidationResult = { ok: true; value: IndicatorDefinition } | { ok: false; issues: RuleIssue[]; principle: boolean };

/** Validates an indicator as written by an owner; both structure and the national frame's bounds. */
export function validateIndicator(input: unknown): ValidationResult {
  const parsed = indicatorDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      principle: false,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    };
  }
  const def = parsed.data;
  const issues: RuleIssue[] = [];
  if (def.owner.kind === 'national') {
    if (!def.code.startsWith('nat.')) issues.push({ path: 'code', message: 'national indicators use the nat. prefix' });
    if (def.points !== NATIONAL_BASELINE_POINTS || def.unit !== 'occurrence')
      issues.push({ path: 'points', message: `national baseline indicators are worth ${NATIONAL_BASELINE_POINTS} points per occurrence` });
  } else if (def.points < OWNER_POINT_BOUNDS.min || def.points > OWNER_POINT_BOUNDS.max) {
    issues.push({ path: 'points', message: `points must be within ${OWNER_POINT_BOUNDS.min}–${OWNER_POINT_BOUNDS.max} approved by the committee` });
  }
  if (def.caps.oncePerLifetime && (def.caps.maxPerYear !== undefined || def.caps.minIntervalDays !== undefined))
    issues.push({ path: 'caps', message: 'a once-per-lifetime indicator takes no other count caps' });
  if (def.caps.maxPointsPerYear !== undefined && def.caps.maxPointsPerYear < def.points && def.unit === 'occurrence')
    issues.push({ path: 'caps.maxPointsPerYear', message: 'must allow at least one occurrence' });
  if (def.selfDeclarable && def.certification !== 'local') issues.push({ path: 'selfDeclarable', message: 'self-declared deeds need local certification' });
  if (def.sensitive === 'health' && def.domain !== 'health') issues.push({ path: 'sensitive', message: 'health data belongs to the health domain' });
  if (issues.length > 0) return { ok: false, issues, principle: false };

  const fields = [
    ['name', def.name.th],
    ['name', def.name.en],
    ['description', def.description?.th],
    ['description', def.description?.en],
  ] as const;
  for (const [path, text] of fields) {
    const found = text === undefined ? undefined : principleBreach(text);
    if (found)
      return {
        ok: false,
        principle: true,
        issues: [{ path, message: `indicators may only reward good deeds: no reporting on others, no negative records (found: ${found.terms.join(', ')})` }],
      };
  }
  return { ok: true, value: def };
}

export function equivalenceGroupOf(def: IndicatorDefinition): string {
  return def.equivalenceGroup ?? def.code;
}

/**
 * The version of a rule set in force at `at` (ISO time): the highest-numbered version whose effective
 * date has come. `versions` are the approved ones, in version order.
 */
export function versionInForce<V extends { version: number; effectiveFrom: string }>(versions: readonly V[], at: string): V | undefined {
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i]!;
    if (v.effectiveFrom <= at) return v;
  }
  return undefined;
}

/**
 * The explicit equivalence group an indicator joins that its owner may not use: a group is the
 * committee's, assigned to agencies (`assigned`: the groups assigned to the owner). An indicator
 * without a group, or whose group is its own code, joins nobody else's acts. The committee's own
 * writes may use any group (the caller does not ask then).
 */
export function unassignedGroup(def: Pick<IndicatorDefinition, 'code' | 'equivalenceGroup'>, assigned: ReadonlySet<string>): string | undefined {
  const group = def.equivalenceGroup;
  if (group === undefined || group === def.code || assigned.has(group)) return undefined;
  return group;
}
