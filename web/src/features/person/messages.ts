import type { Bundle } from '../../i18n';

export const messages: Bundle = {
  th: {
    title: 'ความดีของฉัน',
    scoreTitle: 'คะแนนความดีปี {{year}}',
    scoreOf: '{{points}} จาก {{max}} คะแนน',
    byDomain: 'แยกตามด้าน',
    creditsTitle: 'ความดีที่ได้รับคะแนนในปี {{year}}',
    noCredits: 'ยังไม่มีความดีที่ได้รับคะแนนในปีนี้',
    creditLine: '{{indicator}} · {{points}} คะแนน',
    attestedBy: 'รับรองโดย {{issuer}}',
    certifiedBy: 'รับรองในพื้นที่โดย {{certifier}}',
    ruleVersion: 'ตามกฎฉบับที่ {{version}}',
    occurredOn: 'เมื่อ {{date}}',
    selfDeclared: 'บันทึกด้วยตนเอง',
  },
  en: {
    title: 'My good deeds',
    scoreTitle: 'Good-deed points in {{year}}',
    scoreOf: '{{points}} of {{max}} points',
    byDomain: 'By domain',
    creditsTitle: 'Credited good deeds in {{year}}',
    noCredits: 'No credited good deeds this year yet',
    creditLine: '{{indicator}} · {{points}} points',
    attestedBy: 'Attested by {{issuer}}',
    certifiedBy: 'Certified locally by {{certifier}}',
    ruleVersion: 'Under rule version {{version}}',
    occurredOn: 'On {{date}}',
    selfDeclared: 'Recorded by you',
  },
};
