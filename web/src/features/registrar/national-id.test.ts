import { describe, expect, it } from 'vitest';
import { isValidThaiNationalId, withThaiCheckDigit } from '../../../../src/core/ids';
import { nationalIdProblem, normaliseNationalId } from './national-id';

describe('the national ID typed by a registrar', () => {
  it('agrees with the server on every check digit of many IDs', () => {
    for (let n = 0; n < 2000; n++) {
      const first12 = String(100_000_000_000 + n * 7_919_311)
        .padStart(12, '0')
        .slice(0, 12);
      for (let d = 0; d < 10; d++) {
        const id = first12 + d;
        expect(nationalIdProblem(id) === undefined, id).toBe(isValidThaiNationalId(id));
      }
    }
  });

  it('forgives dashes and spaces as printed on the card', () => {
    const id = withThaiCheckDigit('110370207181');
    const printed = `${id[0]}-${id.slice(1, 5)}-${id.slice(5, 10)}-${id.slice(10, 12)}-${id[12]}`;
    expect(normaliseNationalId(printed)).toBe(id);
    expect(nationalIdProblem(printed)).toBeUndefined();
    expect(nationalIdProblem(` ${id.slice(0, 6)} ${id.slice(6)} `)).toBeUndefined();
  });

  it.each([
    ['', 'length'],
    ['123456789012', 'length'],
    ['12345678901234', 'length'],
    ['1234567890abc', 'length'],
  ] as const)('names the problem of %j: %s', (typed, problem) => {
    expect(nationalIdProblem(typed)).toBe(problem);
  });

  it('refuses a wrong last digit and the type-9 prefix the server refuses', () => {
    const id = withThaiCheckDigit('110370207181');
    const wrong = id.slice(0, 12) + String((Number(id[12]) + 1) % 10);
    expect(nationalIdProblem(wrong)).toBe('checkDigit');
    expect(nationalIdProblem(withThaiCheckDigit('910370207181'))).toBe('checkDigit');
  });
});
