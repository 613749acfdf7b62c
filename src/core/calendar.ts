// Years and days are counted in Asia/Bangkok (UTC+7 all year, no daylight saving since 1920),
// so a fixed offset is exact and avoids a time-zone database on the hot path.
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

export const BUDDHIST_ERA_OFFSET = 543;

export function bangkokYear(instant: Date): number {
  return new Date(instant.getTime() + BANGKOK_OFFSET_MS).getUTCFullYear();
}

/** Calendar day in Bangkok as YYYY-MM-DD. */
export function bangkokDay(instant: Date): string {
  return dayName(Math.floor((instant.getTime() + BANGKOK_OFFSET_MS) / 86_400_000));
}

// Every deed of an import asks for its day several times and most share a few days: the names
// of day numbers (days since 1970-01-01) are remembered, in a map bounded like MIDNIGHTS below.
const DAY_NAMES = new Map<number, string>();

/** YYYY-MM-DD of a day number; throws, as toISOString does, for NaN or a day out of range. */
function dayName(dayNumber: number): string {
  let name = DAY_NAMES.get(dayNumber);
  if (name === undefined) {
    name = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
    if (DAY_NAMES.size >= 10_000) DAY_NAMES.clear();
    DAY_NAMES.set(dayNumber, name);
  }
  return name;
}

export function toBuddhistEra(year: number): number {
  return year + BUDDHIST_ERA_OFFSET;
}

/** [start, end) of a Bangkok calendar year as UTC instants. */
export function bangkokYearBounds(year: number): { start: Date; end: Date } {
  return {
    start: new Date(Date.UTC(year, 0, 1) - BANGKOK_OFFSET_MS),
    end: new Date(Date.UTC(year + 1, 0, 1) - BANGKOK_OFFSET_MS),
  };
}

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * 86_400_000);
}

const THAI_MONTHS = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function splitDay(day: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`not a calendar day: ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** `2026-03-10` → `10 มีนาคม พ.ศ. 2569`. */
export function thaiDate(day: string): string {
  const [y, m, d] = splitDay(day);
  return `${d} ${THAI_MONTHS[m - 1]} พ.ศ. ${toBuddhistEra(y)}`;
}

/** `2026-03-10` → `10 March 2026`. */
export function englishDate(day: string): string {
  const [y, m, d] = splitDay(day);
  return `${d} ${ENGLISH_MONTHS[m - 1]} ${y}`;
}

/** Wall-clock time in Bangkok as HH:MM. */
export function bangkokTime(instant: Date): string {
  return new Date(instant.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(11, 16);
}

/** An instant as people in Thailand read it: `20 พฤศจิกายน พ.ศ. 2569 เวลา 10:00 น.` */
export function thaiDateTime(instant: Date): string {
  return `${thaiDate(bangkokDay(instant))} เวลา ${bangkokTime(instant)} น.`;
}

/** The same in English: `20 November 2026 at 10:00 (Bangkok time)`. */
export function englishDateTime(instant: Date): string {
  return `${englishDate(bangkokDay(instant))} at ${bangkokTime(instant)} (Bangkok time)`;
}

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar day written YYYY-MM-DD (2027-02-29 is not). */
export function isCalendarDay(text: string): boolean {
  const m = DAY_PATTERN.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

// Rules ask for the same few thousand days over and over (every deed's interval window): the
// parsed days are remembered, in a map bounded so that it cannot grow with the input.
const MIDNIGHTS = new Map<string, number>();
const MIDNIGHTS_MAX = 10_000;

function dayToUtcMidnight(day: string): number {
  const known = MIDNIGHTS.get(day);
  if (known !== undefined) return known;
  if (!isCalendarDay(day)) throw new Error(`not a calendar day: ${day}`);
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (MIDNIGHTS.size >= MIDNIGHTS_MAX) MIDNIGHTS.clear();
  MIDNIGHTS.set(day, ms);
  return ms;
}

/** The instant a Bangkok calendar day begins (00:00 +07:00). */
export function bangkokDayStart(day: string): Date {
  return new Date(dayToUtcMidnight(day) - BANGKOK_OFFSET_MS);
}

/** A calendar day `days` later (or earlier, if negative): 2026-12-18 + 84 → 2027-03-12. */
export function addCalendarDays(day: string, days: number): string {
  // Midnights are whole days since 1970, so the sum is a day number times DAY_MS.
  return dayName((dayToUtcMidnight(day) + days * DAY_MS) / DAY_MS);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayToUtcMidnight(to) - dayToUtcMidnight(from)) / DAY_MS);
}

// Month abbreviations as people read them (Intl with the Buddhist calendar; Latin digits).
const THAI_SHORT = new Intl.DateTimeFormat('th-TH-u-ca-buddhist-nu-latn', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
const ENGLISH_SHORT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });

/** A calendar day as people read it: `2027-03-12` → { th: '12 มี.ค. 2570', en: '12 Mar 2027' }. */
export function formatDay(day: string): { th: string; en: string } {
  const at = new Date(dayToUtcMidnight(day));
  return { th: THAI_SHORT.format(at), en: ENGLISH_SHORT.format(at) };
}
