import { describe, expect, it } from 'vitest';
import { normaliseForCheck, principleBreach, surveillanceMentions } from './positive-only.js';

describe('positive-only check', () => {
  it.each([
    'Help police identify suspects',
    'help the POLICE identify   suspects',
    'Identify suspects for the police',
    'Identify\u200B suspects',
    'Report your neighbours',
    'Report on neighbours who break the rules',
    'Report suspicious people to the police',
    'Report crimes in your village',
    'Inform on other residents',
    'Tell on your classmates',
    'Become a police informant',
    'Community informer network',
    'Denounce wrongdoers',
    'Snitch line rewards',
    'Neighbourhood surveillance volunteer',
    'Spy on strangers in the village',
    'Tip-off hotline for drug dealers',
    'Expose wrongdoing by colleagues',
    'Help the authorities catch offenders',
    'Report illegal migrants',
    'Suspects reported to the station',
    'Pay your fines on time',
    'Clear debts',
    'แจ้งเบาะแส',
    'แจ้ง เบาะแส ยาเสพติด',
    'แจ้ง\u200Bเบาะแสผู้กระทำผิด',
    'ชี้ตัวคนร้าย',
    'ชี้ ตัว ผู้ ต้อง สงสัย',
    'รายงานพฤติกรรมเพื่อนบ้าน',
    'รายงาน พฤติกรรม ของผู้อื่น',
    'สอดส่องดูแลคนในหมู่บ้าน',
    'ช่วยตำรวจระบุตัวคนร้าย',
    'แจ้งเจ้าหน้าที่เมื่อพบผู้ต้องสงสัย',
    'เป็นสายลับให้ทางการ',
    'ร้องเรียนเพื่อนบ้าน',
    'รายงานการกระทำผิดของผู้อื่น',
    'แจ้งความนำจับผู้ค้ายา',
    'ชำระค่าปรับตรงเวลา',
  ])('refuses %j', (text) => {
    expect(principleBreach(text)).toBeDefined();
  });

  it.each([
    'รายงานผลการเรียน',
    'Report on the village clean-up',
    'Write a report about the river survey',
    'Inform people about dengue prevention',
    'Tell stories to children at the library',
    'Identify bird species on a nature walk',
    'Donate blood',
    'แจ้งข่าวสารให้ชาวบ้านทราบ',
    'เฝ้าระวังไข้เลือดออกในชุมชน',
    'บริจาคโลหิต',
    'รณรงค์ต่อต้านยาเสพติด',
    'ช่วยเหลือผู้สูงอายุในหมู่บ้าน',
    'Check on elderly neighbours',
    'Mentor young offenders returning to school',
    'Support crime victims at the shelter',
    'อาสาสมัครจราจรหน้าโรงเรียน',
    'Fine arts workshop for children',
  ])('accepts %j', (text) => {
    expect(principleBreach(text)).toBeUndefined();
  });

  it('normalises width, case, invisible characters and punctuation', () => {
    expect(normaliseForCheck('ＩＮＦＯＲＭ\u00ADANT  on-line')).toBe('informant on line');
  });

  it('flags wider words for the committee without refusing them', () => {
    expect(principleBreach('เฝ้าระวังไข้เลือดออกในชุมชน')).toBeUndefined();
    expect(surveillanceMentions(['เฝ้าระวังไข้เลือดออกในชุมชน'])).toContain('เฝ้าระวัง');
    expect(surveillanceMentions(['Neighbourhood watch patrol'])).toEqual(expect.arrayContaining(['watch', 'patrol']));
    expect(surveillanceMentions(['Plant trees'])).toEqual([]);
    expect(surveillanceMentions(['Help police identify suspects'])).toEqual(expect.arrayContaining(['police', 'identify', 'suspects']));
  });
});
