// The seed catalogue of DESIGN.md §4. Every entry passes validateIndicator (pinned by a test).
import type { IndicatorInput } from '../catalogue.js';
import { KHUANG_PAO_AREA } from './agencies.js';
import { NONG_SARAI_INDICATORS } from './nongsarai.js';

const trc = (code: string, th: string, en: string, points: number, caps: IndicatorInput['caps'], group?: string): IndicatorInput => ({
  code: `trc.${code}`,
  name: { th, en },
  domain: 'health',
  accountKinds: ['person'],
  owner: { kind: 'agency', agency: 'trc' },
  unit: 'occurrence',
  points,
  caps,
  certification: 'auto',
  evidence: 'reference',
  sensitive: 'health',
  sdgs: [3],
  ...(group ? { equivalenceGroup: group } : {}),
});

export const TRC_INDICATORS: IndicatorInput[] = [
  trc('blood.red-cell', 'บริจาคโลหิต (เม็ดเลือดแดง)', 'Red-cell blood donation', 70, { minIntervalDays: 84 }, 'blood-donation'),
  trc('blood.plasma', 'บริจาคพลาสมา', 'Plasma donation', 70, { minIntervalDays: 14 }, 'blood-donation'),
  trc('blood.platelets', 'บริจาคเกล็ดเลือด', 'Platelet donation', 70, { minIntervalDays: 14 }, 'blood-donation'),
  trc('stem-cell', 'บริจาคเซลล์ต้นกำเนิดเม็ดโลหิต', 'Stem-cell donation', 300, { maxPerYear: 1 }),
  trc('organ-pledge', 'แสดงความจำนงบริจาคอวัยวะ', 'Organ donation pledge', 200, { oncePerLifetime: true }),
  trc('body-pledge', 'แสดงความจำนงบริจาคร่างกาย', 'Body donation pledge', 300, { oncePerLifetime: true }),
];

const kp = (code: string, th: string, en: string, points: number, domain: IndicatorInput['domain'], extra: Partial<IndicatorInput> = {}): IndicatorInput => ({
  code: `khuangpao.${code}`,
  name: { th, en },
  domain,
  accountKinds: ['person'],
  owner: { kind: 'local', agency: 'khuangpao', area: KHUANG_PAO_AREA },
  unit: 'occurrence',
  points,
  caps: {},
  certification: 'local',
  evidence: 'none',
  ...extra,
});

const auto = { certification: 'auto' as const };
export const KHUANG_PAO_INDICATORS: IndicatorInput[] = [
  kp('open-account', 'เปิดบัญชีธนาคารความดี', 'Open a good-deed bank account', 50, 'community', { ...auto, caps: { oncePerLifetime: true } }),
  kp('sao-committee', 'เป็นกรรมการของ อบต.', 'Serve on an SAO committee', 50, 'community', { ...auto, caps: { maxPerYear: 1 } }),
  kp('quit-alcohol', 'ปฏิญาณตนเลิกสุราตลอดชีวิต', 'Pledge to quit alcohol for life', 50, 'health', { caps: { oncePerLifetime: true }, sensitive: 'health' }),
  kp('quit-smoking', 'ปฏิญาณตนเลิกบุหรี่ตลอดชีวิต', 'Pledge to quit smoking for life', 50, 'health', { caps: { oncePerLifetime: true }, sensitive: 'health' }),
  kp('blood-donation', 'บริจาคโลหิต', 'Blood donation', 50, 'health', { caps: { minIntervalDays: 84 }, sensitive: 'health', equivalenceGroup: 'blood-donation' }),
  kp('welfare-fund', 'เป็นสมาชิกกองทุนสวัสดิการชุมชน', 'Member of the community welfare fund', 30, 'community', { ...auto, caps: { maxPerYear: 1 } }),
  kp('funeral-fund', 'เป็นสมาชิกกองทุนฌาปนกิจ', 'Member of the funeral welfare fund', 30, 'community', { ...auto, caps: { maxPerYear: 1 } }),
  kp('sao-project', 'เข้าร่วมโครงการ/อบรมของ อบต.', 'Join an SAO project or training', 20, 'learning'),
  kp('tax-on-time', 'ชำระภาษีท้องถิ่นตรงเวลา', 'Pay SAO tax on time', 20, 'community', { ...auto, caps: { maxPerYear: 1 } }),
  kp('special-donation', 'บริจาคเงินหรือสิ่งของกรณีพิเศษ', 'Donate money or goods for special cases', 20, 'community'),
  kp('chemical-free-garden', 'ปลูกผักปลอดสารพิษ/ผักสวนครัว', 'Grow chemical-free vegetables or a kitchen garden', 20, 'environment', { caps: { maxPerYear: 4 } }),
  kp('elderly-school', 'เข้าร่วมโรงเรียนผู้สูงอายุ', 'Join the elderly school', 20, 'learning'),
  kp('recreation-service', 'นันทนาการ ออกกำลังกาย หรือบริการสาธารณะ', 'Recreation, exercise or public service', 10, 'health', { volunteering: true }),
  kp('local-wisdom', 'กิจกรรมภูมิปัญญาท้องถิ่น', 'Local-wisdom activity', 10, 'learning'),
  kp('culture-religion', 'กิจกรรมวัฒนธรรม ประเพณี ศาสนา', 'Culture, tradition or religion activity', 10, 'community'),
  kp('village-meeting', 'เข้าร่วมประชุมหมู่บ้าน', 'Attend the village meeting', 10, 'community', { caps: { maxPerYear: 12 } }),
  kp('conservation', 'อนุรักษ์ธรรมชาติและสิ่งแวดล้อม', 'Nature and environment conservation', 10, 'environment'),
];

const nat = (
  code: string,
  th: string,
  en: string,
  domain: IndicatorInput['domain'],
  kinds: IndicatorInput['accountKinds'],
  caps: IndicatorInput['caps'],
  extra: Partial<IndicatorInput> = {},
): IndicatorInput => ({
  code: `nat.${code}`,
  name: { th, en },
  domain,
  accountKinds: kinds,
  owner: { kind: 'national' },
  unit: 'occurrence',
  points: 30,
  caps,
  certification: 'auto',
  evidence: 'reference',
  ...extra,
});

const P = ['person'] as IndicatorInput['accountKinds'];
const C = ['community'] as IndicatorInput['accountKinds'];
const O = ['organisation'] as IndicatorInput['accountKinds'];
export const NATIONAL_INDICATORS: IndicatorInput[] = [
  nat('person.volunteer', 'ทำกิจกรรมจิตอาสา', 'Volunteering', 'community', P, { maxPerYear: 12 }, { sdgs: [11, 17], volunteering: true }),
  nat('person.skills-course', 'สำเร็จหลักสูตรพัฒนาทักษะ', 'Complete a skills course', 'learning', P, { maxPerYear: 4 }, { sdgs: [4, 8] }),
  nat('person.health-check', 'ตรวจสุขภาพประจำปี', 'Annual health check', 'health', P, { maxPerYear: 1 }, { sensitive: 'health', sdgs: [3] }),
  nat('person.exercise-programme', 'เข้าร่วมโครงการออกกำลังกาย', 'Exercise programme', 'health', P, { maxPerYear: 4 }, { sdgs: [3] }),
  nat('community.anti-drug', 'รณรงค์ต่อต้านยาเสพติด', 'Anti-drug campaign', 'safety', C, { maxPerYear: 4 }, { sdgs: [3, 16] }),
  nat('community.outdoor-learning', 'จัดการเรียนรู้นอกห้องเรียน', 'Out-of-classroom learning', 'learning', C, { maxPerYear: 4 }, { sdgs: [4] }),
  nat('community.waste-sorting', 'คัดแยกขยะในชุมชน', 'Community waste sorting', 'environment', C, { maxPerYear: 4 }, { sdgs: [11, 12] }),
  nat('community.savings-group', 'กลุ่มออมทรัพย์ชุมชน', 'Community savings group', 'community', C, { maxPerYear: 1 }, { sdgs: [1] }),
  nat('community.green-space', 'สร้างพื้นที่สีเขียว', 'Create green space', 'environment', C, { maxPerYear: 4 }, { sdgs: [11, 15] }),
  nat('org.staff-training', 'พัฒนาทักษะบุคลากร', 'Staff skills training', 'learning', O, { maxPerYear: 4 }, { sdgs: [4, 8] }),
  nat('org.safe-workplace', 'สถานประกอบการปลอดภัย', 'Safe workplace', 'safety', O, { maxPerYear: 1 }, { sdgs: [8] }),
  nat('org.energy-saving', 'ประหยัดพลังงาน', 'Energy saving', 'environment', O, { maxPerYear: 4 }, { sdgs: [7, 13] }),
  nat('org.csr-project', 'โครงการรับผิดชอบต่อสังคม', 'CSR project', 'community', O, { maxPerYear: 4 }, { sdgs: [17] }),
  nat('org.health-promotion', 'ส่งเสริมสุขภาพในองค์กร', 'Workplace health promotion', 'health', O, { maxPerYear: 4 }, { sdgs: [3] }),
];

export const DSD_INDICATORS: IndicatorInput[] = [
  {
    code: 'dsd.skills.training-hours',
    name: { th: 'ฝึกอบรมฝีมือแรงงาน (ต่อชั่วโมง)', en: 'Skills training (per hour)' },
    domain: 'learning',
    accountKinds: ['person'],
    owner: { kind: 'agency', agency: 'dsd' },
    unit: 'hour',
    points: 2,
    caps: { maxPointsPerYear: 120 },
    certification: 'auto',
    evidence: 'reference',
    sdgs: [4, 8],
  },
  {
    code: 'dsd.skills.standard-test',
    name: { th: 'ผ่านการทดสอบมาตรฐานฝีมือแรงงาน', en: 'Pass a national skill-standard test' },
    domain: 'learning',
    accountKinds: ['person'],
    owner: { kind: 'agency', agency: 'dsd' },
    unit: 'occurrence',
    points: 50,
    caps: { maxPerYear: 2 },
    certification: 'auto',
    evidence: 'reference',
    sdgs: [4, 8],
  },
];

export const SEED_INDICATORS: IndicatorInput[] = [...NATIONAL_INDICATORS, ...TRC_INDICATORS, ...DSD_INDICATORS, ...KHUANG_PAO_INDICATORS, ...NONG_SARAI_INDICATORS];
