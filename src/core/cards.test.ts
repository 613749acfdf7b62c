import { describe, expect, it } from 'vitest';
import { cardClaims, homeAreaText, memberNumber } from './cards.js';

describe('membership cards', () => {
  it('gives a stable 12-digit member number in groups of four', () => {
    const id = '019a3f2e-7c41-7b20-9d3e-5f1a2b3c4d5e';
    expect(memberNumber(id)).toMatch(/^\d{4} \d{4} \d{4}$/);
    expect(memberNumber(id)).toBe(memberNumber(id.toUpperCase()));
  });

  it('gives different numbers to accounts created in the same millisecond (UUIDv7 ids share their first characters)', () => {
    const a = memberNumber('019a3f2e-7c41-7b20-9d3e-5f1a2b3c4d5e');
    const b = memberNumber('019a3f2e-7c41-7b20-9d3e-5f1a2b3c4d5f');
    expect(a).not.toBe(b);
    expect(a.replace(/ /g, '')).not.toContain('019');
  });

  it('writes the home area with ตำบล/อำเภอ/จังหวัด, and แขวง/เขต in Bangkok', () => {
    expect(
      homeAreaText({
        provinceCode: '50',
        subdistrict: { th: 'ข่วงเปา', en: 'Khuang Pao' },
        district: { th: 'จอมทอง', en: 'Chom Thong' },
        province: { th: 'เชียงใหม่', en: 'Chiang Mai' },
      }),
    ).toEqual({ th: 'ตำบลข่วงเปา อำเภอจอมทอง จังหวัดเชียงใหม่', en: 'Khuang Pao, Chom Thong, Chiang Mai' });
    expect(
      homeAreaText({
        provinceCode: '10',
        subdistrict: { th: 'พระบรมมหาราชวัง', en: 'Phra Borom Maha Ratchawang' },
        district: { th: 'เขตพระนคร', en: 'Khet Phra Nakhon' },
        province: { th: 'กรุงเทพมหานคร', en: 'Bangkok' },
      }).th,
    ).toBe('แขวงพระบรมมหาราชวัง เขตพระนคร กรุงเทพมหานคร');
  });

  it.each([
    [
      { sub: '019a3f2e-7c41-7b20-9d3e-5f1a2b3c4d5e', card: 2 },
      { accountId: '019a3f2e-7c41-7b20-9d3e-5f1a2b3c4d5e', serial: 2 },
    ],
    [{ sub: '019a3f2e-7c41-7b20-9d3e-5f1a2b3c4d5e' }, undefined],
    [{ sub: '019a3f2e-7c41-7b20-9d3e-5f1a2b3c4d5e', card: 0 }, undefined],
    [{ sub: '019a3f2e-7c41-7b20-9d3e-5f1a2b3c4d5e', card: 1.5 }, undefined],
    [{ sub: '019a3f2e-7c41-7b20-9d3e-5f1a2b3c4d5e', card: '1' }, undefined],
    [{ sub: '1101700230708', card: 1 }, undefined],
  ])('reads card claims %o', (payload, expected) => {
    expect(cardClaims(payload)).toEqual(expected);
  });
});
