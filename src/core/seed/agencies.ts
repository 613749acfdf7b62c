// The seed agencies of DESIGN.md §4: enough for a village bank or a demo to be useful on first start.
export const AGENCY_ROLES = ['issuer', 'certifier', 'partner', 'registrar', 'committee', 'reviewer'] as const;
/**
 * `committee`: a member of the national committee (state, business, civil society) that approves indicators and privileges.
 * `reviewer`: an independent reviewer of disputes that the respondent did not settle (never of its own).
 */
export type AgencyRole = (typeof AGENCY_ROLES)[number];

export interface AgencySeed {
  code: string;
  name: { th: string; en: string };
  roles: AgencyRole[];
  /** Indicator code patterns it may attest ("trc.*" or an exact code). */
  indicatorScopes: string[];
  /** Area codes (province, district or subdistrict) it may certify or enrol in. */
  areaScopes: string[];
}

export const KHUANG_PAO_AREA = '500204';
export const NONG_SARAI_AREA = '710911';

export const SEED_AGENCIES: AgencySeed[] = [
  {
    code: 'committee',
    name: { th: 'คณะกรรมการความดีแห่งชาติ (ไตรภาคี: รัฐ เอกชน ประชาสังคม)', en: 'National Good-Deed Committee (state, business, civil society)' },
    roles: ['committee'],
    indicatorScopes: [],
    areaScopes: [],
  },
  { code: 'trc', name: { th: 'สภากาชาดไทย', en: 'Thai Red Cross Society' }, roles: ['issuer'], indicatorScopes: ['trc.*'], areaScopes: [] },
  {
    code: 'dsd',
    name: { th: 'กรมพัฒนาฝีมือแรงงาน', en: 'Department of Skill Development' },
    roles: ['issuer'],
    indicatorScopes: ['dsd.*', 'nat.person.skills-course', 'nat.org.staff-training'],
    areaScopes: [],
  },
  { code: 'ptt', name: { th: 'บริษัท ปตท. จำกัด (มหาชน)', en: 'PTT Public Company Limited' }, roles: ['partner'], indicatorScopes: [], areaScopes: [] },
  {
    code: 'khuangpao',
    name: { th: 'องค์การบริหารส่วนตำบลข่วงเปา อำเภอจอมทอง จังหวัดเชียงใหม่', en: 'Khuang Pao Subdistrict Administrative Organization, Chom Thong, Chiang Mai' },
    roles: ['issuer', 'certifier', 'partner', 'registrar'],
    indicatorScopes: ['khuangpao.*', 'nat.*'],
    areaScopes: [KHUANG_PAO_AREA],
  },
  {
    code: 'nongsarai',
    name: { th: 'สภาองค์กรชุมชนตำบลหนองสาหร่าย อำเภอพนมทวน จังหวัดกาญจนบุรี', en: 'Nong Sarai Community Council, Phanom Thuan, Kanchanaburi' },
    roles: ['certifier', 'registrar'],
    indicatorScopes: [],
    areaScopes: [NONG_SARAI_AREA],
  },
  {
    code: 'nongsarai-cfi',
    name: { th: 'สถาบันการเงินชุมชนตำบลหนองสาหร่าย', en: 'Nong Sarai Community Financial Institution' },
    roles: ['partner'],
    indicatorScopes: [],
    areaScopes: [NONG_SARAI_AREA],
  },
  {
    code: 'ombudsman',
    name: { th: 'สำนักงานผู้ตรวจการแผ่นดิน', en: 'Office of the Ombudsman' },
    roles: ['reviewer'],
    indicatorScopes: [],
    areaScopes: [],
  },
];
