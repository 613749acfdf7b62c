// Person identifiers. Thai 13-digit IDs carry a mod-11 check digit; the first digit is the
// registration type (1–8 Thai nationals and residents, 0/6/7/8 include foreign residents).

export type PersonIdentifier = { kind: 'thai_id'; value: string } | { kind: 'passport'; country: string; number: string };

export function isValidThaiNationalId(input: string): boolean {
  if (!/^\d{13}$/.test(input)) return false;
  if (input[0] === '9') return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(input[i]) * (13 - i);
  const check = (11 - (sum % 11)) % 10;
  return check === Number(input[12]);
}

/** Strips the dashes and spaces people type ("1-1037-02071-81-1"). */
export function normaliseThaiNationalId(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function normalisePassport(country: string, number: string): { country: string; number: string } {
  return { country: country.trim().toUpperCase(), number: number.replace(/\s/g, '').toUpperCase() };
}

/** The string that is keyed-hashed for lookup and encrypted for storage; never stored in plain text. */
export function canonicalIdentifier(id: PersonIdentifier): string {
  return id.kind === 'thai_id' ? `thai_id:${id.value}` : `passport:${id.country}:${id.number}`;
}

/** Builds a valid Thai ID from its first 12 digits (used by sample data and tests). */
export function withThaiCheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return first12 + String((11 - (sum % 11)) % 10);
}
