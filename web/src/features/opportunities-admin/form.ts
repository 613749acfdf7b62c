// The publish/edit form as data: values as typed, checked here for speed (the server stays the
// authority), turned into the API's body or a patch of only what changed, and the server's
// answers mapped back to the field they concern.
import type { paths } from '../../api/client';
import { safeHttpUrl } from '../catalogue/describe';

export type CreateBody = paths['/api/v1/opportunities']['post']['requestBody']['content']['application/json'];
export type PatchBody = paths['/api/v1/opportunities/{id}']['patch']['requestBody']['content']['application/json'];

export interface FormValues {
  titleTh: string;
  titleEn: string;
  descriptionTh: string;
  descriptionEn: string;
  indicator: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  placeName: string;
  placeAddress: string;
  area: string;
  capacity: string;
  phone: string;
  email: string;
  url: string;
}

/** A field's id in the form (for the error summary's links) and the key of its message. */
export interface Problem {
  field: keyof FormValues;
  key: string;
}

export const EMPTY: FormValues = {
  titleTh: '',
  titleEn: '',
  descriptionTh: '',
  descriptionEn: '',
  indicator: '',
  startDate: '',
  startTime: '',
  endDate: '',
  endTime: '',
  placeName: '',
  placeAddress: '',
  area: '',
  capacity: '',
  phone: '',
  email: '',
  url: '',
};

export const MAX_DAYS = 366;
const PHONE = /^\+?[0-9][0-9 ()-]{2,24}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const AREA = /^\d{2}(\d{2}(\d{2})?)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

/** A Bangkok wall-clock time as the API takes it (Thailand keeps +07:00 all year). */
export function bangkokInstant(date: string, time: string): string {
  return `${date}T${time}:00+07:00`;
}

/** An instant's Bangkok day and time, for the form's date and time inputs. */
export function bangkokParts(iso: string): { date: string; time: string } {
  const local = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

type Opportunity = {
  title: { th: string; en: string | null };
  description: { th: string; en: string | null } | null;
  indicator: { code: string };
  startsAt: string;
  endsAt: string;
  place: { name: string; address: string | null; areaCode: string };
  capacity: number | null;
  contact: { phone: string | null; email: string | null; url: string | null } | null;
};

export function fromOpportunity(o: Opportunity): FormValues {
  const start = bangkokParts(o.startsAt);
  const end = bangkokParts(o.endsAt);
  return {
    titleTh: o.title.th,
    titleEn: o.title.en ?? '',
    descriptionTh: o.description?.th ?? '',
    descriptionEn: o.description?.en ?? '',
    indicator: o.indicator.code,
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    placeName: o.place.name,
    placeAddress: o.place.address ?? '',
    area: o.place.areaCode,
    capacity: o.capacity === null ? '' : String(o.capacity),
    phone: o.contact?.phone ?? '',
    email: o.contact?.email ?? '',
    url: o.contact?.url ?? '',
  };
}

const validDay = (d: string) => DATE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
const validTime = (t: string) => TIME.test(t) && Number(t.slice(0, 2)) < 24 && Number(t.slice(3)) < 60;

/** What the form can tell before asking the server; `now` decides whether it has already ended. */
export function validate(v: FormValues, now: Date): Problem[] {
  const out: Problem[] = [];
  const p = (field: keyof FormValues, key: string) => out.push({ field, key });
  if (!v.titleTh.trim()) p('titleTh', 'titleTh');
  else if (v.titleTh.trim().length > 200) p('titleTh', 'tooLong200');
  if (v.titleEn.trim().length > 200) p('titleEn', 'tooLong200');
  if (v.descriptionEn.trim() && !v.descriptionTh.trim()) p('descriptionTh', 'descriptionTh');
  if (v.descriptionTh.trim().length > 4000) p('descriptionTh', 'tooLong4000');
  if (v.descriptionEn.trim().length > 4000) p('descriptionEn', 'tooLong4000');
  if (!v.indicator) p('indicator', 'indicator');
  const startOk = validDay(v.startDate) && validTime(v.startTime);
  const endOk = validDay(v.endDate) && validTime(v.endTime);
  if (!validDay(v.startDate)) p('startDate', 'startDate');
  else if (!validTime(v.startTime)) p('startTime', 'startTime');
  if (!validDay(v.endDate)) p('endDate', 'endDate');
  else if (!validTime(v.endTime)) p('endTime', 'endTime');
  if (startOk && endOk) {
    const start = Date.parse(bangkokInstant(v.startDate, v.startTime));
    const end = Date.parse(bangkokInstant(v.endDate, v.endTime));
    if (end <= start) p('endDate', 'endBeforeStart');
    else if (end - start > MAX_DAYS * 86_400_000) p('endDate', 'tooLongRun');
    else if (end <= now.getTime()) p('endDate', 'ended');
  }
  if (!v.placeName.trim()) p('placeName', 'placeName');
  else if (v.placeName.trim().length > 200) p('placeName', 'tooLong200');
  if (v.placeAddress.trim().length > 500) p('placeAddress', 'tooLong500');
  if (!AREA.test(v.area)) p('area', 'area');
  if (v.capacity.trim()) {
    const n = Number(v.capacity);
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000) p('capacity', 'capacity');
  }
  if (v.phone.trim() && !PHONE.test(v.phone.trim())) p('phone', 'phone');
  if (v.email.trim() && (!EMAIL.test(v.email.trim()) || v.email.trim().length > 254)) p('email', 'email');
  if (v.url.trim() && !safeHttpUrl(v.url.trim())) p('url', 'url');
  return out;
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

function titleOf(v: FormValues): CreateBody['title'] {
  const en = opt(v.titleEn);
  return { th: v.titleTh.trim(), ...(en ? { en } : {}) };
}
function descriptionOf(v: FormValues): CreateBody['description'] {
  if (!v.descriptionTh.trim()) return undefined;
  const en = opt(v.descriptionEn);
  return { th: v.descriptionTh.trim(), ...(en ? { en } : {}) };
}
function placeOf(v: FormValues): CreateBody['place'] {
  const address = opt(v.placeAddress);
  return { name: v.placeName.trim(), areaCode: v.area, ...(address ? { address } : {}) };
}
function contactOf(v: FormValues): CreateBody['contact'] {
  const phone = opt(v.phone);
  const email = opt(v.email);
  const url = opt(v.url);
  if (!phone && !email && !url) return undefined;
  return { ...(phone ? { phone } : {}), ...(email ? { email } : {}), ...(url ? { url } : {}) };
}

export function toCreateBody(v: FormValues, ref: string): CreateBody {
  const description = descriptionOf(v);
  const contact = contactOf(v);
  return {
    ref,
    title: titleOf(v),
    ...(description ? { description } : {}),
    indicator: v.indicator,
    startsAt: bangkokInstant(v.startDate, v.startTime),
    endsAt: bangkokInstant(v.endDate, v.endTime),
    place: placeOf(v),
    ...(v.capacity.trim() ? { capacity: Number(v.capacity) } : {}),
    ...(contact ? { contact } : {}),
  };
}

/** Only what changed; null clears an optional part. Empty when nothing changed. */
export function toPatch(v: FormValues, was: FormValues): PatchBody {
  const changed = (...keys: Array<keyof FormValues>) => keys.some((k) => v[k].trim() !== was[k].trim());
  const patch: PatchBody = {};
  if (changed('titleTh', 'titleEn')) patch.title = titleOf(v);
  if (changed('descriptionTh', 'descriptionEn')) patch.description = descriptionOf(v) ?? null;
  if (changed('indicator')) patch.indicator = v.indicator;
  if (changed('startDate', 'startTime')) patch.startsAt = bangkokInstant(v.startDate, v.startTime);
  if (changed('endDate', 'endTime')) patch.endsAt = bangkokInstant(v.endDate, v.endTime);
  if (changed('placeName', 'placeAddress', 'area')) patch.place = placeOf(v);
  if (changed('capacity')) patch.capacity = v.capacity.trim() ? Number(v.capacity) : null;
  if (changed('phone', 'email', 'url')) patch.contact = contactOf(v) ?? null;
  return patch;
}

const ISSUE_FIELDS: Array<[RegExp, keyof FormValues]> = [
  [/^body\.title\.en/, 'titleEn'],
  [/^body\.title/, 'titleTh'],
  [/^body\.description\.en/, 'descriptionEn'],
  [/^body\.description/, 'descriptionTh'],
  [/^body\.indicator/, 'indicator'],
  [/^body\.startsAt/, 'startDate'],
  [/^body\.endsAt/, 'endDate'],
  [/^body\.place\.areaCode/, 'area'],
  [/^body\.place\.address/, 'placeAddress'],
  [/^body\.place/, 'placeName'],
  [/^body\.capacity/, 'capacity'],
  [/^body\.contact\.email/, 'email'],
  [/^body\.contact\.url/, 'url'],
  [/^body\.contact/, 'phone'],
];

/** The form field a server validation issue (`body.contact.url`) concerns. */
export function fieldOfIssue(path: string): keyof FormValues | undefined {
  return ISSUE_FIELDS.find(([re]) => re.test(path))?.[1];
}

/** The form field a catalogue error code concerns, when it concerns one. */
export function fieldOfCode(code: string): keyof FormValues | undefined {
  switch (code) {
    case 'unknown_indicator':
    case 'out_of_scope':
    case 'indicator_not_in_force':
      return 'indicator';
    case 'opportunity_ended':
      return 'endDate';
    case 'area_not_found':
      return 'area';
    default:
      return undefined;
  }
}

/** A fresh idempotency key for one publication: a retry of the same form replays it, never duplicates. */
export function newRef(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(16));
  return `web-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
