// Disputes and appeals, pure: who answers a dispute, its deadline, the steps it may take, and the
// public figures per agency (median answer time, share answered on time) with small-count suppression.
//
// A person contests a deed that earned nothing (missing: never attested; refused: rejected) or a
// credit they think is wrong. The agency concerned (the respondent: the certifier that decided the
// deed, else its issuer) answers by the deadline the committee set; the person accepts the answer or
// contests it, and a contested or unanswered dispute goes to an independent reviewer, who decides.
import { addCalendarDays, bangkokDay, bangkokDayStart, daysBetween } from './calendar.js';
import { MINIMUM_COUNT, suppressCells, type CellCounts } from './suppression.js';

export const DISPUTE_KINDS = ['missing', 'refused', 'wrong_credit'] as const;
export type DisputeKind = (typeof DISPUTE_KINDS)[number];

/**
 * open: waiting for the respondent's answer · answered: the person may accept or contest it ·
 * resolved: the person accepted the answer · escalated: with the reviewer · decided: the reviewer decided.
 */
export const DISPUTE_STATUSES = ['open', 'answered', 'resolved', 'escalated', 'decided'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const ANSWER_DECISIONS = ['accept', 'reject'] as const;
export type AnswerDecision = (typeof ANSWER_DECISIONS)[number];

/** upheld: the person was right (the respondent corrects); dismissed: the record stands. */
export const REVIEW_DECISIONS = ['upheld', 'dismissed'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const ESCALATION_REASONS = ['contested', 'overdue'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/**
 * What made the points right again, made with the normal tools: a new credit attested by the issuer,
 * or a reversal of the wrong credit. Its id is recorded on the dispute, so the log carries the correction.
 */
export const CORRECTION_KINDS = ['credit', 'reversal'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

export const DEFAULT_ANSWER_DAYS = 30;
export const MIN_ANSWER_DAYS = 1;
export const MAX_ANSWER_DAYS = 180;
export const STATEMENT_MAX = 2000;
export const MAX_DISPUTE_EVIDENCE = 5;

/**
 * The respondent's last day (Bangkok) and the instant it ends: filed on 1 Dec with 30 days, the
 * answer is due by the end of 31 Dec (Asia/Bangkok).
 */
export function answerDeadline(filedAt: Date, answerDays: number): { dueOn: string; dueAt: string } {
  const dueOn = addCalendarDays(bangkokDay(filedAt), answerDays);
  return { dueOn, dueAt: bangkokDayStart(addCalendarDays(dueOn, 1)).toISOString() };
}

export function isOverdue(d: { status: DisputeStatus; dueAt: string }, now: Date): boolean {
  return d.status === 'open' && now.toISOString() >= d.dueAt;
}

/** Which role of the respondent agency answers, and which step each party may take now. */
export type DisputeStep = 'answer' | 'accept_answer' | 'contest' | 'decide' | 'link_correction';

export function allowedSteps(d: {
  status: DisputeStatus;
  answer: AnswerDecision | null;
  review: ReviewDecision | null;
  correctionId: string | null;
  escalationReason?: EscalationReason | null;
}): DisputeStep[] {
  switch (d.status) {
    case 'open':
      return ['answer'];
    case 'answered':
      return d.answer === 'accept' && d.correctionId === null ? ['accept_answer', 'contest', 'link_correction'] : ['accept_answer', 'contest'];
    case 'resolved':
      return d.answer === 'accept' && d.correctionId === null ? ['link_correction'] : [];
    case 'escalated':
      // Escalated for lack of an answer: the respondent may still answer late, for the reviewer to read.
      return d.escalationReason === 'overdue' && d.answer === null ? ['decide', 'answer'] : ['decide'];
    case 'decided':
      return d.review === 'upheld' && d.correctionId === null ? ['link_correction'] : [];
  }
}

/** Whole Bangkok calendar days from filing to the answer (0: answered the same day). */
export function answerDays(filedAt: string, answeredAt: string): number {
  return daysBetween(bangkokDay(new Date(filedAt)), bangkokDay(new Date(answeredAt)));
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** One answered dispute, as the public figures count it. */
export interface AnsweredDispute {
  accountId: string;
  filedAt: string;
  answeredAt: string;
  dueAt: string;
}

export interface PublishedAnswerFigures {
  /** Answered disputes (null: fewer than the minimum number of people). */
  answered: number | null;
  medianAnswerDays: number | null;
  /** Share answered by the deadline, 0–1 (null when withheld: the late or on-time count would describe too few people). */
  onTimeShare: number | null;
}

const cell = (people: number, credits: number, points = 0): CellCounts => ({ people, credits, points });

function peopleOf<T extends { accountId: string }>(items: readonly T[]): number {
  return new Set(items.map((i) => i.accountId)).size;
}

/**
 * The answer figures of one agency: nothing is published about fewer than `minimum` people; the
 * on-time share is a split of the total into on time and late, so it is published only when
 * suppression leaves both parts visible (a part of 0 people describes nobody).
 */
export function publishAnswerFigures(items: readonly AnsweredDispute[], minimum = MINIMUM_COUNT): PublishedAnswerFigures {
  const onTime = items.filter((i) => i.answeredAt < i.dueAt);
  const late = items.filter((i) => i.answeredAt >= i.dueAt);
  const cells = new Map([
    ['total', cell(peopleOf(items), items.length)],
    ['onTime', cell(peopleOf(onTime), onTime.length)],
    ['late', cell(peopleOf(late), late.length)],
  ]);
  const hidden = suppressCells(cells, [{ total: 'total', members: ['onTime', 'late'], peopleAdditive: false }], minimum);
  if (items.length === 0) return { answered: 0, medianAnswerDays: null, onTimeShare: null };
  if (hidden.has('total')) return { answered: null, medianAnswerDays: null, onTimeShare: null };
  return {
    answered: items.length,
    medianAnswerDays: median(items.map((i) => answerDays(i.filedAt, i.answeredAt))),
    onTimeShare: hidden.has('onTime') || hidden.has('late') ? null : Math.round((onTime.length / items.length) * 1000) / 1000,
  };
}

/** A credit an agency issued, and whether it was reversed since. */
export interface IssuedCredit {
  accountId: string;
  reversed: boolean;
}

/**
 * The share of an agency's credits that were reversed, 0–1, or null when withheld: the credits or
 * the reversed ones would describe fewer than `minimum` people (no reversal at all describes nobody,
 * so a rate of 0 is published once the credits cover enough people).
 */
export function publishReversalRate(credits: readonly IssuedCredit[], minimum = MINIMUM_COUNT): number | null {
  const reversed = credits.filter((c) => c.reversed);
  const cells = new Map([
    ['total', cell(peopleOf(credits), credits.length)],
    ['reversed', cell(peopleOf(reversed), reversed.length)],
    ['kept', cell(peopleOf(credits.filter((c) => !c.reversed)), credits.length - reversed.length)],
  ]);
  const hidden = suppressCells(cells, [{ total: 'total', members: ['reversed', 'kept'], peopleAdditive: false }], minimum);
  if (credits.length === 0 || hidden.size > 0) return null;
  return Math.round((reversed.length / credits.length) * 1000) / 1000;
}

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const RATING_COMMENT_MAX = 1000;
/** How long after the interaction a person is still asked to rate it. */
export const RATING_WINDOW_DAYS = 90;

export interface GivenRating {
  accountId: string;
  stars: number;
}

export interface PublishedRatings {
  count: number | null;
  mean: number | null;
  /** Ratings with 1…5 stars; a withheld bucket is null. */
  distribution: { stars: number; count: number | null }[];
}

/**
 * An agency's ratings: the total and the five buckets form one group (people are raters: a person
 * who rated twice may be in two buckets), suppressed so that no bucket describes fewer than
 * `minimum` raters and none can be recovered from the total and the others.
 */
export function publishRatings(items: readonly GivenRating[], minimum = MINIMUM_COUNT): PublishedRatings {
  const stars = [1, 2, 3, 4, 5];
  const bucket = (s: number) => items.filter((i) => i.stars === s);
  const sum = (xs: readonly GivenRating[]) => xs.reduce((t, i) => t + i.stars, 0);
  const cells = new Map<string, CellCounts>([['total', cell(peopleOf(items), items.length, sum(items))]]);
  for (const s of stars) cells.set(`s${s}`, cell(peopleOf(bucket(s)), bucket(s).length, sum(bucket(s))));
  const hidden = suppressCells(cells, [{ total: 'total', members: stars.map((s) => `s${s}`), peopleAdditive: false }], minimum);
  if (items.length === 0) return { count: 0, mean: null, distribution: stars.map((s) => ({ stars: s, count: 0 })) };
  const totalHidden = hidden.has('total');
  return {
    count: totalHidden ? null : items.length,
    // Each bucket's points are its count times its stars, so the mean and the count would pin the
    // withheld buckets (two equations, two unknowns): the mean is published only when none is withheld.
    mean: totalHidden || stars.some((s) => hidden.has(`s${s}`)) ? null : Math.round((sum(items) / items.length) * 100) / 100,
    distribution: stars.map((s) => ({ stars: s, count: totalHidden || hidden.has(`s${s}`) ? null : bucket(s).length })),
  };
}
