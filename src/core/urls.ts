// Links people and partners give us: absolute http(s) only, no credentials in them. Checking a
// URL never fetches it; where it points (even 169.254.169.254) is the reader's concern.
export type UrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/** An absolute http(s) URL without credentials, normalised; the fragment is dropped. */
export function checkHttpUrl(raw: string, maxLength = 2000): UrlCheck {
  if (raw.length > maxLength) return { ok: false, reason: `longer than ${maxLength} characters` };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'only http and https URLs' };
  if (url.username || url.password) return { ok: false, reason: 'credentials are not allowed in the URL' };
  if (!url.hostname) return { ok: false, reason: 'no host' };
  url.hash = '';
  return { ok: true, url: url.toString() };
}
