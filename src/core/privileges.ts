// Privileges are extras a partner offers for good deeds. This module says what a valid privilege is
// and who is eligible: pure, with per-field issues for a bad definition.
import { z } from 'zod';

/** Kinds of extras. Anything touching basic rights or welfare has no category and is refused. */
export const PRIVILEGE_CATEGORIES = ['discount', 'voucher', 'points-exchange', 'training', 'tax-statement', 'loan', 'goods', 'recognition'] as const;

const localised = z.object({ th: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }).strict();

export const privilegeCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/)
  .max(80);

const criteriaSchema = z
  .object({
    minScore: z.number().int().min(1).max(5000).optional(),
    minDistinctVirtues: z.number().int().min(1).max(100).optional(),
    minDistinctIndicators: z.number().int().min(1).max(500).optional(),
  })
  .strict()
  .refine((c) => Object.keys(c).length > 0, 'at least one criterion');

export const privilegeDefinitionSchema = z
  .object({
    code: privilegeCodeSchema,
    partner: z.string().min(1).max(40),
    name: localised,
    description: localised.optional(),
    category: z.enum(PRIVILEGE_CATEGORIES),
    kind: z.enum(['threshold', 'exchange']),
    /** threshold: who qualifies this year; nothing is consumed. */
    criteria: criteriaSchema.optional(),
    /** exchange: points spent from the balance. */
    cost: z.number().int().min(1).max(100_000).optional(),
    /** exchange: balance that must remain afterwards (Khuang Pao keeps 150). */
    minBalanceAfter: z.number().int().min(0).max(100_000).optional(),
    /** How many redemptions the partner reserved up front; absent = unlimited. */
    stock: z.number().int().min(1).max(100_000_000).optional(),
    validFrom: z.iso.datetime({ offset: true }),
    validUntil: z.iso.datetime({ offset: true }),
    nationwide: z.boolean(),
    /** Where it can be used when not nationwide (area code prefixes). */
    areas: z
      .array(z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/))
      .max(100)
      .optional(),
    /** Account kinds that may use it. */
    accountKinds: z
      .array(z.enum(['person', 'community', 'organisation']))
      .min(1)
      .default(['person']),
  })
  .strict();

export type PrivilegeDefinition = z.infer<typeof privilegeDefinitionSchema>;
export type PrivilegeInput = z.input<typeof privilegeDefinitionSchema>;

export interface PrivilegeIssue {
  path: string;
  message: string;
}

// Principle 3: healthcare, education, travel and state welfare stay equal for everyone.
const BASIC_RIGHTS_PATTERNS: RegExp[] = [
  /\b(hospital|healthcare|medical (care|treatment)|clinic queue|health (care|insurance) access|treatment priority)\b/i,
  /\b(school|university) (admission|place|enrol?ment)|\badmission to\b|\btuition waiver for public\b/i,
  /\b(passport|visa|travel (permit|ban)|boarding|flight permission|train ticket permission)\b/i,
  /\b(welfare|pension|social security|state benefit|subsid(y|ies)|allowance)\b/i,
  /โรงพยาบาล|สิทธิรักษา|การรักษาพยาบาล|คิวตรวจ|รับเข้าเรียน|สิทธิเข้าศึกษา|หนังสือเดินทาง|วีซ่า|การเดินทาง|สวัสดิการแห่งรัฐ|เบี้ยยังชีพ|บัตรสวัสดิการ|ประกันสังคม|เงินอุดหนุน/,
];

export type PrivilegeValidation = { ok: true; value: PrivilegeDefinition } | { ok: false; issues: PrivilegeIssue[]; basicRight: boolean };

export function validatePrivilege(input: unknown): PrivilegeValidation {
  const parsed = privilegeDefinitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, basicRight: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  const p = parsed.data;
  const issues: PrivilegeIssue[] = [];
  if (!p.code.startsWith(`${p.partner}.`)) issues.push({ path: 'code', message: `privilege codes start with the partner code (${p.partner}.)` });
  if (p.kind === 'threshold') {
    if (!p.criteria) issues.push({ path: 'criteria', message: 'a threshold privilege needs criteria' });
    if (p.cost !== undefined || p.minBalanceAfter !== undefined) issues.push({ path: 'cost', message: 'a threshold privilege consumes nothing' });
  } else {
    if (p.cost === undefined) issues.push({ path: 'cost', message: 'an exchange privilege needs a cost' });
    if (p.criteria !== undefined) issues.push({ path: 'criteria', message: 'an exchange privilege is open to any balance' });
  }
  if (new Date(p.validUntil).getTime() <= new Date(p.validFrom).getTime()) issues.push({ path: 'validUntil', message: 'must be after validFrom' });
  if (!p.nationwide && (!p.areas || p.areas.length === 0)) issues.push({ path: 'areas', message: 'a local privilege names its areas' });
  if (issues.length) return { ok: false, basicRight: false, issues };
  const texts = [p.name.th, p.name.en, p.description?.th ?? '', p.description?.en ?? ''];
  if (texts.some((t) => BASIC_RIGHTS_PATTERNS.some((re) => re.test(t))))
    return { ok: false, basicRight: true, issues: [{ path: 'name', message: 'privileges may not touch healthcare, education access, travel or state welfare' }] };
  return { ok: true, value: p };
}

export interface Achievements {
  score: number;
  distinctVirtues: number;
  distinctIndicators: number;
}

export function meetsCriteria(criteria: NonNullable<PrivilegeDefinition['criteria']>, a: Achievements): boolean {
  return (
    (criteria.minScore === undefined || a.score >= criteria.minScore) &&
    (criteria.minDistinctVirtues === undefined || a.distinctVirtues >= criteria.minDistinctVirtues) &&
    (criteria.minDistinctIndicators === undefined || a.distinctIndicators >= criteria.minDistinctIndicators)
  );
}

export function isAvailableIn(p: Pick<PrivilegeDefinition, 'nationwide' | 'areas'>, areaCode: string): boolean {
  return p.nationwide || (p.areas ?? []).some((a) => areaCode.startsWith(a));
}

export function isWithinValidity(p: Pick<PrivilegeDefinition, 'validFrom' | 'validUntil'>, at: Date): boolean {
  const t = at.getTime();
  return t >= new Date(p.validFrom).getTime() && t < new Date(p.validUntil).getTime();
}

export type ExchangeCheck = { ok: true } | { ok: false; reason: 'insufficient_balance' | 'minimum_balance' };

/** Whether spending `cost` keeps the balance non-negative and above the privilege's floor. */
export function canAfford(balance: number, cost: number, minBalanceAfter = 0): ExchangeCheck {
  if (balance < cost) return { ok: false, reason: 'insufficient_balance' };
  if (balance - cost < minBalanceAfter) return { ok: false, reason: 'minimum_balance' };
  return { ok: true };
}
