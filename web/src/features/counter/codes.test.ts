import { describe, expect, it } from 'vitest';
import { groupCode, readCounterInput, shortReference, tokenKind } from './codes';

const b64url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const jwt = (header: object) => `${b64url(JSON.stringify(header))}.${b64url('{"a":1}')}.c2ln`;

describe('what the cashier typed', () => {
  it.each([
    ['ABCD2345', 'ABCD2345'],
    ['abcd2345', 'ABCD2345'],
    [' abcd 2345 ', 'ABCD2345'],
    ['ABCD-2345', 'ABCD2345'],
    ['a b c d 2 3 4 5', 'ABCD2345'],
    ['ABCD–2345', 'ABCD2345'],
  ])('reads %j as the short code %s', (typed, code) => {
    expect(readCounterInput(typed)).toEqual({ shortCode: code });
  });

  it.each(['', 'ABC2345', 'ABCD23456', 'ABCD 234!', 'กขคง2345'])('refuses %j', (typed) => {
    expect(readCounterInput(typed)).toBeUndefined();
  });

  it('keeps a pasted or scanned token exactly as it is (case matters in a signature)', () => {
    const token = jwt({ alg: 'EdDSA', typ: 'khwamdee-voucher+jwt' });
    expect(readCounterInput(`  ${token}\n`)).toEqual({ token });
  });
});

describe('the kind of QR a token comes from', () => {
  it.each([
    ['khwamdee-voucher+jwt', 'voucher'],
    ['khwamdee-eligibility+jwt', 'eligibility'],
    ['khwamdee-card+jwt', 'card'],
    ['JWT', 'other'],
  ] as const)('reads typ %s as %s', (typ, kind) => {
    expect(tokenKind(jwt({ alg: 'EdDSA', typ }))).toBe(kind);
  });

  it('calls garbage "other" instead of failing', () => {
    expect(tokenKind('not.a.token')).toBe('other');
    expect(tokenKind('%%%')).toBe('other');
  });
});

describe('texts for reading aloud', () => {
  it('groups a short code and shortens a pseudonym', () => {
    expect(groupCode('ABCD2345')).toBe('ABCD 2345');
    expect(shortReference('aB3x9Kq_ZZZZZZZZZZZZ')).toBe('AB3X-9KQZ');
    expect(shortReference('RFNO-_LCZx9')).toBe('RFNO-LCZX');
  });
});
