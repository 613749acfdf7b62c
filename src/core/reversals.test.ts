import { describe, expect, it } from 'vitest';
import { reversalDebit, reversalExplanation } from './reversals.js';

describe('reversalDebit', () => {
  it.each([
    [70, 200, { debited: 70, waived: 0 }],
    [70, 70, { debited: 70, waived: 0 }],
    [70, 20, { debited: 20, waived: 50 }],
    [70, 0, { debited: 0, waived: 70 }],
    [70, -5, { debited: 0, waived: 70 }],
  ])('reverses %i points from a balance of %i without debt', (points, available, expected) => {
    expect(reversalDebit(points, available)).toEqual(expected);
  });
});

describe('reversalExplanation', () => {
  it('says who, why, and what was waived, in Thai and English', () => {
    const e = reversalExplanation({ points: 70, debited: 20, waived: 50, by: { th: 'สภากาชาดไทย', en: 'Thai Red Cross Society' }, reason: 'wrong_person' });
    expect(e.th).toContain('สภากาชาดไทย');
    expect(e.th).toContain('บันทึกให้ผิดคน');
    expect(e.th).toContain('50');
    expect(e.en).toContain('Thai Red Cross Society');
    expect(e.en).toContain('never goes below zero');
  });
});
