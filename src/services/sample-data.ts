// Demo data for a first look: a few people of Khuang Pao and Nong Sarai with real-looking deeds,
// written through the same services as everything else. Only on an empty database. Everyone agrees
// to the statistics purpose, and a few dozen generated neighbours in four provinces give the public
// dashboard something to show: provinces with figures, and one under the minimum that it withholds.
import type { Principal } from '../core/access.js';
import { requestContext } from '../adapters/request-context.js';
import { addCalendarDays, bangkokDay, bangkokYear } from '../core/calendar.js';
import { withThaiCheckDigit } from '../core/ids.js';
import { SEED_AGENCIES } from '../core/seed/agencies.js';
import type { Services } from '../platform.js';

const admin: Principal = { kind: 'admin' };
const agency = (code: string): Principal => {
  const a = SEED_AGENCIES.find((x) => x.code === code);
  if (!a) throw new Error(`no seed agency ${code}`);
  return { kind: 'agency', agency: a.code, roles: a.roles, indicatorScopes: a.indicatorScopes, areaScopes: a.areaScopes };
};

/** The demo's citizens: what the local sign-in page offers first. */
export const SAMPLE_PEOPLE = [
  { name: 'สมศรี ใจดี', area: '500204', id: withThaiCheckDigit('350020400001'), note: 'ประชาชน ตำบลข่วงเปา เชียงใหม่ · citizen of Khuang Pao' },
  { name: 'บุญมี ศรีสุข', area: '500204', id: withThaiCheckDigit('350020400002'), note: 'ประชาชน ตำบลข่วงเปา เชียงใหม่ · citizen of Khuang Pao' },
  { name: 'มาลี ทองดี', area: '710911', id: withThaiCheckDigit('371091100003'), note: 'ประชาชน ตำบลหนองสาหร่าย กาญจนบุรี · citizen of Nong Sarai' },
] as const;

/** The demo's staff: each signs in with their own national ID and acts for the agency that granted the role. */
export const SAMPLE_STAFF = [
  {
    name: 'สมใจ รักษ์ถิ่น',
    id: withThaiCheckDigit('350020499001'),
    agency: 'khuangpao',
    roles: ['admin', 'certifier', 'registrar', 'issuer', 'partner'],
    note: 'เจ้าหน้าที่ อบต.ข่วงเปา · Khuang Pao SAO officer',
  },
  { name: 'พยาบาล ใจงาม', id: withThaiCheckDigit('110170099002'), agency: 'trc', roles: ['issuer'], note: 'เจ้าหน้าที่สภากาชาดไทย · Thai Red Cross officer' },
  { name: 'ประสิทธิ์ ขยันดี', id: withThaiCheckDigit('110170099003'), agency: 'ptt', roles: ['partner'], note: 'พนักงานสถานีบริการ ปตท. · PTT station cashier' },
  {
    name: 'ผู้ใหญ่บ้าน หนองสาหร่าย',
    id: withThaiCheckDigit('371091199004'),
    agency: 'nongsarai',
    roles: ['certifier', 'registrar'],
    note: 'สภาองค์กรชุมชนหนองสาหร่าย · Nong Sarai council',
  },
  { name: 'ดวงใจ ไตรภาคี', id: withThaiCheckDigit('110170099005'), agency: 'committee', roles: ['committee'], note: 'กรรมการความดีแห่งชาติ · National committee member' },
  {
    name: 'ยุติธรรม เที่ยงตรง',
    id: withThaiCheckDigit('110170099006'),
    agency: 'ombudsman',
    roles: ['reviewer'],
    note: 'ผู้พิจารณาคำร้องอิสระ สำนักงานผู้ตรวจการแผ่นดิน · Independent reviewer, Ombudsman',
  },
] as const;

/**
 * Generated members for the public statistics, by home subdistrict: with the named people above,
 * Chiang Mai has 16, Kanchanaburi 12, Bangkok 12 and Bueng Kan 4 (fewer than the published
 * minimum, so withheld, as is one more province so that no subtraction reveals it).
 */
const GENERATED: ReadonlyArray<{ area: string; count: number; deeds: ReadonlyArray<'blood' | 'course' | 'volunteer'> }> = [
  { area: '500204', count: 14, deeds: ['volunteer', 'blood'] },
  { area: '710911', count: 11, deeds: ['course', 'blood'] },
  { area: '100101', count: 12, deeds: ['blood', 'course'] },
  { area: '380101', count: 4, deeds: ['course'] },
];
const FIRST_NAMES = ['สมชาย', 'สมหญิง', 'ประเสริฐ', 'วิไล', 'สุชาติ', 'นงลักษณ์', 'ธนา', 'อรุณี', 'วีระ', 'จันทร์เพ็ญ', 'ชัยวัฒน์', 'พรทิพย์', 'สุรชัย'];
const FAMILY_NAMES = ['แก้วมณี', 'ศรีสวัสดิ์', 'บุญมา', 'ทองคำ', 'สุขใจ', 'พันธ์ดี', 'รุ่งเรือง', 'มีสุข', 'ใจงาม', 'อินทร์แก้ว', 'ชัยมงคล'];
const DEED = {
  blood: { issuer: 'trc', indicator: 'trc.blood.red-cell' },
  course: { issuer: 'dsd', indicator: 'nat.person.skills-course' },
  volunteer: { issuer: 'khuangpao', indicator: 'nat.person.volunteer' },
} as const;

export interface SampleResult {
  people: Array<{ id: string; displayName: string; nationalId: string }>;
  opportunities: string[];
}

/** Deeds are dated in `year`; opportunities in the weeks after `now`, so the catalogue has something upcoming. */
export async function loadSampleData(services: Services, year: number, now: Date): Promise<SampleResult> {
  const people = SAMPLE_PEOPLE;
  for (const s of SAMPLE_STAFF) for (const role of s.roles) await services.staff.grant(admin, s.agency, { nationalId: s.id, role, label: s.name });
  const out: SampleResult['people'] = [];
  for (const p of people) {
    const { id } = await services.enrolment.enrol(admin, {
      kind: 'person',
      nationalId: p.id,
      displayName: p.name,
      areaCode: p.area,
      consents: ['enrolment', 'health', 'statistics'],
    });
    out.push({ id, displayName: p.name, nationalId: p.id });
  }
  const [somsri, boonmee, malee] = out as [SampleResult['people'][number], SampleResult['people'][number], SampleResult['people'][number]];
  const d = (month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T09:00:00+07:00`;
  const trc = agency('trc');
  const kp = agency('khuangpao');
  await services.attestations.submitMany(trc, [
    { ref: 'sample-trc-1', subject: { accountId: somsri.id }, indicator: 'trc.blood.red-cell', occurredAt: d(1, 15), evidence: { donationNo: 'TRC-0001' } },
    { ref: 'sample-trc-2', subject: { accountId: somsri.id }, indicator: 'trc.blood.red-cell', occurredAt: d(5, 2), evidence: { donationNo: 'TRC-0002' } },
    { ref: 'sample-trc-3', subject: { accountId: somsri.id }, indicator: 'trc.organ-pledge', occurredAt: d(2, 14), evidence: { pledgeNo: 'ORG-77' } },
    { ref: 'sample-trc-4', subject: { accountId: malee.id }, indicator: 'trc.blood.platelets', occurredAt: d(3, 3), evidence: { donationNo: 'TRC-0003' } },
  ]);
  await services.attestations.submitMany(kp, [
    { ref: 'sample-kp-1', subject: { accountId: somsri.id }, indicator: 'khuangpao.open-account', occurredAt: d(1, 5) },
    { ref: 'sample-kp-2', subject: { accountId: boonmee.id }, indicator: 'khuangpao.open-account', occurredAt: d(1, 6) },
    { ref: 'sample-kp-3', subject: { accountId: boonmee.id }, indicator: 'khuangpao.welfare-fund', occurredAt: d(1, 6) },
    { ref: 'sample-kp-4', subject: { accountId: boonmee.id }, indicator: 'khuangpao.village-meeting', occurredAt: d(2, 1) },
    { ref: 'sample-kp-5', subject: { accountId: boonmee.id }, indicator: 'khuangpao.chemical-free-garden', occurredAt: d(3, 1) },
  ]);
  // One deed is certified by the SAO, the other stays in its queue for the officer to see.
  // The demo's officer reads the queue to certify: recorded in those people's access log, as any staff read.
  const officer = requestContext.attach(kp, { purpose: { ok: true, purpose: { code: 'certification', note: null } }, route: 'sample data', correlationId: undefined });
  const queue = await services.certification.queue(officer, { limit: 10 });
  const meeting = queue.items.find((q) => q.indicator.code === 'khuangpao.village-meeting');
  if (meeting) await services.certification.decide(kp, meeting.id, { decision: 'approve' });
  await sampleProposals(services, now);
  await generatedMembers(services, now);
  return { people: out, opportunities: await sampleOpportunities(services, now) };
}

/** Something in the committee's queue: a points change the Red Cross proposes and a privilege PTT proposes, both from next year. */
async function sampleProposals(services: Services, now: Date): Promise<void> {
  const next = bangkokYear(now) + 1;
  const platelets = services.catalogue.current('trc.blood.platelets');
  if (platelets) {
    const def = platelets.definition;
    await services.catalogue.revise(agency('trc'), def.code, { ...def, points: 80, caps: { ...def.caps, maxPerYear: 24 } }, `${next}-01-01T00:00:00+07:00`);
  }
  await services.privileges.propose(agency('ptt'), {
    code: 'ptt.cafe-10',
    partner: 'ptt',
    name: { th: 'ส่วนลดเครื่องดื่มร้านกาแฟในสถานีบริการ 10%', en: '10% off drinks at station cafés' },
    category: 'discount',
    kind: 'threshold',
    criteria: { minScore: 100 },
    stock: 50_000,
    nationwide: true,
    validFrom: `${next}-01-01T00:00:00+07:00`,
    validUntil: `${next + 1}-01-01T00:00:00+07:00`,
  });
}

/** The generated members and their deeds, dated in the weeks before `now`. */
async function generatedMembers(services: Services, now: Date): Promise<void> {
  const today = bangkokDay(now);
  const byIssuer = new Map<string, Parameters<Services['attestations']['submitMany']>[1][number][]>();
  let n = 0;
  for (const g of GENERATED)
    for (let i = 0; i < g.count; i++, n++) {
      const displayName = `${FIRST_NAMES[n % FIRST_NAMES.length]} ${FAMILY_NAMES[(n * 7) % FAMILY_NAMES.length]}`;
      const nationalId = withThaiCheckDigit(`3${g.area}${String(100 + n).padStart(5, '0')}`);
      const { id } = await services.enrolment.enrol(admin, { kind: 'person', nationalId, displayName, areaCode: g.area, consents: ['enrolment', 'health', 'statistics'] });
      // Everyone has the first deed of their area; every second person also the next one.
      g.deeds.slice(0, i % 2 === 0 ? 2 : 1).forEach((deed, k) => {
        const { issuer, indicator } = DEED[deed];
        const list = byIssuer.get(issuer) ?? [];
        list.push({
          ref: `sample-gen-${n}-${k}`,
          subject: { accountId: id },
          indicator,
          occurredAt: `${addCalendarDays(today, -(2 + ((n * 3 + k * 11) % 40)))}T09:00:00+07:00`,
          evidence: { reference: `GEN-${n}-${k}` },
        });
        byIssuer.set(issuer, list);
      });
    }
  for (const [issuer, inputs] of byIssuer) {
    const refused = (await services.attestations.submitMany(agency(issuer), inputs)).find((o) => !o.ok);
    if (refused) throw new Error(`sample deed ${refused.ref} refused: ${refused.ok ? '' : refused.error.code}`);
  }
}

async function sampleOpportunities(services: Services, now: Date): Promise<string[]> {
  const today = bangkokDay(now);
  const at = (days: number, time: string) => `${addCalendarDays(today, days)}T${time}:00+07:00`;
  // The first Saturday at least five days ahead, when villagers are free.
  const ahead = addCalendarDays(today, 5);
  const saturday = 5 + ((6 - new Date(`${ahead}T00:00:00Z`).getUTCDay() + 7) % 7);
  const published = [
    await services.opportunities.publish(agency('trc'), {
      ref: 'sample-blood-drive-chomthong',
      title: { th: 'รับบริจาคโลหิต อำเภอจอมทอง', en: 'Blood drive, Chom Thong' },
      description: {
        th: 'หน่วยรับบริจาคโลหิตเคลื่อนที่ สภากาชาดไทย ผู้บริจาคต้องมีอายุ 17–70 ปี น้ำหนัก 45 กิโลกรัมขึ้นไป นอนหลับพักผ่อนเพียงพอ และนำบัตรประจำตัวประชาชนมาด้วย',
        en: 'Thai Red Cross mobile blood donation unit. Donors aged 17–70, at least 45 kg, well rested; bring your ID card.',
      },
      indicator: 'trc.blood.red-cell',
      startsAt: at(14, '08:30'),
      endsAt: at(14, '15:30'),
      place: { name: 'โรงพยาบาลจอมทอง', areaCode: '500203', address: 'ตำบลบ้านหลวง อำเภอจอมทอง จังหวัดเชียงใหม่' },
      capacity: 150,
      contact: { url: 'https://blooddonationthai.com/' },
    }),
    await services.opportunities.publish(agency('dsd'), {
      ref: 'sample-dsd-course-chiangmai',
      title: { th: 'อบรมระยะสั้น: ช่างซ่อมบำรุงเครื่องใช้ไฟฟ้าในบ้าน', en: 'Short course: household electrical appliance repair' },
      description: { th: 'ฝึกภาคปฏิบัติ 1 วัน ไม่มีค่าใช้จ่าย รับจำนวนจำกัด', en: 'One day of hands-on practice, free of charge, limited places.' },
      indicator: 'dsd.skills.training-hours',
      startsAt: at(21, '09:00'),
      endsAt: at(21, '15:00'),
      place: { name: 'สถาบันพัฒนาฝีมือแรงงาน 10 เชียงใหม่', areaCode: '5001' },
      capacity: 30,
      contact: { url: 'https://www.dsd.go.th/' },
    }),
    await services.opportunities.publish(agency('khuangpao'), {
      ref: 'sample-khuangpao-cleanup',
      title: { th: 'จิตอาสาพัฒนาหมู่บ้าน เก็บขยะและทำความสะอาดลำเหมือง', en: 'Village clean-up: litter and irrigation channel' },
      description: { th: 'นำถุงมือและหมวกมาเอง อบต. เตรียมน้ำดื่มและอุปกรณ์', en: 'Bring gloves and a hat; the SAO provides water and tools.' },
      indicator: 'khuangpao.conservation',
      startsAt: at(saturday, '07:00'),
      endsAt: at(saturday, '11:00'),
      place: { name: 'ศาลาอเนกประสงค์หมู่บ้าน', areaCode: '500204' },
    }),
  ];
  return published.map((p) => p.opportunity.id);
}
