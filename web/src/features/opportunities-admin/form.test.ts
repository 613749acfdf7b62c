import { describe, expect, it } from 'vitest';
import { EMPTY, type FormValues, bangkokInstant, bangkokParts, fieldOfCode, fieldOfIssue, fromOpportunity, newRef, toCreateBody, toPatch, validate } from './form';

const NOW = new Date('2026-11-20T03:00:00Z');
const filled: FormValues = {
  ...EMPTY,
  titleTh: ' รับบริจาคโลหิต ',
  indicator: 'trc.blood.red-cell',
  startDate: '2026-12-18',
  startTime: '08:30',
  endDate: '2026-12-18',
  endTime: '15:30',
  placeName: 'โรงพยาบาลจอมทอง',
  area: '500203',
};
const keys = (v: FormValues) => validate(v, NOW).map((p) => `${p.field}:${p.key}`);

describe('checking the form before sending', () => {
  it('accepts the smallest complete form', () => {
    expect(keys(filled)).toEqual([]);
  });

  it('names every missing required field', () => {
    expect(keys(EMPTY)).toEqual(['titleTh:titleTh', 'indicator:indicator', 'startDate:startDate', 'endDate:endDate', 'placeName:placeName', 'area:area']);
  });

  it.each([
    [{ endTime: '08:30' }, 'endDate:endBeforeStart'],
    [{ endDate: '2026-12-17' }, 'endDate:endBeforeStart'],
    [{ endDate: '2027-12-19' }, 'endDate:tooLongRun'],
    [{ startDate: '2026-11-01', endDate: '2026-11-01' }, 'endDate:ended'],
    [{ startDate: '2026-02-30' }, 'startDate:startDate'],
    [{ startTime: '25:00' }, 'startTime:startTime'],
    [{ capacity: '0' }, 'capacity:capacity'],
    [{ capacity: '2.5' }, 'capacity:capacity'],
    [{ phone: 'call me' }, 'phone:phone'],
    [{ email: 'nobody' }, 'email:email'],
    [{ url: 'javascript:alert(1)' }, 'url:url'],
    [{ url: 'redcross.or.th' }, 'url:url'],
    [{ descriptionEn: 'Only English' }, 'descriptionTh:descriptionTh'],
    [{ titleTh: 'ก'.repeat(201) }, 'titleTh:tooLong200'],
    [{ area: '5002031' }, 'area:area'],
  ] as const)('%j → %s', (change, problem) => {
    expect(keys({ ...filled, ...change })).toEqual([problem]);
  });
});

describe('what is sent', () => {
  it('sends Bangkok times with their offset, trimmed text and no empty optional parts', () => {
    expect(toCreateBody(filled, 'web-1')).toEqual({
      ref: 'web-1',
      title: { th: 'รับบริจาคโลหิต' },
      indicator: 'trc.blood.red-cell',
      startsAt: '2026-12-18T08:30:00+07:00',
      endsAt: '2026-12-18T15:30:00+07:00',
      place: { name: 'โรงพยาบาลจอมทอง', areaCode: '500203' },
    });
    expect(toCreateBody({ ...filled, capacity: '120', phone: '053-341 004', url: 'https://redcross.or.th' }, 'r')).toMatchObject({
      capacity: 120,
      contact: { phone: '053-341 004', url: 'https://redcross.or.th' },
    });
  });

  it('reads back the Bangkok day and time of an instant', () => {
    expect(bangkokParts('2026-12-18T01:30:00.000Z')).toEqual({ date: '2026-12-18', time: '08:30' });
    expect(bangkokParts('2026-12-17T18:00:00.000Z')).toEqual({ date: '2026-12-18', time: '01:00' });
    expect(Date.parse(bangkokInstant('2026-12-18', '08:30'))).toBe(Date.parse('2026-12-18T01:30:00Z'));
  });

  it('patches only what changed, clearing with null', () => {
    const was = fromOpportunity({
      title: { th: 'รับบริจาคโลหิต', en: null },
      description: { th: 'นำบัตรประชาชนมาด้วย', en: null },
      indicator: { code: 'trc.blood.red-cell' },
      startsAt: '2026-12-18T01:30:00.000Z',
      endsAt: '2026-12-18T08:30:00.000Z',
      place: { name: 'โรงพยาบาลจอมทอง', address: null, areaCode: '500203' },
      capacity: 100,
      contact: { phone: '053-341 004', email: null, url: null },
    });
    expect(toPatch(was, was)).toEqual({});
    expect(toPatch({ ...was, capacity: '150' }, was)).toEqual({ capacity: 150 });
    expect(toPatch({ ...was, capacity: '', phone: '', descriptionTh: '' }, was)).toEqual({ capacity: null, contact: null, description: null });
    expect(toPatch({ ...was, endTime: '16:00' }, was)).toEqual({ endsAt: '2026-12-18T16:00:00+07:00' });
    expect(toPatch({ ...was, area: '500204' }, was)).toEqual({ place: { name: 'โรงพยาบาลจอมทอง', areaCode: '500204' } });
  });
});

describe("the server's answers", () => {
  it.each([
    ['body.contact.url', 'url'],
    ['body.contact', 'phone'],
    ['body.title.th', 'titleTh'],
    ['body.title.en', 'titleEn'],
    ['body.place.areaCode', 'area'],
    ['body.place.name', 'placeName'],
    ['body.endsAt', 'endDate'],
    ['body.unknown', undefined],
  ])('issue at %s → field %s', (path, field) => {
    expect(fieldOfIssue(path)).toBe(field);
  });

  it('maps catalogue codes to their field', () => {
    expect(fieldOfCode('out_of_scope')).toBe('indicator');
    expect(fieldOfCode('opportunity_ended')).toBe('endDate');
    expect(fieldOfCode('area_not_found')).toBe('area');
    expect(fieldOfCode('forbidden')).toBeUndefined();
  });

  it('makes a new reference each time', () => {
    expect(newRef()).toMatch(/^web-[0-9a-f]{32}$/);
    expect(newRef()).not.toBe(newRef());
  });
});
