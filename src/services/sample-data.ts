// Demo data for a first look: a few people of Khuang Pao and Nong Sarai with real-looking deeds,
// written through the same services as everything else. Only on an empty database.
import type { Principal } from '../core/access.js';
import { withThaiCheckDigit } from '../core/ids.js';
import { SEED_AGENCIES } from '../core/seed/agencies.js';
import type { Services } from '../platform.js';

const admin: Principal = { kind: 'admin' };
const agency = (code: string): Principal => {
  const a = SEED_AGENCIES.find((x) => x.code === code);
  if (!a) throw new Error(`no seed agency ${code}`);
  return { kind: 'agency', agency: a.code, roles: a.roles, indicatorScopes: a.indicatorScopes, areaScopes: a.areaScopes };
};

export interface SampleResult {
  people: Array<{ id: string; displayName: string; nationalId: string }>;
}

export async function loadSampleData(services: Services, year: number): Promise<SampleResult> {
  const people = [
    { name: 'สมศรี ใจดี', area: '500204', id: withThaiCheckDigit('350020400001') },
    { name: 'บุญมี ศรีสุข', area: '500204', id: withThaiCheckDigit('350020400002') },
    { name: 'มาลี ทองดี', area: '710911', id: withThaiCheckDigit('371091100003') },
  ];
  const out: SampleResult['people'] = [];
  for (const p of people) {
    const { id } = await services.enrolment.enrol(admin, { kind: 'person', nationalId: p.id, displayName: p.name, areaCode: p.area, consents: ['enrolment', 'health'] });
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
  const queue = await services.certification.queue(kp, { limit: 10 });
  const meeting = queue.items.find((q) => q.indicator.code === 'khuangpao.village-meeting');
  if (meeting) await services.certification.decide(kp, meeting.id, { decision: 'approve' });
  return { people: out };
}
