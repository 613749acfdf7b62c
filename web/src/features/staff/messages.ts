import type { Bundle } from '../../i18n';

export const messages: Bundle = {
  th: {
    signInFirst: 'กรุณาเข้าสู่ระบบก่อน',
    notMember: 'ท่านไม่ได้เป็นเจ้าหน้าที่ของหน่วยงานนี้',
    roleMissing: 'ท่านไม่มีบทบาท "{{role}}" ในหน่วยงานนี้',
    yourRoles: 'บทบาทของท่าน',
    tools: 'งานที่ทำได้',
    tool: {
      attest: 'บันทึกความดีให้ประชาชน',
      import: 'นำเข้าไฟล์ความดี (CSV)',
      opportunities: 'ประกาศกิจกรรมความดี',
      certify: 'คิวรอรับรองความดีในพื้นที่',
      reversals: 'เพิกถอนคะแนนที่บันทึกผิด',
      enrol: 'ลงทะเบียนสมาชิกแทนประชาชน',
      scan: 'ค้นหาสมาชิกจากบัตร',
      counter: 'จุดให้บริการ: ยืนยันบัตรกำนัลและสิทธิ์',
      committee: 'งานคณะกรรมการ: พิจารณาตัวชี้วัดและสิทธิประโยชน์',
      people: 'เจ้าหน้าที่ของหน่วยงาน',
      disputes: 'คำร้องและความเห็นจากประชาชน',
    },
  },
  en: {
    signInFirst: 'Please sign in first',
    notMember: 'You are not on the staff of this agency',
    roleMissing: 'You do not hold the role "{{role}}" in this agency',
    yourRoles: 'Your roles',
    tools: 'What you can do',
    tool: {
      attest: 'Record a good deed for a person',
      import: 'Import a file of good deeds (CSV)',
      opportunities: 'Publish good-deed activities',
      certify: 'Queue of deeds to certify in your area',
      reversals: 'Reverse a credit recorded in error',
      enrol: 'Enrol a member on their behalf',
      scan: 'Find a member from their card',
      counter: 'Counter: confirm vouchers and eligibility',
      committee: 'Committee: decide on indicators and privileges',
      people: "The agency's staff",
      disputes: "Disputes and citizens' comments",
    },
  },
};
