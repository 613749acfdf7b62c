import { describe, expect, it } from 'vitest';
import { certificateFileName, findCertificate, nameIn, paragraphIn } from './certificate-text';

const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl';

describe('reading a certificate for a person', () => {
  it('picks the reader’s language from the credential’s two-language strings', () => {
    expect(paragraphIn('ขอรับรองว่า…\nThis certifies that…', 'th')).toBe('ขอรับรองว่า…');
    expect(paragraphIn('ขอรับรองว่า…\nThis certifies that…', 'en')).toBe('This certifies that…');
    expect(paragraphIn('one language only', 'en')).toBe('one language only');
    expect(nameIn('บริจาคโลหิต / Blood donation', 'th')).toBe('บริจาคโลหิต');
    expect(nameIn('บริจาคโลหิต / Blood donation', 'en')).toBe('Blood donation');
    // Not a clear two-part name: show it whole rather than cut it in the wrong place.
    expect(nameIn('ก / ข / A / B', 'en')).toBe('ก / ข / A / B');
  });

  it('names downloads by kind, Buddhist Era year and, for one credit, indicator and day', () => {
    const subject = (day: string, humanCode?: string) => ({ credentialSubject: { activityStartDate: day, achievement: humanCode ? { humanCode } : {} } });
    expect(certificateFileName('annual-statement', subject('2026-01-01'))).toBe('khwamdee-annual-statement-BE2569.jwt');
    expect(certificateFileName('volunteer-hours', subject('2025-01-01'))).toBe('khwamdee-volunteer-hours-BE2568.jwt');
    expect(certificateFileName('credit', subject('2026-05-10', 'trc.blood.red-cell'))).toBe('khwamdee-credit-trc.blood.red-cell-BE2569-05-10.jwt');
    expect(certificateFileName('credit', subject('2026-05-10', 'Odd Code/../x'))).toBe('khwamdee-credit-odd-code-.-x-BE2569-05-10.jwt');
  });

  it('finds the certificate in a file, a paste with line breaks, or the API’s JSON answer', () => {
    expect(findCertificate(`${JWT}\n`)).toBe(JWT);
    expect(findCertificate(`  ${JWT.slice(0, 20)}\n${JWT.slice(20)}  `)).toBe(JWT);
    expect(findCertificate(JSON.stringify({ credential: {}, jwt: JWT }))).toBe(JWT);
    expect(findCertificate('')).toBeUndefined();
    expect(findCertificate('not a certificate')).toBeUndefined();
    expect(findCertificate('{"jwt": 5}')).toBeUndefined();
    expect(findCertificate('{broken')).toBeUndefined();
  });
});
