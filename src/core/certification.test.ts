import { describe, expect, it } from 'vitest';
import { ageInDays, canonicalMeeting, decodeCursor, duplicateIds, encodeCursor, hasReason, isFutureDay, meetingRefusal } from './certification.js';

describe('certification rules', () => {
  it.each([
    ['2026-07-01T03:00:00Z', '2026-07-01T03:00:00Z', 0],
    ['2026-07-01T03:00:00Z', '2026-07-02T02:59:59Z', 0],
    ['2026-07-01T03:00:00Z', '2026-07-02T03:00:00Z', 1],
    ['2026-07-01T03:00:00Z', '2026-07-31T12:00:00Z', 30],
    ['2026-07-02T03:00:00Z', '2026-07-01T03:00:00Z', 0],
  ])('an item submitted %s has waited, at %s, %i days', (since, now, days) => {
    expect(ageInDays(new Date(since), new Date(now))).toBe(days);
  });

  it.each([
    [undefined, false],
    [null, false],
    ['', false],
    ['  \n ', false],
    ['ไม่มีหลักฐาน', true],
  ])('a rejection reason %o counts: %s', (reason, ok) => {
    expect(hasReason(reason)).toBe(ok);
  });

  it('compares a meeting date with today in Bangkok, not in UTC', () => {
    // 2026-07-18 20:00 UTC is already 19 July in Bangkok.
    const now = new Date('2026-07-18T20:00:00Z');
    expect(isFutureDay('2026-07-19', now)).toBe(false);
    expect(isFutureDay('2026-07-20', now)).toBe(true);
    expect(isFutureDay('2026-07-01', now)).toBe(false);
  });

  it('names a refusal by its most serious problem and lists every item', () => {
    expect(meetingRefusal([])).toBeUndefined();
    expect(
      meetingRefusal([
        { id: 'b', code: 'not_pending' },
        { id: 'a', code: 'out_of_scope' },
      ]),
    ).toEqual({
      code: 'out_of_scope',
      items: [
        { id: 'a', code: 'out_of_scope' },
        { id: 'b', code: 'not_pending' },
      ],
    });
    expect(meetingRefusal([{ id: 'x', code: 'deed_after_meeting' }])?.code).toBe('deed_after_meeting');
    expect(
      meetingRefusal([
        { id: 'x', code: 'deed_after_meeting' },
        { id: 'y', code: 'not_pending' },
      ])?.code,
    ).toBe('not_pending');
    expect(meetingRefusal([{ id: 'x', code: 'attestation_not_found' }])?.code).toBe('attestation_not_found');
  });

  it('sees the same meeting decision in any order of its lists, and another one in any change', () => {
    const m = {
      meetingDate: '2026-07-18',
      minutesRef: 'NS-1',
      approve: ['b', 'a'],
      reject: [
        { id: 'd', reason: 'x' },
        { id: 'c', reason: 'y ' },
      ],
    };
    const same = {
      ...m,
      minutesRef: ' NS-1',
      approve: ['a', 'b'],
      reject: [
        { id: 'c', reason: 'y' },
        { id: 'd', reason: 'x' },
      ],
    };
    expect(canonicalMeeting(same)).toBe(canonicalMeeting(m));
    expect(canonicalMeeting({ ...m, note: 'n' })).not.toBe(canonicalMeeting(m));
    expect(canonicalMeeting({ ...m, approve: ['a'] })).not.toBe(canonicalMeeting(m));
    expect(canonicalMeeting({ ...m, reject: [{ id: 'd', reason: 'x' }] })).not.toBe(canonicalMeeting(m));
  });

  it('finds ids listed twice, within or across the lists', () => {
    expect(duplicateIds({ approve: ['a', 'b'], reject: [{ id: 'c', reason: 'r' }] })).toEqual([]);
    expect(duplicateIds({ approve: ['a', 'b', 'a'] })).toEqual(['a']);
    expect(duplicateIds({ approve: ['a', 'b'], reject: [{ id: 'b', reason: 'r' }] })).toEqual(['b']);
  });

  it('round-trips cursors and refuses forged ones', () => {
    const c = encodeCursor(['2026-07-01T03:00:00.000Z', 'id-1']);
    expect(decodeCursor(c, 2)).toEqual(['2026-07-01T03:00:00.000Z', 'id-1']);
    expect(decodeCursor(c, 3)).toBeUndefined();
    expect(decodeCursor('not-json', 2)).toBeUndefined();
    expect(decodeCursor(Buffer.from('[1,2]').toString('base64url'), 2)).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'), 2)).toBeUndefined();
  });
});
