// Certificates a person can download and show anyone: W3C Verifiable Credentials 2.0 shaped as
// Open Badges 3.0 achievements, secured as `vc+jwt` (VC-JOSE-COSE: the JWT payload is the
// credential itself, no `vc` wrapper claim). This module only shapes and checks the JSON; signing
// is done with the platform's key elsewhere. Everything people read is given in Thai and English,
// with dates in the Buddhist Era too. The subject is named by display name only: no national ID,
// no account id, no area.
import { englishDate, thaiDate, toBuddhistEra } from './calendar.js';

// Date texts moved to the calendar module; re-exported for the certificate tests and callers.
export { englishDate, thaiDate };
import { DOMAINS, DOMAIN_NAMES, type Domain } from './catalogue.js';

export const VC_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] as const;
export const VC_TYPE = ['VerifiableCredential', 'OpenBadgeCredential'] as const;
/** JOSE `typ` of a credential secured with JOSE (VC-JOSE-COSE §3.1.1); `cty`, when present, is `vc`. */
export const CERTIFICATE_JWT_TYPE = 'vc+jwt';
export const CERTIFICATE_MEDIA_TYPE = 'application/vc+jwt';

export type Localised = { th: string; en: string };

export const PLATFORM_NAME: Localised = { th: 'ธนาคารความดี แพลตฟอร์มความดีแห่งชาติ', en: 'Khwamdee national good-deed bank platform' };

export type CertificateKind = 'credit' | 'volunteer-hours' | 'annual-statement';

export interface IdentityObject {
  type: 'IdentityObject';
  identityType: 'name';
  hashed: false;
  identityHash: string;
}

export interface ResultDescription {
  id: string;
  type: ['ResultDescription'];
  name: string;
  resultType: string;
  valueMax?: string;
}

export interface Result {
  type: ['Result'];
  resultDescription: string;
  value: string;
}

export interface Achievement {
  id: string;
  type: ['Achievement'];
  achievementType: string;
  name: string;
  description: string;
  criteria: { narrative: string };
  humanCode?: string;
  version?: string;
  tag?: string[];
  resultDescription: ResultDescription[];
}

export interface Evidence {
  type: ['Evidence'];
  name: string;
  narrative: string;
  genre?: string;
}

export interface OpenBadgeCredential {
  '@context': string[];
  /** W3C Bitstring Status List entry (core/status-list): revoked when a credit it states is reversed. */
  credentialStatus?: import('./status-list.js').StatusEntry;
  id: string;
  type: string[];
  issuer: { id: string; type: ['Profile']; name: string; url: string };
  validFrom: string;
  name: string;
  description: string;
  credentialSubject: {
    type: ['AchievementSubject'];
    /** Display name only. */
    name: string;
    identifier: IdentityObject[];
    activityStartDate: string;
    activityEndDate: string;
    achievement: Achievement;
    result: Result[];
  };
  evidence: Evidence[];
}

/** A credential as signed: the credential itself plus the JWT claims that restate it (VC-JOSE-COSE). */
export type SignedCredential = OpenBadgeCredential & { iss: string; iat: number; jti: string };

/** Who signs, which credential id and when: the same for every kind. */
export interface IssueContext {
  /** The platform's public base URL (the JWT `iss`). */
  issuer: string;
  /** A UUID; the credential id is `urn:uuid:<uuid>` (also the JWT `jti`). */
  uuid: string;
  issuedAt: Date;
}

export interface Party {
  code: string;
  name: Localised;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/** One string carrying both languages, as Open Badges names and descriptions are plain strings. */
export const bilingual = (t: Localised, sep = ' / '): string => `${t.th}${sep}${t.en}`;
const paragraphs = (t: Localised): string => bilingual(t, '\n');

/** Seconds precision, so `validFrom` and the JWT `iat` state the same instant. */
export function toValidFrom(at: Date): string {
  return new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
const hoursEn = (h: number): string => `${formatNumber(h)} hour${h === 1 ? '' : 's'}`;
const formatNumber = (n: number): string => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));
const base = (issuer: string): string => issuer.replace(/\/+$/, '');

function envelope(ctx: IssueContext, parts: Pick<OpenBadgeCredential, 'name' | 'description' | 'credentialSubject' | 'evidence'>): OpenBadgeCredential {
  return {
    '@context': [...VC_CONTEXT],
    id: `urn:uuid:${ctx.uuid}`,
    type: [...VC_TYPE],
    issuer: { id: ctx.issuer, type: ['Profile'], name: bilingual(PLATFORM_NAME), url: ctx.issuer },
    validFrom: toValidFrom(ctx.issuedAt),
    ...parts,
  };
}

function subjectOf(displayName: string) {
  return {
    type: ['AchievementSubject'] as ['AchievementSubject'],
    name: displayName,
    identifier: [{ type: 'IdentityObject' as const, identityType: 'name' as const, hashed: false as const, identityHash: displayName }],
  };
}

function resultDescription(achievementId: string, key: string, name: Localised, resultType: string, valueMax?: number): ResultDescription {
  return { id: `${achievementId}#${key}`, type: ['ResultDescription'], name: bilingual(name), resultType, ...(valueMax === undefined ? {} : { valueMax: String(valueMax) }) };
}

const result = (d: ResultDescription, value: number | string): Result => ({
  type: ['Result'],
  resultDescription: d.id,
  value: typeof value === 'number' ? formatNumber(value) : value,
});

const partyText = (p: Party): Localised => ({ th: `${p.name.th} (${p.code})`, en: `${p.name.en} (${p.code})` });

// ---------------------------------------------------------------------------------------------
// 1. One credit

export interface CreditFacts {
  indicator: {
    code: string;
    name: Localised;
    description?: Localised | undefined;
    domain: Domain;
    unit: 'occurrence' | 'hour';
    pointsPerUnit: number;
    certification: 'auto' | 'local';
    volunteering: boolean;
  };
  ruleVersion: number;
  points: number;
  /** Bangkok calendar day of the deed, YYYY-MM-DD. */
  day: string;
  occurredAt: string;
  issuer: Party;
  certifier: Party | null;
  logIndex: number | null;
  hours: number | null;
}

export function creditCredential(ctx: IssueContext, subject: { displayName: string }, f: CreditFacts): OpenBadgeCredential {
  const ind = f.indicator;
  const domain = DOMAIN_NAMES[ind.domain];
  const achievementId = `${base(ctx.issuer)}/api/v1/indicators/${encodeURIComponent(ind.code)}`;
  const points = resultDescription(achievementId, 'points', { th: 'คะแนน', en: 'Points' }, 'RawScore');
  const hours = resultDescription(achievementId, 'hours', { th: 'ชั่วโมง', en: 'Hours' }, 'ext:Hours');
  const unit: Localised = ind.unit === 'hour' ? { th: 'ต่อชั่วโมง', en: 'per hour' } : { th: 'ต่อครั้ง', en: 'per occurrence' };
  const certification: Localised =
    ind.certification === 'local'
      ? { th: 'ต้องได้รับการรับรองจากผู้รับรองในพื้นที่', en: 'certified by the local certifier of the area' }
      : { th: 'ได้รับเครดิตเมื่อหน่วยงานที่ได้รับอนุญาตบันทึก', en: 'credited when an authorised agency attests it' };
  const by = partyText(f.issuer);
  const cert = f.certifier ? partyText(f.certifier) : null;
  const log: Localised =
    f.logIndex === null
      ? { th: 'รอบันทึกลงบันทึกสาธารณะ', en: 'awaiting its place in the public log' }
      : { th: `ลำดับที่ ${f.logIndex} ในบันทึกสาธารณะ`, en: `entry ${f.logIndex} of the public transparency log` };
  const hoursText: Localised = f.hours === null ? { th: '', en: '' } : { th: ` ใช้เวลา ${formatNumber(f.hours)} ชั่วโมง`, en: ` taking ${hoursEn(f.hours)}` };

  return envelope(ctx, {
    name: bilingual({ th: `ใบรับรองความดี: ${ind.name.th}`, en: `Good-deed certificate: ${ind.name.en}` }),
    description: paragraphs({
      th: `ขอรับรองว่า ${subject.displayName} ได้ทำความดี "${ind.name.th}" เมื่อวันที่ ${thaiDate(f.day)}${hoursText.th} ได้รับ ${f.points} คะแนน ด้าน${domain.th} บันทึกโดย ${by.th}${cert ? ` รับรองโดย ${cert.th}` : ''} ตามกฎตัวชี้วัด ${ind.code} ฉบับที่ ${f.ruleVersion} (${log.th})`,
      en: `This certifies that ${subject.displayName} did the good deed "${ind.name.en}" on ${englishDate(f.day)}${hoursText.en} and earned ${f.points} points in ${domain.en}, attested by ${by.en}${cert ? ` and certified by ${cert.en}` : ''}, under version ${f.ruleVersion} of indicator ${ind.code} (${log.en}).`,
    }),
    credentialSubject: {
      ...subjectOf(subject.displayName),
      activityStartDate: f.day,
      activityEndDate: f.day,
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: ind.volunteering ? 'CommunityService' : 'ext:GoodDeed',
        name: bilingual(ind.name),
        description: paragraphs(
          ind.description ?? {
            th: `ความดีตามตัวชี้วัด ${ind.code} ด้าน${domain.th}`,
            en: `A good deed under indicator ${ind.code}, domain ${domain.en}`,
          },
        ),
        criteria: {
          narrative: paragraphs({
            th: `ตัวชี้วัด ${ind.code} ฉบับที่ ${f.ruleVersion}: ${ind.pointsPerUnit} คะแนน${unit.th} ${certification.th}`,
            en: `Indicator ${ind.code}, version ${f.ruleVersion}: ${ind.pointsPerUnit} points ${unit.en}, ${certification.en}.`,
          }),
        },
        humanCode: ind.code,
        version: String(f.ruleVersion),
        tag: [ind.domain],
        resultDescription: f.hours === null ? [points] : [points, hours],
      },
      result: f.hours === null ? [result(points, f.points)] : [result(points, f.points), result(hours, f.hours)],
    },
    evidence: [
      {
        type: ['Evidence'],
        name: bilingual({ th: 'บันทึกความดี', en: 'Deed record' }),
        genre: 'ext:Credit',
        narrative: paragraphs({
          th: `วันที่ ${thaiDate(f.day)} (${f.occurredAt}) · ตัวชี้วัด ${ind.code} ฉบับที่ ${f.ruleVersion} · ${f.points} คะแนน · ผู้บันทึก ${by.th} · ผู้รับรอง ${cert ? cert.th : '-'} · ${log.th}`,
          en: `${englishDate(f.day)} (${f.occurredAt}) · indicator ${ind.code} version ${f.ruleVersion} · ${f.points} points · attested by ${by.en} · certified by ${cert ? cert.en : '-'} · ${log.en}`,
        }),
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// 2. Volunteer hours of a year

export interface VolunteerDeed {
  indicator: { code: string; name: Localised };
  day: string;
  /** Hours the agency stated (or the quantity of an hourly indicator); null when none was given. */
  hours: number | null;
  issuer: Party;
}

export interface VolunteerHoursFacts {
  year: number;
  deeds: readonly VolunteerDeed[];
  /** The Bangkok day the figures are taken on, when the year is not over yet. */
  asOf: string | null;
}

export function totalVolunteerHours(deeds: readonly VolunteerDeed[]): number {
  return deeds.reduce((sum, d) => sum + (d.hours ?? 0), 0);
}

function yearSpan(year: number): { start: string; end: string; th: string; en: string } {
  return { start: `${year}-01-01`, end: `${year}-12-31`, th: `1 มกราคม – 31 ธันวาคม พ.ศ. ${toBuddhistEra(year)}`, en: `1 January to 31 December ${year}` };
}

function asOfText(asOf: string | null): Localised {
  return asOf ? { th: ` (ข้อมูล ณ วันที่ ${thaiDate(asOf)})`, en: ` (as of ${englishDate(asOf)})` } : { th: '', en: '' };
}

export function volunteerHoursCredential(ctx: IssueContext, subject: { displayName: string }, f: VolunteerHoursFacts): OpenBadgeCredential {
  const be = toBuddhistEra(f.year);
  const total = totalVolunteerHours(f.deeds);
  const withoutHours = f.deeds.filter((d) => d.hours === null).length;
  const span = yearSpan(f.year);
  const asOf = asOfText(f.asOf);
  const achievementId = `${base(ctx.issuer)}/achievements/volunteer-hours/${f.year}`;
  const hours = resultDescription(achievementId, 'hours', { th: 'ชั่วโมงจิตอาสา', en: 'Volunteer hours' }, 'ext:VolunteerHours');
  const deeds = resultDescription(achievementId, 'deeds', { th: 'จำนวนครั้งที่ทำกิจกรรมจิตอาสา', en: 'Volunteering deeds' }, 'ext:DeedCount');
  const year = resultDescription(achievementId, 'year', { th: 'ปีปฏิทิน (ค.ศ.)', en: 'Calendar year' }, 'ext:CalendarYear');
  const missing: Localised =
    withoutHours === 0
      ? { th: '', en: '' }
      : { th: ` โดย ${withoutHours} ครั้งไม่ได้ระบุจำนวนชั่วโมง จึงนับเป็นจำนวนครั้งแต่ไม่นับชั่วโมง`, en: `; ${withoutHours} of them stated no hours and count as deeds only` };

  return envelope(ctx, {
    name: bilingual({ th: `ใบรับรองชั่วโมงจิตอาสา ปี พ.ศ. ${be}`, en: `Volunteer hours certificate ${f.year}` }),
    description: paragraphs({
      th: `ขอรับรองว่า ${subject.displayName} ทำกิจกรรมจิตอาสารวม ${formatNumber(total)} ชั่วโมง จำนวน ${f.deeds.length} ครั้ง ระหว่างวันที่ ${span.th}${asOf.th}${missing.th} ใช้แสดงต่อหน่วยงานที่ขอหลักฐานชั่วโมงจิตอาสา เช่น กองทุนเงินให้กู้ยืมเพื่อการศึกษา (กยศ.)`,
      en: `This certifies that ${subject.displayName} did ${hoursEn(total)} of volunteering in ${plural(f.deeds.length, 'deed')} from ${span.en}${asOf.en}${missing.en}. For presenting to bodies that ask for volunteer hours, such as the Student Loan Fund (กยศ.).`,
    }),
    credentialSubject: {
      ...subjectOf(subject.displayName),
      activityStartDate: span.start,
      activityEndDate: span.end,
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'CommunityService',
        name: bilingual({ th: `ชั่วโมงจิตอาสา ปี พ.ศ. ${be}`, en: `Volunteer hours ${f.year}` }),
        description: paragraphs({
          th: 'ชั่วโมงกิจกรรมจิตอาสาที่ได้รับการรับรองและได้รับเครดิตในธนาคารความดี',
          en: 'Hours of volunteering attested and credited in the Khwamdee good-deed banks.',
        }),
        criteria: {
          narrative: paragraphs({
            th: `นับเฉพาะความดีที่ได้รับเครดิตแล้วของตัวชี้วัดประเภทจิตอาสา ระหว่างวันที่ ${span.th} (เวลาประเทศไทย) ตามจำนวนชั่วโมงที่หน่วยงานผู้บันทึกระบุ`,
            en: `Counts only credited deeds of volunteering indicators from ${span.en} (Bangkok time), with the hours stated by the attesting agency.`,
          }),
        },
        resultDescription: [hours, deeds, year],
      },
      result: [result(hours, total), result(deeds, f.deeds.length), result(year, String(f.year))],
    },
    evidence: f.deeds.map((d) => {
      const h: Localised = d.hours === null ? { th: 'ไม่ระบุชั่วโมง', en: 'hours not stated' } : { th: `${formatNumber(d.hours)} ชั่วโมง`, en: hoursEn(d.hours) };
      const by = partyText(d.issuer);
      return {
        type: ['Evidence'] as ['Evidence'],
        name: bilingual(d.indicator.name),
        genre: 'ext:VolunteeringDeed',
        narrative: paragraphs({
          th: `${thaiDate(d.day)} · ${h.th} · ${d.indicator.code} · บันทึกโดย ${by.th}`,
          en: `${englishDate(d.day)} · ${h.en} · ${d.indicator.code} · attested by ${by.en}`,
        }),
      };
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// 3. Annual statement

export interface StatementCredit {
  indicator: { code: string; name: Localised };
  domain: Domain;
  day: string;
  points: number;
  issuer: Party;
  logIndex: number | null;
}

export interface AnnualStatementFacts {
  year: number;
  /** The year's score, clamped to the scale. */
  score: number;
  earned: number;
  max: number;
  byDomain: Record<Domain, number>;
  credits: readonly StatementCredit[];
  asOf: string | null;
}

export function annualStatementCredential(ctx: IssueContext, subject: { displayName: string }, f: AnnualStatementFacts): OpenBadgeCredential {
  const be = toBuddhistEra(f.year);
  const span = yearSpan(f.year);
  const asOf = asOfText(f.asOf);
  const achievementId = `${base(ctx.issuer)}/achievements/annual-statement/${f.year}`;
  const score = resultDescription(achievementId, 'score', { th: 'คะแนนความดีประจำปี', en: 'Score of the year' }, 'RawScore', f.max);
  const domains = DOMAINS.map((d) => resultDescription(achievementId, `domain-${d}`, { th: `คะแนนด้าน${DOMAIN_NAMES[d].th}`, en: `Points in ${DOMAIN_NAMES[d].en}` }, 'RawScore'));
  const count = resultDescription(achievementId, 'credits', { th: 'จำนวนความดีที่ได้รับเครดิต', en: 'Credited deeds' }, 'ext:DeedCount');
  const year = resultDescription(achievementId, 'year', { th: 'ปีปฏิทิน (ค.ศ.)', en: 'Calendar year' }, 'ext:CalendarYear');
  const perDomain: Localised = {
    th: DOMAINS.map((d) => `ด้าน${DOMAIN_NAMES[d].th} ${f.byDomain[d]}`).join(', '),
    en: DOMAINS.map((d) => `${DOMAIN_NAMES[d].en} ${f.byDomain[d]}`).join(', '),
  };
  const notReceipt: Localised = {
    th: 'เอกสารนี้แสดงข้อเท็จจริงเกี่ยวกับความดีที่บันทึกไว้เท่านั้น ไม่ใช่ใบเสร็จรับเงิน ใบอนุโมทนาบัตร หรือหลักฐานการบริจาคตามประมวลรัษฎากร',
    en: 'This statement states recorded facts only; it is not a tax receipt, a donation receipt or proof of a donation under the Revenue Code.',
  };

  return envelope(ctx, {
    name: bilingual({ th: `รายงานสรุปความดีประจำปี พ.ศ. ${be} สำหรับประกอบการขอลดหย่อน`, en: `Annual good-deed statement ${f.year} for deduction claims` }),
    description: paragraphs({
      th: `${subject.displayName} มีคะแนนความดีปี พ.ศ. ${be} (${span.th}) ${f.score} คะแนน จากเต็ม ${f.max} คะแนน จากความดี ${f.credits.length} รายการ${asOf.th} แยกตามด้าน: ${perDomain.th} ใช้ประกอบการขอลดหย่อนหรือสิทธิประโยชน์ที่อ้างอิงคะแนนความดี ${notReceipt.th}`,
      en: `${subject.displayName} scored ${f.score} of ${f.max} points in ${f.year} (${span.en}) from ${plural(f.credits.length, 'credited deed')}${asOf.en}. By domain: ${perDomain.en}. For use when claiming deductions or privileges that refer to good-deed scores. ${notReceipt.en}`,
    }),
    credentialSubject: {
      ...subjectOf(subject.displayName),
      activityStartDate: span.start,
      activityEndDate: span.end,
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'ext:AnnualStatement',
        name: bilingual({ th: `รายงานสรุปความดีประจำปี พ.ศ. ${be}`, en: `Annual good-deed statement ${f.year}` }),
        description: paragraphs({
          th: `คะแนนความดีประจำปีและรายการความดีที่ได้รับเครดิต สำหรับใช้ประกอบการขอลดหย่อน ${notReceipt.th}`,
          en: `The year's good-deed score and the credited deeds, for use when claiming deductions. ${notReceipt.en}`,
        }),
        criteria: {
          narrative: paragraphs({
            th: `ผลรวมคะแนนของความดีที่ได้รับเครดิตระหว่างวันที่ ${span.th} (เวลาประเทศไทย) ไม่เกิน ${f.max} คะแนน ทุกรายการอยู่ในบันทึกสาธารณะที่ตรวจสอบได้`,
            en: `The sum of the points of deeds credited from ${span.en} (Bangkok time), capped at ${f.max}; every credit is in the verifiable public log.`,
          }),
        },
        resultDescription: [score, ...domains, count, year],
      },
      result: [result(score, f.score), ...DOMAINS.map((d, i) => result(domains[i]!, f.byDomain[d])), result(count, f.credits.length), result(year, String(f.year))],
    },
    evidence: f.credits.map((c) => {
      const by = partyText(c.issuer);
      const log: Localised = c.logIndex === null ? { th: 'รอบันทึก', en: 'log pending' } : { th: `บันทึกสาธารณะลำดับที่ ${c.logIndex}`, en: `log entry ${c.logIndex}` };
      return {
        type: ['Evidence'] as ['Evidence'],
        name: bilingual(c.indicator.name),
        genre: 'ext:Credit',
        narrative: paragraphs({
          th: `${thaiDate(c.day)} · ${c.indicator.code} · ${c.points} คะแนน · บันทึกโดย ${by.th} · ${log.th}`,
          en: `${englishDate(c.day)} · ${c.indicator.code} · ${c.points} points · attested by ${by.en} · ${log.en}`,
        }),
      };
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// Checking a verified payload

export type CredentialCheck = { ok: true; credential: SignedCredential & Record<string, unknown> } | { ok: false; problems: string[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * After the signature is verified: is the payload a Khwamdee certificate in the VC-JOSE-COSE form,
 * consistent between JWT claims and credential properties, and valid at `now`?
 */
export function checkCredential(header: { typ?: unknown }, payload: unknown, now: Date): CredentialCheck {
  const problems: string[] = [];
  if (header.typ !== CERTIFICATE_JWT_TYPE && header.typ !== CERTIFICATE_MEDIA_TYPE) problems.push(`typ is not ${CERTIFICATE_JWT_TYPE}`);
  if (!isObject(payload)) return { ok: false, problems: [...problems, 'payload is not a JSON object'] };
  const ctx = payload['@context'];
  if (!Array.isArray(ctx) || ctx[0] !== VC_CONTEXT[0] || !ctx.includes(VC_CONTEXT[1])) problems.push('@context is not VC 2.0 + Open Badges 3.0');
  const type = payload.type;
  if (!Array.isArray(type) || !VC_TYPE.every((t) => type.includes(t))) problems.push('type is not VerifiableCredential + OpenBadgeCredential');
  if ('vc' in payload || 'vp' in payload) problems.push('vc/vp claims must not be present');
  const issuer = payload.issuer;
  const issuerId = isObject(issuer) ? issuer.id : issuer;
  if (typeof issuerId !== 'string' || issuerId !== payload.iss) problems.push('issuer.id does not match iss');
  if (typeof payload.id !== 'string' || !payload.id.startsWith('urn:uuid:') || payload.id !== payload.jti) problems.push('id does not match jti');
  if (typeof payload.iat !== 'number') problems.push('iat is missing');
  const validFrom = typeof payload.validFrom === 'string' ? Date.parse(payload.validFrom) : Number.NaN;
  if (Number.isNaN(validFrom)) problems.push('validFrom is missing');
  else if (validFrom > now.getTime() + 5 * 60_000) problems.push('validFrom is in the future');
  if (typeof payload.validUntil === 'string' && Date.parse(payload.validUntil) < now.getTime()) problems.push('validUntil has passed');
  const subject = payload.credentialSubject;
  if (!isObject(subject) || !Array.isArray(subject.type) || !subject.type.includes('AchievementSubject')) problems.push('credentialSubject is not an AchievementSubject');
  else if (!isObject(subject.achievement) || typeof subject.achievement.name !== 'string') problems.push('credentialSubject.achievement has no name');
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, credential: payload as SignedCredential & Record<string, unknown> };
}

/** The lines a person reads when checking a certificate. */
export function summarise(c: OpenBadgeCredential): { achievement: string; subject: string; issuer: string; validFrom: string } {
  // Tolerant of other issuers' credentials that passed checkCredential but omit optional parts.
  const subject: unknown = c.credentialSubject.name;
  const issuer: unknown = c.issuer;
  const issuerText = isObject(issuer) ? (typeof issuer.name === 'string' ? `${issuer.name} <${String(issuer.id)}>` : String(issuer.id)) : String(issuer);
  return { achievement: c.credentialSubject.achievement.name, subject: typeof subject === 'string' ? subject : '(not named)', issuer: issuerText, validFrom: c.validFrom };
}
