// Dates and numbers as people read them: Buddhist Era in Thai (12 มี.ค. 2570), Bangkok time always.
import type { Lang } from '../i18n';

const TZ = 'Asia/Bangkok';
const cache = new Map<string, Intl.DateTimeFormat>();

function dtf(lang: Lang, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}:${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB', { timeZone: TZ, ...opts });
    cache.set(key, f);
  }
  return f;
}

export function formatDate(iso: string | Date, lang: Lang): string {
  return dtf(lang, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));
}

export function formatDateTime(iso: string | Date, lang: Lang): string {
  return dtf(lang, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** A Gregorian year as people read it: พ.ศ. 2569 in Thai, 2026 (B.E. 2569) in English. */
export function formatYear(year: number, lang: Lang): string {
  return lang === 'th' ? `พ.ศ. ${year + 543}` : `${year} (B.E. ${year + 543})`;
}

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB').format(n);
}

/** Whole days from `iso` until `now` (Bangkok calendar days are close enough for an age in a queue). */
export function daysSince(iso: string, now = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000));
}

/** The current Gregorian year in Bangkok. */
export function bangkokYear(now = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: TZ, year: 'numeric' }).format(now));
}
