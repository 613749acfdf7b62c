import { describe, expect, it } from 'vitest';
import { canAnswerDispute, canReadDispute, canReadRatingComments, canSetDisputeDeadline, reviewRefusal, type Principal } from './access.js';
import type { AgencyRole } from './seed/agencies.js';
import { allowedSteps, answerDays, answerDeadline, isOverdue, median, publishAnswerFigures, publishRatings, publishReversalRate, type AnsweredDispute } from './disputes.js';

const agency = (code: string, roles: AgencyRole[]): Principal => ({
  kind: 'agency',
  agency: code,
  roles,
  indicatorScopes: [],
  areaScopes: [],
});

describe('answer deadline', () => {
  it('runs to the end of the Bangkok day `answerDays` after filing', () => {
    expect(answerDeadline(new Date('2026-12-01T03:00:00Z'), 30)).toEqual({ dueOn: '2026-12-31', dueAt: '2026-12-31T17:00:00.000Z' });
    // 23:30 on 1 Dec in Bangkok is still 1 Dec there.
    expect(answerDeadline(new Date('2026-12-01T16:30:00Z'), 1).dueOn).toBe('2026-12-02');
    // 00:30 on 2 Dec in Bangkok (still 1 Dec in UTC) counts from 2 Dec.
    expect(answerDeadline(new Date('2026-12-01T17:30:00Z'), 1).dueOn).toBe('2026-12-03');
  });
  it('is overdue only while open, from the deadline on', () => {
    const d = { status: 'open' as const, dueAt: '2026-12-31T17:00:00.000Z' };
    expect(isOverdue(d, new Date('2026-12-31T16:59:59Z'))).toBe(false);
    expect(isOverdue(d, new Date('2026-12-31T17:00:00Z'))).toBe(true);
    expect(isOverdue({ ...d, status: 'answered' }, new Date('2027-01-05T00:00:00Z'))).toBe(false);
  });
  it('counts answer time in whole Bangkok days', () => {
    expect(answerDays('2026-12-01T03:00:00Z', '2026-12-01T16:59:00Z')).toBe(0);
    expect(answerDays('2026-12-01T03:00:00Z', '2026-12-01T17:00:00Z')).toBe(1);
  });
});

describe('steps', () => {
  const base = { answer: null, review: null, correctionId: null };
  it('follows open → answered → resolved | escalated → decided', () => {
    expect(allowedSteps({ ...base, status: 'open' })).toEqual(['answer']);
    expect(allowedSteps({ ...base, status: 'answered', answer: 'reject' })).toEqual(['accept_answer', 'contest']);
    expect(allowedSteps({ ...base, status: 'answered', answer: 'accept' })).toEqual(['accept_answer', 'contest', 'link_correction']);
    expect(allowedSteps({ ...base, status: 'resolved', answer: 'reject' })).toEqual([]);
    expect(allowedSteps({ ...base, status: 'resolved', answer: 'accept' })).toEqual(['link_correction']);
    expect(allowedSteps({ ...base, status: 'resolved', answer: 'accept', correctionId: 'c' })).toEqual([]);
    expect(allowedSteps({ ...base, status: 'escalated', escalationReason: 'contested', answer: 'reject' })).toEqual(['decide']);
    expect(allowedSteps({ ...base, status: 'escalated', escalationReason: 'overdue' })).toEqual(['decide', 'answer']);
    expect(allowedSteps({ ...base, status: 'decided', review: 'dismissed' })).toEqual([]);
    expect(allowedSteps({ ...base, status: 'decided', review: 'upheld' })).toEqual(['link_correction']);
  });
});

describe('who may act on a dispute', () => {
  const d = { accountId: 'a1', respondentCode: 'trc', respondentRole: 'issuer' as const, escalated: false };
  it('the person, the respondent in its role, and an independent reviewer once escalated', () => {
    expect(canReadDispute({ kind: 'person', accountId: 'a1' }, d)).toBe(true);
    expect(canReadDispute({ kind: 'person', accountId: 'a2' }, d)).toBe(false);
    expect(canReadDispute(agency('trc', ['issuer']), d)).toBe(true);
    expect(canReadDispute(agency('trc', ['certifier']), d)).toBe(false);
    expect(canReadDispute(agency('dsd', ['issuer']), d)).toBe(false);
    expect(canReadDispute(agency('ombudsman', ['reviewer']), d)).toBe(false);
    expect(canReadDispute(agency('ombudsman', ['reviewer']), { ...d, escalated: true })).toBe(true);
    expect(canReadDispute({ kind: 'admin' }, { ...d, escalated: true })).toBe(false);
    expect(canReadDispute(agency('committee', ['committee']), { ...d, escalated: true })).toBe(false);
  });
  it('never the respondent as its own reviewer', () => {
    expect(reviewRefusal(agency('trc', ['issuer', 'reviewer']), d)).toBe('dispute_own_review');
    expect(reviewRefusal(agency('trc', ['issuer']), d)).toBe('forbidden');
    expect(reviewRefusal(agency('ombudsman', ['reviewer']), d)).toBeUndefined();
    expect(canAnswerDispute(agency('ombudsman', ['reviewer']), d)).toBe(false);
  });
  it('the committee sets the deadline; rating comments are the rated agency’s alone', () => {
    expect(canSetDisputeDeadline({ kind: 'admin' })).toBe(true);
    expect(canSetDisputeDeadline(agency('committee', ['committee']))).toBe(true);
    expect(canSetDisputeDeadline(agency('trc', ['issuer']))).toBe(false);
    expect(canReadRatingComments(agency('ptt', ['partner']), 'ptt')).toBe(true);
    expect(canReadRatingComments(agency('committee', ['committee']), 'ptt')).toBe(false);
    expect(canReadRatingComments({ kind: 'admin' }, 'ptt')).toBe(false);
  });
});

describe('public figures', () => {
  const answered = (n: number, opts: { late?: number; days?: number } = {}): AnsweredDispute[] =>
    Array.from({ length: n }, (_, i) => ({
      accountId: `p${i}`,
      filedAt: '2026-12-01T03:00:00.000Z',
      answeredAt: new Date(Date.parse('2026-12-01T03:00:00.000Z') + (opts.days ?? 2) * 86_400_000).toISOString(),
      dueAt: i < (opts.late ?? 0) ? '2026-12-02T17:00:00.000Z' : '2026-12-31T17:00:00.000Z',
    }));
  it('median of whole values and of an even count', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
  it('withholds everything about fewer than 10 people', () => {
    expect(publishAnswerFigures([])).toEqual({ answered: 0, medianAnswerDays: null, onTimeShare: null });
    expect(publishAnswerFigures(answered(9))).toEqual({ answered: null, medianAnswerDays: null, onTimeShare: null });
    expect(publishAnswerFigures(answered(10))).toEqual({ answered: 10, medianAnswerDays: 2, onTimeShare: 1 });
  });
  it('counts people, not disputes: ten disputes of one person publish nothing', () => {
    expect(publishAnswerFigures(answered(10).map((a) => ({ ...a, accountId: 'same' }))).answered).toBeNull();
  });
  it('withholds the on-time share when the late part describes fewer than 10 people', () => {
    expect(publishAnswerFigures(answered(15, { late: 3 }))).toEqual({ answered: 15, medianAnswerDays: 2, onTimeShare: null });
    expect(publishAnswerFigures(answered(25, { late: 10 }))).toEqual({ answered: 25, medianAnswerDays: 2, onTimeShare: 0.6 });
  });
  it('publishes ratings with every small bucket withheld and the mean only when nothing is', () => {
    const rate = (stars: number[]) => stars.map((s, i) => ({ accountId: `r${i}`, stars: s }));
    expect(publishRatings(rate(Array(9).fill(5))).count).toBeNull();
    expect(publishRatings(rate(Array(12).fill(5)))).toEqual({
      count: 12,
      mean: 5,
      distribution: [1, 2, 3, 4, 5].map((stars) => ({ stars, count: stars === 5 ? 12 : 0 })),
    });
    const mixed = publishRatings(rate([...Array(10).fill(4), ...Array(10).fill(5), 1]));
    expect(mixed.count).toBe(21);
    expect(mixed.mean).toBeNull();
    expect(mixed.distribution.find((d) => d.stars === 1)!.count).toBeNull();
    expect(mixed.distribution.filter((d) => d.count === null).length).toBeGreaterThanOrEqual(2);
  });
});

describe('reversal rate', () => {
  const credits = (people: number, reversedPeople: number) => Array.from({ length: people }, (_, i) => ({ accountId: `p${i}`, reversed: i < reversedPeople }));
  it('publishes the share reversed when both parts cover at least 10 people, and 0 when nothing was reversed', () => {
    expect(publishReversalRate(credits(40, 10))).toBe(0.25);
    expect(publishReversalRate(credits(12, 0))).toBe(0);
  });
  it('withholds it when the credits or the reversed ones describe fewer than 10 people', () => {
    expect(publishReversalRate(credits(9, 0))).toBeNull();
    expect(publishReversalRate(credits(40, 3))).toBeNull();
    expect(publishReversalRate(credits(12, 11))).toBeNull();
    expect(publishReversalRate([])).toBeNull();
  });
});
