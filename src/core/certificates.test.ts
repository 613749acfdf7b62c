import { describe, expect, it } from 'vitest';
import {
  VC_CONTEXT,
  annualStatementCredential,
  checkCredential,
  creditCredential,
  englishDate,
  thaiDate,
  toValidFrom,
  totalVolunteerHours,
  volunteerHoursCredential,
  type CreditFacts,
  type OpenBadgeCredential,
} from './certificates.js';

const ISSUER = 'https://khwamdee.example/';
const ctx = { issuer: ISSUER, uuid: '0190f7c2-1111-7000-8000-000000000001', issuedAt: new Date('2026-11-20T03:00:00.456Z') };
const NATIONAL_ID = '1101700203451';
const subject = { displayName: 'สมชาย ใจดี' };
const trc = { code: 'trc', name: { th: 'สภากาชาดไทย', en: 'Thai Red Cross Society' } };
const khuangpao = { code: 'khuangpao', name: { th: 'องค์การบริหารส่วนตำบลข่วงเปา', en: 'Khuang Pao SAO' } };

const credit: CreditFacts = {
  indicator: {
    code: 'trc.blood.red-cell',
    name: { th: 'บริจาคโลหิต (เม็ดเลือดแดง)', en: 'Red-cell blood donation' },
    domain: 'health',
    unit: 'occurrence',
    pointsPerUnit: 70,
    certification: 'auto',
    volunteering: false,
  },
  ruleVersion: 1,
  points: 70,
  day: '2026-03-10',
  occurredAt: '2026-03-10T02:00:00.000Z',
  issuer: trc,
  certifier: null,
  logIndex: 12,
  hours: null,
};

const THAI = /[\u0E00-\u0E7F]/;
const LATIN_WORD = /[A-Za-z]{3,}/;
const bothLanguages = (s: string) => {
  expect(s).toMatch(THAI);
  expect(s).toMatch(LATIN_WORD);
};

function expectEnvelope(c: OpenBadgeCredential) {
  expect(c['@context']).toEqual([...VC_CONTEXT]);
  expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
  expect(c.id).toBe(`urn:uuid:${ctx.uuid}`);
  expect(c.issuer).toMatchObject({ id: ISSUER, type: ['Profile'] });
  expect(c.validFrom).toBe('2026-11-20T03:00:00Z');
  expect(c.credentialSubject.type).toEqual(['AchievementSubject']);
  expect(c.credentialSubject.name).toBe('สมชาย ใจดี');
  expect(c.credentialSubject.identifier).toEqual([{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'สมชาย ใจดี' }]);
  const a = c.credentialSubject.achievement;
  expect(a.type).toEqual(['Achievement']);
  expect(a.id).toMatch(/^https:\/\/khwamdee\.example\/[^/]/);
  for (const text of [c.issuer.name, c.name, c.description, a.name, a.description, a.criteria.narrative, ...c.evidence.flatMap((e) => [e.name, e.narrative])]) bothLanguages(text);
  // Every result points at a result description of the achievement.
  const described = new Set(a.resultDescription.map((d) => d.id));
  for (const r of c.credentialSubject.result) expect(described.has(r.resultDescription)).toBe(true);
  // Display name only: no national ID, no digits run that could be one.
  const json = JSON.stringify(c);
  expect(json).not.toContain(NATIONAL_ID);
  expect(json).not.toMatch(/\d{13}/);
  expect(json).not.toMatch(/"vc"|"proof"/);
}

const resultValue = (c: OpenBadgeCredential, key: string) => c.credentialSubject.result.find((r) => r.resultDescription.endsWith(`#${key}`))?.value;

describe('certificate shaping', () => {
  it('writes dates in the Buddhist Era for Thai readers and in English', () => {
    expect(thaiDate('2026-03-10')).toBe('10 มีนาคม พ.ศ. 2569');
    expect(thaiDate('2027-12-31')).toBe('31 ธันวาคม พ.ศ. 2570');
    expect(englishDate('2026-03-10')).toBe('10 March 2026');
    expect(toValidFrom(new Date('2026-01-01T00:00:00.999Z'))).toBe('2026-01-01T00:00:00Z');
  });

  it('shapes a credit as an Open Badges 3.0 achievement with points, date, issuer, rule version and log index', () => {
    const c = creditCredential(ctx, subject, credit);
    expectEnvelope(c);
    const a = c.credentialSubject.achievement;
    expect(a.id).toBe('https://khwamdee.example/api/v1/indicators/trc.blood.red-cell');
    expect(a.name).toBe('บริจาคโลหิต (เม็ดเลือดแดง) / Red-cell blood donation');
    expect(a).toMatchObject({ humanCode: 'trc.blood.red-cell', version: '1', achievementType: 'ext:GoodDeed', tag: ['health'] });
    expect(resultValue(c, 'points')).toBe('70');
    expect(c.credentialSubject).toMatchObject({ activityStartDate: '2026-03-10', activityEndDate: '2026-03-10' });
    expect(c.description).toContain('10 มีนาคม พ.ศ. 2569');
    expect(c.description).toContain('10 March 2026');
    expect(c.description).toContain('สภากาชาดไทย (trc)');
    expect(c.description).toContain('Thai Red Cross Society (trc)');
    expect(c.description).toContain('entry 12 of the public transparency log');
    expect(c.evidence[0]!.narrative).toContain('version 1');
  });

  it('names the certifier and hours of a certified volunteering credit', () => {
    const c = creditCredential(ctx, subject, {
      ...credit,
      indicator: {
        ...credit.indicator,
        code: 'nat.person.volunteer',
        name: { th: 'ทำกิจกรรมจิตอาสา', en: 'Volunteering' },
        domain: 'community',
        volunteering: true,
        certification: 'local',
        pointsPerUnit: 30,
      },
      points: 30,
      certifier: khuangpao,
      hours: 2.5,
      logIndex: null,
    });
    expectEnvelope(c);
    expect(c.credentialSubject.achievement.achievementType).toBe('CommunityService');
    expect(resultValue(c, 'hours')).toBe('2.5');
    expect(c.description).toContain('certified by Khuang Pao SAO (khuangpao)');
    expect(c.description).toContain('awaiting its place in the public log');
  });

  it('totals volunteer hours of a year, counting deeds without stated hours as deeds only', () => {
    const deeds = [
      { indicator: { code: 'nat.person.volunteer', name: { th: 'ทำกิจกรรมจิตอาสา', en: 'Volunteering' } }, day: '2026-02-01', hours: 3, issuer: khuangpao },
      { indicator: { code: 'nat.person.volunteer', name: { th: 'ทำกิจกรรมจิตอาสา', en: 'Volunteering' } }, day: '2026-04-01', hours: 4.5, issuer: khuangpao },
      { indicator: { code: 'khuangpao.recreation-service', name: { th: 'บริการสาธารณะ', en: 'Public service' } }, day: '2026-05-01', hours: null, issuer: khuangpao },
    ];
    expect(totalVolunteerHours(deeds)).toBe(7.5);
    const c = volunteerHoursCredential(ctx, subject, { year: 2026, deeds, asOf: '2026-11-20' });
    expectEnvelope(c);
    expect(resultValue(c, 'hours')).toBe('7.5');
    expect(resultValue(c, 'deeds')).toBe('3');
    expect(resultValue(c, 'year')).toBe('2026');
    expect(c.name).toBe('ใบรับรองชั่วโมงจิตอาสา ปี พ.ศ. 2569 / Volunteer hours certificate 2026');
    expect(c.credentialSubject).toMatchObject({ activityStartDate: '2026-01-01', activityEndDate: '2026-12-31' });
    expect(c.description).toContain('กยศ.');
    expect(c.description).toContain('as of 20 November 2026');
    expect(c.description).toContain('1 of them stated no hours');
    expect(c.evidence).toHaveLength(3);
    expect(c.evidence[1]!.narrative).toContain('1 เมษายน พ.ศ. 2569 · 4.5 ชั่วโมง');
  });

  it('states the annual score, points per domain and every credit, and says it is not a tax receipt', () => {
    const byDomain = { health: 140, learning: 0, community: 30, safety: 0, environment: 0 };
    const credits = [
      { indicator: { code: 'trc.blood.red-cell', name: credit.indicator.name }, domain: 'health' as const, day: '2026-01-10', points: 70, issuer: trc, logIndex: 3 },
      { indicator: { code: 'trc.blood.red-cell', name: credit.indicator.name }, domain: 'health' as const, day: '2026-04-10', points: 70, issuer: trc, logIndex: 9 },
      {
        indicator: { code: 'nat.person.volunteer', name: { th: 'ทำกิจกรรมจิตอาสา', en: 'Volunteering' } },
        domain: 'community' as const,
        day: '2026-05-01',
        points: 30,
        issuer: khuangpao,
        logIndex: null,
      },
    ];
    const c = annualStatementCredential(ctx, subject, { year: 2026, score: 170, earned: 170, max: 1000, byDomain, credits, asOf: null });
    expectEnvelope(c);
    expect(resultValue(c, 'score')).toBe('170');
    expect(resultValue(c, 'domain-health')).toBe('140');
    expect(resultValue(c, 'domain-community')).toBe('30');
    expect(resultValue(c, 'domain-safety')).toBe('0');
    expect(resultValue(c, 'credits')).toBe('3');
    expect(c.credentialSubject.achievement.resultDescription.find((d) => d.id.endsWith('#score'))?.valueMax).toBe('1000');
    expect(c.name).toContain('พ.ศ. 2569');
    expect(c.name).toContain('for deduction claims');
    expect(c.description).toContain('not a tax receipt');
    expect(c.description).toContain('ไม่ใช่ใบเสร็จรับเงิน');
    expect(c.evidence.map((e) => e.narrative.split('\n')[1])).toEqual([
      '10 January 2026 · trc.blood.red-cell · 70 points · attested by Thai Red Cross Society (trc) · log entry 3',
      '10 April 2026 · trc.blood.red-cell · 70 points · attested by Thai Red Cross Society (trc) · log entry 9',
      '1 May 2026 · nat.person.volunteer · 30 points · attested by Khuang Pao SAO (khuangpao) · log pending',
    ]);
  });

  it('accepts a payload whose JWT claims agree with the credential, and names what is wrong otherwise', () => {
    const c = creditCredential(ctx, subject, credit);
    const payload = { ...c, iss: ISSUER, jti: c.id, iat: Math.floor(ctx.issuedAt.getTime() / 1000) };
    const now = new Date('2026-11-21T00:00:00Z');
    expect(checkCredential({ typ: 'vc+jwt' }, payload, now).ok).toBe(true);
    const problems = (h: { typ?: unknown }, p: unknown, at = now) => {
      const r = checkCredential(h, p, at);
      return r.ok ? [] : r.problems;
    };
    expect(problems({ typ: 'JWT' }, payload)).toEqual(['typ is not vc+jwt']);
    expect(problems({ typ: 'vc+jwt' }, { ...payload, iss: 'https://elsewhere.example' })).toEqual(['issuer.id does not match iss']);
    expect(problems({ typ: 'vc+jwt' }, { ...payload, jti: 'urn:uuid:other' })).toEqual(['id does not match jti']);
    const { iat: _iat, ...withoutIat } = payload;
    expect(problems({ typ: 'vc+jwt' }, withoutIat)).toEqual(['iat is missing']);
    expect(problems({ typ: 'vc+jwt' }, { ...payload, vc: c })).toEqual(['vc/vp claims must not be present']);
    expect(problems({ typ: 'vc+jwt' }, { ...payload, type: ['VerifiableCredential'] })).toEqual(['type is not VerifiableCredential + OpenBadgeCredential']);
    expect(problems({ typ: 'vc+jwt' }, payload, new Date('2026-11-19T00:00:00Z'))).toEqual(['validFrom is in the future']);
    expect(problems({ typ: 'vc+jwt' }, 'text')).toContain('payload is not a JSON object');
  });
});
