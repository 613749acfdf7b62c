// Consent per purpose (PDPA s.19, s.26) and the purposes staff state when they read a person's record.
// Pure: which purposes exist, how a per-partner sharing purpose is written, what a consent receipt says.

/** Purposes a person consents to; `health` is the only sensitive data family indicators declare today. */
export const CORE_PURPOSES = ['enrolment', 'health', 'privileges', 'statistics'] as const;
export type CorePurpose = (typeof CORE_PURPOSES)[number];

/** Sharing with one partner is a purpose of its own: `sharing:<partner code>`. */
export const SHARING_PREFIX = 'sharing:';
const PARTNER_CODE = /^[a-z][a-z0-9-]{1,39}$/;

export type ParsedPurpose = { kind: 'core'; purpose: CorePurpose } | { kind: 'sharing'; purpose: string; partner: string };

export function parsePurpose(text: string): ParsedPurpose | undefined {
  if ((CORE_PURPOSES as readonly string[]).includes(text)) return { kind: 'core', purpose: text as CorePurpose };
  if (text.startsWith(SHARING_PREFIX)) {
    const partner = text.slice(SHARING_PREFIX.length);
    if (PARTNER_CODE.test(partner)) return { kind: 'sharing', purpose: text, partner };
  }
  return undefined;
}

export const sharingPurpose = (partner: string): string => `${SHARING_PREFIX}${partner}`;

/** Withdrawing `enrolment` is leaving the platform, which has its own flow. */
export const LEAVING_PURPOSE = 'enrolment';
export const LEAVING_PATH = '/api/v1/me/leave';

/** What each purpose covers, as the notice says it (Thai first). */
export const PURPOSE_NOTICES: Record<CorePurpose | 'sharing', { th: string; en: string }> = {
  enrolment: {
    th: 'บันทึกบัญชีและความดีของท่าน คำนวณคะแนน และบันทึกลงบันทึกสาธารณะโดยไม่ระบุตัวตน',
    en: 'Keep your account and good deeds, compute your score and record them in the public log without naming you.',
  },
  health: {
    th: 'รับบันทึกความดีที่เป็นข้อมูลสุขภาพ เช่น การบริจาคโลหิต (ข้อมูลอ่อนไหว) และนับเป็นคะแนน',
    en: 'Accept good deeds that are health data, such as blood donation (sensitive data), and count them.',
  },
  privileges: {
    th: 'ใช้คะแนนของท่านเพื่อแสดงสิทธิประโยชน์ที่ท่านได้รับ',
    en: 'Use your score to show the privileges you can use.',
  },
  statistics: {
    th: 'นับรวมท่านในสถิติสาธารณะแบบรวมยอด (ไม่แสดงตัวเลขที่น้อยกว่า 10 คน)',
    en: 'Count you in the public aggregate statistics (no figure under 10 people is shown).',
  },
  sharing: {
    th: 'ส่งให้พันธมิตรรายนี้เฉพาะสิ่งที่จำเป็นต่อการใช้สิทธิ์ (บัตรกำนัล หรือการยืนยันสิทธิ์ด้วยรหัสแทนตัว) โดยไม่เปิดเผยชื่อ เลขประจำตัว หรือประวัติของท่าน',
    en: 'Give this partner only what using the privilege needs (the voucher, or an eligibility proof under a pseudonym), never your name, ID or history.',
  },
};

export const noticeOf = (p: ParsedPurpose): { th: string; en: string } => PURPOSE_NOTICES[p.kind === 'core' ? p.purpose : 'sharing'];

export type ConsentAction = 'give' | 'withdraw';

/** The claims of a signed consent receipt (after the Kantara Consent Receipt: what, when, which notice). */
export function receiptClaims(r: {
  id: string;
  accountId: string;
  purpose: string;
  action: ConsentAction;
  noticeVersion: string;
  at: string;
  controller: { th: string; en: string };
}): Record<string, unknown> {
  const parsed = parsePurpose(r.purpose);
  return {
    consent_receipt: {
      receiptId: r.id,
      accountId: r.accountId,
      purpose: r.purpose,
      ...(parsed?.kind === 'sharing' ? { partner: parsed.partner } : {}),
      action: r.action,
      at: r.at,
      noticeVersion: r.noticeVersion,
      notice: parsed ? noticeOf(parsed) : null,
      controller: r.controller,
      law: 'PDPA B.E. 2562 s.19, s.26',
    },
  };
}

/** Why a staff member reads a person's record; `other` needs a note. */
export const ACCESS_PURPOSES = ['certification', 'assisted_enrolment', 'member_support', 'card', 'dispute', 'audit', 'other'] as const;
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number];
/** Purposes the platform records by itself for partners' counter checks. */
export const PARTNER_ACCESS_PURPOSES = ['redemption', 'eligibility_check'] as const;
export type RecordedPurpose = AccessPurpose | (typeof PARTNER_ACCESS_PURPOSES)[number];

export const PURPOSE_NOTE_MAX = 200;

export type PurposeParse = { ok: true; purpose?: { code: AccessPurpose; note: string | null } } | { ok: false; reason: string };

/** The purpose a request states (header or query), checked against the fixed list. */
export function parseAccessPurpose(code: string | undefined, note: string | undefined): PurposeParse {
  if (code === undefined || code === '') return { ok: true };
  if (!(ACCESS_PURPOSES as readonly string[]).includes(code)) return { ok: false, reason: `purpose must be one of ${ACCESS_PURPOSES.join(', ')}` };
  const text = note?.trim() || null;
  if (text !== null && [...text].length > PURPOSE_NOTE_MAX) return { ok: false, reason: `the note has at most ${PURPOSE_NOTE_MAX} characters` };
  if (text !== null && /\p{Cc}/u.test(text)) return { ok: false, reason: 'the note has control characters' };
  if (code === 'other' && text === null) return { ok: false, reason: 'purpose "other" needs a note' };
  return { ok: true, purpose: { code: code as AccessPurpose, note: text } };
}

/** Short names of the purposes, for the export's readable copy (the web app has its own messages). */
export const PURPOSE_LABELS: Record<CorePurpose | 'sharing', { th: string; en: string }> = {
  enrolment: { th: 'การเป็นสมาชิก', en: 'Membership' },
  health: { th: 'ข้อมูลสุขภาพ (เช่น การบริจาคโลหิต)', en: 'Health data (e.g. blood donation)' },
  privileges: { th: 'สิทธิประโยชน์', en: 'Privileges' },
  statistics: { th: 'สถิติสาธารณะ', en: 'Public statistics' },
  sharing: { th: 'ส่งข้อมูลให้พันธมิตร', en: 'Sharing with a partner' },
};

export const ACCESS_PURPOSE_LABELS: Record<RecordedPurpose, { th: string; en: string }> = {
  certification: { th: 'ตรวจรับรองความดี', en: 'Certifying a deed' },
  assisted_enrolment: { th: 'ช่วยลงทะเบียน', en: 'Assisted enrolment' },
  member_support: { th: 'ให้ความช่วยเหลือตามที่ท่านขอ', en: 'Helping you at your request' },
  card: { th: 'บัตรสมาชิก', en: 'Membership card' },
  dispute: { th: 'พิจารณาคำร้อง', en: 'Handling a dispute' },
  audit: { th: 'ตรวจสอบการทำงาน', en: 'Audit' },
  other: { th: 'อื่น ๆ', en: 'Other' },
  redemption: { th: 'ยืนยันบัตรกำนัล', en: 'Confirming a voucher' },
  eligibility_check: { th: 'ตรวจสอบสิทธิ์', en: 'Checking eligibility' },
};

export function purposeLabel(purpose: string): { th: string; en: string } {
  const p = parsePurpose(purpose);
  if (!p) return { th: purpose, en: purpose };
  if (p.kind === 'core') return PURPOSE_LABELS[p.purpose];
  return { th: `${PURPOSE_LABELS.sharing.th}: ${p.partner}`, en: `${PURPOSE_LABELS.sharing.en}: ${p.partner}` };
}
