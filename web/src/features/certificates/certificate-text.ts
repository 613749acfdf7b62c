// Reading a certificate for a person: the credential states everything in Thai and English in one
// string (Open Badges fields are plain strings), so these pick the reader's language; plus the file
// name a download gets and the certificate found in whatever was pasted or uploaded.
import type { Lang } from '../../i18n';

/** "Thai\nEnglish" (descriptions, narratives) → the reader's line. */
export function paragraphIn(text: string, lang: Lang): string {
  const i = text.indexOf('\n');
  if (i < 0) return text;
  return lang === 'th' ? text.slice(0, i) : text.slice(i + 1);
}

/** "Thai / English" (names) → the reader's half; both when the split is not clear-cut. */
export function nameIn(text: string, lang: Lang): string {
  const parts = text.split(' / ');
  if (parts.length !== 2) return text;
  return (lang === 'th' ? parts[0] : parts[1]) ?? text;
}

export type CertificateKind = 'credit' | 'volunteer-hours' | 'annual-statement';

/** The Buddhist Era year of a YYYY-MM-DD day, and the day itself in B.E. (2569-05-10). */
const beDay = (day: string) => {
  const y = Number(day.slice(0, 4)) + 543;
  return { year: String(y), day: `${y}${day.slice(4, 10)}` };
};

/** khwamdee-annual-statement-BE2569.jwt, khwamdee-credit-trc.blood.red-cell-BE2569-05-10.jwt */
export function certificateFileName(kind: CertificateKind, c: { credentialSubject: { activityStartDate: string; achievement: { humanCode?: string | undefined } } }): string {
  const start = beDay(c.credentialSubject.activityStartDate);
  if (kind !== 'credit') return `khwamdee-${kind}-BE${start.year}.jwt`;
  const code = (c.credentialSubject.achievement.humanCode ?? 'deed')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/\.{2,}/g, '.');
  return `khwamdee-credit-${code}-BE${start.day}.jwt`;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The compact JWS in what someone pasted or uploaded: the downloaded .jwt file, the JWT with spaces
 * or line breaks around or inside it (e-mail wraps long lines), or the API's JSON answer {jwt}.
 */
export function findCertificate(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const doc: unknown = JSON.parse(trimmed);
      const jwt = doc && typeof doc === 'object' ? (doc as { jwt?: unknown }).jwt : undefined;
      return typeof jwt === 'string' ? findCertificate(jwt) : undefined;
    } catch {
      return undefined;
    }
  }
  const joined = trimmed.replace(/\s+/g, '');
  return COMPACT_JWS.test(joined) ? joined : undefined;
}
