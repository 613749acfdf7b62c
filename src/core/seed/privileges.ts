// Seed privileges of DESIGN.md §4, approved by the committee at seeding.
import type { PrivilegeInput } from '../privileges.js';
import { KHUANG_PAO_AREA, NONG_SARAI_AREA } from './agencies.js';
import { NONG_SARAI_INDICATORS, NONG_SARAI_VIRTUE_COUNT } from './nongsarai.js';

const window = { validFrom: '2026-01-01T00:00:00+07:00', validUntil: '2031-01-01T00:00:00+07:00' };

const loan = (amount: string, th: string, criteria: NonNullable<PrivilegeInput['criteria']>): PrivilegeInput => ({
  code: `nongsarai-cfi.loan-${amount}`,
  partner: 'nongsarai-cfi',
  name: { th: `สินเชื่อไม่ต้องใช้หลักประกัน ${th} บาท`, en: `Collateral-free loan up to ${th} THB` },
  description: { th: 'สิทธิยื่นขอสินเชื่อตามคุณธรรมที่ทำได้ในปีนี้', en: 'Right to apply for a loan by the virtues met this year' },
  category: 'loan',
  kind: 'threshold',
  criteria,
  nationwide: false,
  areas: [NONG_SARAI_AREA],
  ...window,
});

export const SEED_PRIVILEGES: PrivilegeInput[] = [
  {
    code: 'ptt.bluepoints',
    partner: 'ptt',
    name: { th: 'แลก 50 คะแนนความดี เป็น 5 คะแนนบลูการ์ด', en: 'Exchange 50 good-deed points for 5 Blue Card points' },
    category: 'points-exchange',
    kind: 'exchange',
    cost: 50,
    stock: 1_000_000,
    nationwide: true,
    ...window,
  },
  {
    code: 'ptt.fuel-3',
    partner: 'ptt',
    name: { th: 'ส่วนลดน้ำมัน 3%', en: '3% fuel discount' },
    category: 'discount',
    kind: 'threshold',
    criteria: { minScore: 150 },
    nationwide: true,
    ...window,
  },
  {
    code: 'ptt.fuel-5',
    partner: 'ptt',
    name: { th: 'ส่วนลดน้ำมัน 5%', en: '5% fuel discount' },
    category: 'discount',
    kind: 'threshold',
    criteria: { minScore: 300 },
    nationwide: true,
    ...window,
  },
  {
    code: 'khuangpao.rice-5kg',
    partner: 'khuangpao',
    name: { th: 'แลกข้าวสาร 5 กิโลกรัม', en: 'Exchange for 5 kg of rice' },
    description: { th: 'ต้องเหลือคะแนนในบัญชีอย่างน้อย 150 คะแนนหลังแลก', en: 'At least 150 points must remain after the exchange' },
    category: 'goods',
    kind: 'exchange',
    cost: 100,
    minBalanceAfter: 150,
    stock: 200,
    nationwide: false,
    areas: [KHUANG_PAO_AREA],
    ...window,
  },
  loan('20k', '20,000', { minDistinctVirtues: 4, minDistinctIndicators: 11 }),
  loan('40k', '40,000', { minDistinctVirtues: 9 }),
  loan('60k', '60,000', { minDistinctVirtues: 11 }),
  loan('300k', '300,000', { minDistinctVirtues: NONG_SARAI_VIRTUE_COUNT, minDistinctIndicators: NONG_SARAI_INDICATORS.length }),
];
