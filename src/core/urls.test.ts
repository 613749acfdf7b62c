import { describe, expect, it } from 'vitest';
import { checkHttpUrl } from './urls.js';

describe('checkHttpUrl', () => {
  it.each([
    ['https://blooddonationthai.com/', 'https://blooddonationthai.com/'],
    ['  http://example.org/a?b=1#top ', 'http://example.org/a?b=1'],
    ['https://ข่วงเปา.ไทย/', 'https://xn--22ck4d2b1c8d8b.xn--o3cw4h/'],
    ['http://169.254.169.254/latest/meta-data/', 'http://169.254.169.254/latest/meta-data/'],
  ])('accepts %s', (raw, url) => {
    expect(checkHttpUrl(raw)).toEqual({ ok: true, url });
  });

  it.each([
    ['javascript:alert(1)', 'only http and https URLs'],
    ['JaVaScRiPt:alert(1)', 'only http and https URLs'],
    ['data:text/html,<b>x</b>', 'only http and https URLs'],
    ['file:///etc/passwd', 'only http and https URLs'],
    ['ftp://example.org/', 'only http and https URLs'],
    ['http://user:pass@example.org/', 'credentials are not allowed in the URL'],
    ['https://user@example.org/', 'credentials are not allowed in the URL'],
    ['//example.org/', 'not an absolute URL'],
    ['example.org', 'not an absolute URL'],
    ['', 'not an absolute URL'],
  ])('refuses %s (%s)', (raw, reason) => {
    expect(checkHttpUrl(raw)).toEqual({ ok: false, reason });
  });

  it('refuses a URL longer than the limit', () => {
    expect(checkHttpUrl(`https://example.org/${'a'.repeat(600)}`, 500)).toEqual({ ok: false, reason: 'longer than 500 characters' });
  });
});
