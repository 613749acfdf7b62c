// Pure helpers that turn the catalogue's data into what a person reads: links that are safe to
// follow, caps in words, who attests an indicator, times in Bangkok with the Buddhist Era.
import type { Lang } from '../../i18n';

const TZ = 'Asia/Bangkok';

/** An absolute http(s) link without credentials, or null: nothing else becomes an href. */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || !url.hostname) return null;
  return url.href;
}

/** A phone number as a tel: link (digits and a leading +), or null when nothing dialable is left. */
export function telHref(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.trim().replace(/(?!^\+)[^0-9]/g, '');
  return /^\+?[0-9]{3,}$/.test(digits) ? `tel:${digits}` : null;
}

/** The same rule the platform applies: "trc.*" covers trc.blood.red-cell; otherwise exact codes. */
export function matchesScope(scopes: readonly string[], code: string): boolean {
  return scopes.some((s) => (s.endsWith('.*') ? code.startsWith(s.slice(0, -1)) : s === code));
}

export interface Caps {
  maxPerYear?: number | undefined;
  minIntervalDays?: number | undefined;
  oncePerLifetime?: boolean | undefined;
  maxPointsPerYear?: number | undefined;
}

/** Each cap as a message key of the indicators namespace with its number. */
export function capsInWords(caps: Caps): Array<{ key: string; count?: number }> {
  const out: Array<{ key: string; count?: number }> = [];
  if (caps.oncePerLifetime) out.push({ key: 'caps.oncePerLifetime' });
  if (caps.maxPerYear !== undefined) out.push({ key: 'caps.maxPerYear', count: caps.maxPerYear });
  if (caps.minIntervalDays !== undefined) out.push({ key: 'caps.minIntervalDays', count: caps.minIntervalDays });
  if (caps.maxPointsPerYear !== undefined) out.push({ key: 'caps.maxPointsPerYear', count: caps.maxPointsPerYear });
  return out;
}

/** The Bangkok calendar day of an instant, YYYY-MM-DD (Thailand keeps +07:00 all year). */
export function bangkokDayOf(iso: string): string {
  return new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);
}

const formats = new Map<string, Intl.DateTimeFormat>();
function dtf(lang: Lang, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}:${JSON.stringify(opts)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB', { timeZone: TZ, ...opts });
    formats.set(key, f);
  }
  return f;
}

/** "ศ. 18 ธ.ค. 2569" / "Fri 18 Dec 2026": a day with its weekday, Buddhist Era in Thai. */
export function dayWithWeekday(iso: string, lang: Lang): string {
  return dtf(lang, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));
}

/** "08:30" in Bangkok, 24-hour clock. */
export function clockTime(iso: string, lang: Lang): string {
  return dtf(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** When an opportunity runs: one day with two times, or two days with their times. */
export function schedule(startsAt: string, endsAt: string, lang: Lang): { sameDay: boolean; date: string; from: string; to: string; endDate: string } {
  return {
    sameDay: bangkokDayOf(startsAt) === bangkokDayOf(endsAt),
    date: dayWithWeekday(startsAt, lang),
    from: clockTime(startsAt, lang),
    to: clockTime(endsAt, lang),
    endDate: dayWithWeekday(endsAt, lang),
  };
}
