import { z } from 'zod';
import {
  ANSWER_DECISIONS,
  CORRECTION_KINDS,
  DISPUTE_KINDS,
  DISPUTE_STATUSES,
  ESCALATION_REASONS,
  MAX_ANSWER_DAYS,
  MAX_DISPUTE_EVIDENCE,
  MIN_ANSWER_DAYS,
  REVIEW_DECISIONS,
  STATEMENT_MAX,
} from '../../core/disputes.js';
import { accountIdSchema, localisedText } from '../common.js';

const text = (what: string) => z.string().trim().min(1).max(STATEMENT_MAX).describe(`${what} (at most ${STATEMENT_MAX} characters)`);
const evidence = z
  .array(z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256'))
  .max(MAX_DISPUTE_EVIDENCE)
  .optional()
  .describe('SHA-256 of files the person uploaded first (POST /api/v1/accounts/{id}/evidence)');

export const fileDisputeBody = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('missing'),
      agency: z.string().min(1).max(64).describe('The agency that should have attested or certified the deed'),
      indicator: z.string().min(1).max(120),
      occurredOn: z.iso.date().describe('Day of the deed, YYYY-MM-DD (Gregorian, Bangkok); not in the future'),
      statement: text('What happened'),
      evidence,
    })
    .strict(),
  z.object({ kind: z.literal('refused'), attestationId: z.uuid().describe('A rejected deed of the person'), statement: text('Why the refusal is wrong'), evidence }).strict(),
  z.object({ kind: z.literal('wrong_credit'), creditId: z.uuid().describe("One of the person's credits"), statement: text('What is wrong with it'), evidence }).strict(),
]);

export const correctionBody = z
  .object({
    kind: z.enum(CORRECTION_KINDS).describe('credit: a new credit the respondent attested; reversal: the reversal of the wrong credit'),
    id: z.uuid(),
  })
  .strict();

export const answerBody = z
  .object({
    decision: z.enum(ANSWER_DECISIONS),
    text: text('accept: what will be corrected; reject: the reason (the person reads it)'),
    correction: correctionBody.optional().describe('With accept, when the correction is already made'),
  })
  .strict();

export const contestBody = z.object({ statement: text('Why the answer is not right') }).strict();
export const decisionBody = z.object({ decision: z.enum(REVIEW_DECISIONS), text: text("The reviewer's reasons") }).strict();
export const settingsBody = z.object({ answerDays: z.number().int().min(MIN_ANSWER_DAYS).max(MAX_ANSWER_DAYS).describe('Days a respondent has to answer a new dispute') }).strict();

export const accountParams = z.object({ id: accountIdSchema });
export const disputeParams = z.object({ id: z.uuid() });
export const evidenceParams = z.object({ id: z.uuid(), sha256: z.string().max(64) });
export const agencyParams = z.object({ code: z.string().min(1).max(64) });
export const queueQuery = z.object({ queue: z.enum(['respondent', 'reviewer']).default('respondent') });

const agencyRef = z.object({ code: z.string(), name: localisedText.nullable() });

export const disputeView = z.object({
  id: z.string(),
  kind: z.enum(DISPUTE_KINDS),
  status: z.enum(DISPUTE_STATUSES).describe('open → answered → resolved (person accepted), or escalated (contested or unanswered) → decided'),
  accountId: z.string(),
  subject: z.object({
    creditId: z.string().nullable(),
    attestationId: z.string().nullable(),
    indicator: z.object({ code: z.string(), name: localisedText.nullable() }),
    occurredOn: z.string(),
  }),
  respondent: agencyRef.extend({ role: z.enum(['issuer', 'certifier']) }),
  statement: z.string(),
  evidence: z.array(z.object({ sha256: z.string(), mediaType: z.string(), size: z.number().int(), url: z.string() })),
  filedAt: z.string(),
  answerDays: z.number().int().describe('The committee setting in force when it was filed'),
  dueOn: z.string().describe('Last day of the answer (YYYY-MM-DD, Bangkok); show in the Buddhist Era'),
  dueAt: z.string().describe('The instant the answer becomes late (the end of dueOn, Bangkok)'),
  overdue: z.boolean(),
  ageDays: z.number().int(),
  answer: z.object({ decision: z.enum(ANSWER_DECISIONS), text: z.string(), answeredAt: z.string(), onTime: z.boolean() }).nullable(),
  acceptedAt: z.string().nullable(),
  escalation: z.object({ reason: z.enum(ESCALATION_REASONS), statement: z.string().nullable(), escalatedAt: z.string() }).nullable(),
  review: z.object({ decision: z.enum(REVIEW_DECISIONS), text: z.string(), reviewer: agencyRef, reviewedAt: z.string() }).nullable(),
  correction: z
    .object({ kind: z.enum(CORRECTION_KINDS), id: z.string(), correctedAt: z.string() })
    .nullable()
    .describe('The credit or reversal that corrected the points (itself a log entry)'),
  steps: z.array(z.enum(['answer', 'accept_answer', 'contest', 'decide', 'link_correction'])).describe('What the caller may do now'),
});

export const disputeList = z.object({ items: z.array(disputeView) });
export const queueView = z.object({ agency: z.string(), queue: z.enum(['respondent', 'reviewer']), items: z.array(disputeView).describe('Oldest first') });
export const settingsView = z.object({
  answerDays: z.number().int(),
  version: z.number().int().nullable().describe('null: the default, never set by the committee'),
  setAt: z.string().nullable(),
});
