// What the platform accepts as an evidence file, decided from the file's content, never from the
// name or the content type the client declared.

/** Photos and PDF documents. No SVG (it can carry script), no archives, no office files. */
export const EVIDENCE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

export const DEFAULT_EVIDENCE_LIMIT = 5 * 1024 * 1024;

/**
 * Largest photo decoded, in pixels (a 48-megapixel phone photo fits). A small file that claims a
 * huge canvas is a decompression bomb: refused before any pixel is decoded.
 */
export const MAX_EVIDENCE_PIXELS = 50_000_000;

/** New uploads per person per Bangkok day: the disk is shared, and a bank may run on one laptop. */
export const MAX_UPLOADS_PER_DAY = 50;

/** How many files one declaration may reference. */
export const MAX_FILES_PER_DEED = 5;

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function acceptedMediaType(detected: string | undefined): EvidenceMediaType | undefined {
  return EVIDENCE_MEDIA_TYPES.find((t) => t === detected);
}

export function isPhoto(t: EvidenceMediaType): t is Exclude<EvidenceMediaType, 'application/pdf'> {
  return t !== 'application/pdf';
}

const EXTENSIONS: Record<EvidenceMediaType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };

/**
 * Photos may show inline (an <img> in the certifier's console); a PDF is always a download, so a
 * browser never renders it in the platform's origin. The name is made up: uploaded names are not kept.
 */
export function contentDisposition(t: EvidenceMediaType, sha256: string): string {
  const name = `evidence-${sha256.slice(0, 12)}.${EXTENSIONS[t]}`;
  return `${isPhoto(t) ? 'inline' : 'attachment'}; filename="${name}"`;
}

/** The link a client follows to read an evidence file back (access is checked there). */
export function evidencePath(accountId: string, sha256: string): string {
  return `/api/v1/accounts/${accountId}/evidence/${sha256}`;
}
