// The Nong Sarai good-deed bank model: 23 virtues grouping 67 indicators, deeds self-recorded and
// certified by the community (DESIGN.md §4). Names follow the model's themes; the council can revise
// them through the catalogue API (new versions, never retroactive).
import type { IndicatorInput } from '../catalogue.js';
import { NONG_SARAI_AREA } from './agencies.js';

type Domain = IndicatorInput['domain'];
type Virtue = [code: string, th: string, en: string, domain: Domain, indicators: Array<[th: string, en: string]>];

const VIRTUES: Virtue[] = [
  [
    'gratitude',
    'ความกตัญญูกตเวที',
    'Gratitude',
    'community',
    [
      ['ดูแลพ่อแม่และผู้สูงอายุในครอบครัว', 'Care for parents and elders at home'],
      ['ร่วมงานวันผู้สูงอายุ', 'Join the elders’ day'],
      ['เยี่ยมผู้สูงอายุที่อยู่ลำพัง', 'Visit elders living alone'],
    ],
  ],
  [
    'honesty',
    'ความซื่อสัตย์สุจริต',
    'Honesty',
    'community',
    [
      ['คืนทรัพย์สินที่เก็บได้', 'Return found property'],
      ['ชำระหนี้กองทุนหมู่บ้านตรงเวลา', 'Repay the village fund on time'],
      ['เป็นกรรมการตรวจสอบกองทุน', 'Serve as a fund auditor'],
    ],
  ],
  [
    'generosity',
    'ความเสียสละ',
    'Generosity',
    'community',
    [
      ['บริจาคสิ่งของช่วยผู้ประสบภัย', 'Donate goods to disaster victims'],
      ['สละแรงงานช่วยงานส่วนรวม', 'Give labour to common work'],
      ['แบ่งปันอาหารให้ผู้ขาดแคลน', 'Share food with people in need'],
    ],
  ],
  [
    'diligence',
    'ความขยันหมั่นเพียร',
    'Diligence',
    'learning',
    [
      ['ประกอบอาชีพเสริม', 'Run a second occupation'],
      ['ฝึกทักษะอาชีพใหม่', 'Learn a new occupational skill'],
      ['จดบันทึกรายรับรายจ่ายครัวเรือน', 'Keep household accounts'],
    ],
  ],
  [
    'thrift',
    'ความประหยัด',
    'Thrift',
    'community',
    [
      ['ออมเงินกับสถาบันการเงินชุมชนทุกเดือน', 'Save monthly with the community financial institution'],
      ['ลดรายจ่ายที่ไม่จำเป็น', 'Cut unnecessary spending'],
      ['ใช้ของซ้ำและซ่อมแซมของใช้', 'Reuse and repair household goods'],
    ],
  ],
  [
    'sufficiency',
    'ความพอเพียง',
    'Sufficiency',
    'environment',
    [
      ['ปลูกผักสวนครัว', 'Grow a kitchen garden'],
      ['เลี้ยงสัตว์ไว้บริโภคเอง', 'Raise animals for the family table'],
      ['ทำปุ๋ยหมักใช้เอง', 'Make own compost'],
    ],
  ],
  [
    'unity',
    'ความสามัคคี',
    'Unity',
    'community',
    [
      ['ร่วมประชุมหมู่บ้านประจำเดือน', 'Attend the monthly village meeting'],
      ['ร่วมงานบุญประเพณี', 'Join traditional merit-making'],
      ['ร่วมกิจกรรมกลุ่มอาชีพ', 'Take part in an occupational group'],
    ],
  ],
  [
    'discipline',
    'ความมีวินัย',
    'Discipline',
    'safety',
    [
      ['สวมหมวกนิรภัยทุกครั้ง', 'Always wear a helmet'],
      ['ปฏิบัติตามกติกาหมู่บ้าน', 'Follow the village rules'],
      ['ทิ้งขยะถูกที่', 'Dispose of waste properly'],
    ],
  ],
  [
    'responsibility',
    'ความรับผิดชอบ',
    'Responsibility',
    'community',
    [
      ['ดูแลบุตรหลานให้ได้เรียนหนังสือ', 'Keep children in school'],
      ['ชำระค่าน้ำประปาหมู่บ้านตรงเวลา', 'Pay the village water fee on time'],
      ['ดูแลทรัพย์สินส่วนรวม', 'Look after common property'],
    ],
  ],
  [
    'volunteering',
    'ความมีจิตอาสา',
    'Volunteer spirit',
    'community',
    [
      ['ร่วมกิจกรรมจิตอาสาพัฒนาหมู่บ้าน', 'Volunteer to improve the village'],
      ['เป็นอาสาสมัครสาธารณสุข', 'Serve as a health volunteer'],
      ['ช่วยงานศพและงานบุญของเพื่อนบ้าน', 'Help at neighbours’ funerals and ceremonies'],
    ],
  ],
  [
    'health',
    'การดูแลสุขภาพ',
    'Caring for health',
    'health',
    [
      ['ออกกำลังกายสม่ำเสมอ', 'Exercise regularly'],
      ['ตรวจสุขภาพประจำปี', 'Have an annual health check'],
      ['ลด ละ เลิกบุหรี่หรือสุรา', 'Cut down or quit smoking or alcohol'],
    ],
  ],
  [
    'learning',
    'การใฝ่เรียนรู้',
    'Love of learning',
    'learning',
    [
      ['เข้าร่วมอบรมของชุมชน', 'Attend a community training'],
      ['อ่านหนังสือที่ห้องสมุดหมู่บ้าน', 'Read at the village library'],
      ['ถ่ายทอดความรู้ให้ผู้อื่น', 'Teach others what you know'],
    ],
  ],
  [
    'wisdom',
    'การสืบสานภูมิปัญญา',
    'Keeping local wisdom',
    'learning',
    [
      ['สืบทอดงานหัตถกรรมท้องถิ่น', 'Pass on a local craft'],
      ['ใช้สมุนไพรพื้นบ้าน', 'Use traditional herbs'],
      ['ร่วมบันทึกประวัติชุมชน', 'Help record the community’s history'],
    ],
  ],
  [
    'religion',
    'การทำนุบำรุงศาสนา',
    'Supporting religion',
    'community',
    [
      ['ร่วมทำบุญวันสำคัญทางศาสนา', 'Make merit on religious days'],
      ['ช่วยดูแลศาสนสถาน', 'Help maintain a place of worship'],
      ['ปฏิบัติธรรมหรือนั่งสมาธิ', 'Practise meditation'],
    ],
  ],
  [
    'environment',
    'การอนุรักษ์สิ่งแวดล้อม',
    'Protecting the environment',
    'environment',
    [
      ['ปลูกต้นไม้', 'Plant trees'],
      ['คัดแยกขยะในครัวเรือน', 'Sort household waste'],
      ['ร่วมทำความสะอาดคลองและถนน', 'Clean canals and roads'],
    ],
  ],
  [
    'water',
    'การรักษาแหล่งน้ำ',
    'Caring for water',
    'environment',
    [
      ['ไม่ทิ้งของเสียลงแหล่งน้ำ', 'Keep waste out of waterways'],
      ['ร่วมขุดลอกคูคลอง', 'Help dredge the canals'],
      ['เก็บน้ำฝนไว้ใช้', 'Harvest rainwater'],
    ],
  ],
  [
    'safety',
    'ความปลอดภัยในชุมชน',
    'Community safety',
    'safety',
    [
      ['เป็นอาสาสมัครป้องกันภัยฝ่ายพลเรือน', 'Serve as a civil-defence volunteer'],
      ['ร่วมเวรยามหมู่บ้าน', 'Take a village watch shift'],
      ['ติดตั้งไฟส่องสว่างหน้าบ้าน', 'Light the street in front of the house'],
    ],
  ],
  [
    'drugfree',
    'ครอบครัวปลอดยาเสพติด',
    'Drug-free family',
    'safety',
    [
      ['ร่วมรณรงค์ต่อต้านยาเสพติด', 'Join an anti-drug campaign'],
      ['ดูแลเยาวชนให้ห่างไกลยาเสพติด', 'Keep young people away from drugs'],
    ],
  ],
  [
    'family',
    'ครอบครัวอบอุ่น',
    'Warm family',
    'health',
    [
      ['รับประทานอาหารร่วมกันในครอบครัว', 'Eat together as a family'],
      ['ทำกิจกรรมร่วมกันในวันหยุด', 'Spend holidays together'],
      ['ดูแลสมาชิกที่เจ็บป่วย', 'Care for a sick family member'],
    ],
  ],
  [
    'courtesy',
    'ความมีน้ำใจและสุภาพ',
    'Kindness and courtesy',
    'community',
    [
      ['ช่วยเหลือเพื่อนบ้านยามลำบาก', 'Help neighbours in hard times'],
      ['ต้อนรับผู้มาเยือนหมู่บ้าน', 'Welcome visitors to the village'],
      ['ไกล่เกลี่ยความขัดแย้งอย่างสันติ', 'Help settle disputes peacefully'],
    ],
  ],
  [
    'democracy',
    'วิถีประชาธิปไตย',
    'Democratic life',
    'community',
    [
      ['ไปใช้สิทธิเลือกตั้ง', 'Vote in elections'],
      ['ร่วมแสดงความคิดเห็นในเวทีประชาคม', 'Speak at the community forum'],
      ['เป็นกรรมการกลุ่มหรือองค์กรชุมชน', 'Serve on a community group committee'],
    ],
  ],
  [
    'culture',
    'การสืบสานวัฒนธรรม',
    'Living culture',
    'learning',
    [
      ['ร่วมงานประเพณีท้องถิ่น', 'Join local festivals'],
      ['แต่งกายผ้าไทยในวันสำคัญ', 'Wear Thai cloth on special days'],
    ],
  ],
  [
    'saving-group',
    'การออมและการเงินชุมชน',
    'Community finance',
    'community',
    [
      ['เป็นสมาชิกสถาบันการเงินชุมชน', 'Be a member of the community financial institution'],
      ['ร่วมกองทุนสวัสดิการชุมชน', 'Join the community welfare fund'],
      ['ถือหุ้นร้านค้าชุมชน', 'Hold a share in the community shop'],
    ],
  ],
];

export const NONG_SARAI_VIRTUE_COUNT = VIRTUES.length;

export const NONG_SARAI_INDICATORS: IndicatorInput[] = VIRTUES.flatMap(([code, th, en, domain, indicators]) =>
  indicators.map(([ith, ien], i) => ({
    code: `nongsarai.${code}.${i + 1}`,
    name: { th: ith, en: ien },
    domain,
    accountKinds: ['person'] as IndicatorInput['accountKinds'],
    owner: { kind: 'local' as const, agency: 'nongsarai', area: NONG_SARAI_AREA },
    unit: 'occurrence' as const,
    points: 5,
    caps: { maxPerYear: 12 },
    certification: 'local' as const,
    evidence: 'none' as const,
    selfDeclarable: true,
    virtue: { code, name: { th, en } },
  })),
);
