import { describe, expect, it } from 'vitest';
import { basicRightMentions } from './review.js';
import { SEED_PRIVILEGES } from './seed/privileges.js';

const named = (th: string, en: string, description?: { th: string; en: string }) => ({ name: { th, en }, ...(description ? { description } : {}) });

describe('basicRightMentions', () => {
  it.each(SEED_PRIVILEGES.map((p) => [p.code, p] as const))('finds nothing to flag in the seed privilege %s', (_c, p) => {
    expect(basicRightMentions(p)).toEqual([]);
  });

  it.each([
    ['a pharmacy discount', named('ส่วนลดร้านยา 10%', '10% pharmacy discount'), [{ area: 'health', terms: ['ร้านยา', 'pharmacy'] }]],
    ['a dental check voucher', named('บัตรกำนัลทันตกรรม', 'Dental check voucher'), [{ area: 'health', terms: ['ทันตกรรม', 'dental'] }]],
    ['school supplies', named('ชุดอุปกรณ์นักเรียน', 'School supplies set'), [{ area: 'education', terms: ['นักเรียน', 'school'] }]],
    ['a bus pass', named('ส่วนลดค่ารถโดยสาร', 'Bus fare discount'), [{ area: 'travel', terms: ['รถโดยสาร', 'bus'] }]],
    [
      'insurance in the description',
      named('ของที่ระลึก', 'Souvenir', { th: 'ไม่เกี่ยวกับประกันสังคม', en: 'Not linked to insurance' }),
      [{ area: 'welfare', terms: ['ประกันสังคม', 'insurance'] }],
    ],
    [
      'two areas at once',
      named('ทุนการศึกษาและวัคซีน', 'Scholarship and vaccine'),
      [
        { area: 'health', terms: ['วัคซีน', 'vaccine'] },
        { area: 'education', terms: ['การศึกษา', 'scholarship'] },
      ],
    ],
  ])('flags %s', (_label, p, expected) => {
    expect(basicRightMentions(p)).toEqual(expected);
  });

  it.each([
    ['a training course (a category, not a train)', named('อบรมทำขนม', 'Baking training')],
    ['forest conservation (รักษา as "keep")', named('รักษาป่าชุมชน', 'Keep the community forest')],
    ['a fuel discount', named('ส่วนลดน้ำมัน 3%', '3% fuel discount')],
    ['a word that only contains "bus"', named('ธุรกิจชุมชน', 'Community business fair')],
  ])('does not flag %s', (_label, p) => {
    expect(basicRightMentions(p)).toEqual([]);
  });

  it('names each word once, in lower case', () => {
    expect(basicRightMentions(named('โรงพยาบาล โรงพยาบาล', 'Hospital HOSPITAL'))).toEqual([{ area: 'health', terms: ['โรงพยาบาล', 'hospital'] }]);
  });
});
