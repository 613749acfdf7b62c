import type { Bundle } from '../../i18n';

export const messages: Bundle = {
  th: {
    title: 'ธนาคารความดี',
    lead: 'ทุกความดีที่ท่านทำ ได้รับการบันทึกเป็นคะแนนความดี ตรวจสอบได้ทุกรายการ ไม่มีการหักคะแนน',
    how1: 'หน่วยงานที่ท่านทำความดีด้วย เช่น สภากาชาดไทย หรือ อบต. บันทึกความดีให้ท่าน',
    how2: 'ท่านดูคะแนน ที่มาของทุกคะแนน และหลักฐานในบันทึกสาธารณะได้ด้วยตนเอง',
    how3: 'ใช้คะแนนรับสิทธิประโยชน์จากหน่วยงานพันธมิตร โดยไม่กระทบสิทธิขั้นพื้นฐานใด ๆ',
    howTitle: 'ทำงานอย่างไร',
    explore: 'ดูได้โดยไม่ต้องเข้าสู่ระบบ',
    notEnrolledTitle: 'ท่านยังไม่ได้เป็นสมาชิกธนาคารความดี',
    notEnrolledBody: 'สมัครด้วยตนเองได้ทันที หรือติดต่อนายทะเบียนที่ อบต./เทศบาลของท่าน',
    enrolNow: 'สมัครสมาชิก',
    staffTitle: 'งานเจ้าหน้าที่ของท่าน',
    unavailable: 'ขณะนี้ยังเข้าสู่ระบบไม่ได้ กรุณาลองใหม่ภายหลัง',
  },
  en: {
    title: 'Good-Deed Bank',
    lead: 'Every good deed you do is recorded as good-deed points, each one verifiable. Points are never taken away.',
    how1: 'The agencies you do good deeds with, such as the Thai Red Cross or your subdistrict office, record them for you.',
    how2: 'You see your points, where each one came from, and its proof in the public log yourself.',
    how3: 'Use your points for privileges from partners — never affecting any basic right.',
    howTitle: 'How it works',
    explore: 'Open to everyone, no sign-in needed',
    notEnrolledTitle: 'You are not a member of the good-deed bank yet',
    notEnrolledBody: 'Enrol yourself now, or ask the registrar at your subdistrict office.',
    enrolNow: 'Enrol',
    staffTitle: 'Your staff work',
    unavailable: 'Signing in is not available right now; please try again later.',
  },
};
