// The Thai national ID as an officer types it from the card: 13 digits, dashes and spaces forgiven,
// checked by its mod-11 check digit (the same rule as the server's src/core/ids.ts, which decides).

export const normaliseNationalId = (typed: string) => typed.replace(/[\s-]/g, '');

export type NationalIdProblem = 'length' | 'checkDigit';

/** Why a typed ID cannot be right, or undefined when it may be. */
export function nationalIdProblem(typed: string): NationalIdProblem | undefined {
  const id = normaliseNationalId(typed);
  if (!/^\d{13}$/.test(id)) return 'length';
  if (id[0] === '9') return 'checkDigit';
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(id[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(id[12]) ? undefined : 'checkDigit';
}
