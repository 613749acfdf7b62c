// The browser's first look at an evidence file, for a quick answer before any upload: photos and
// PDFs only, within the size the server accepts. A large phone photo is made smaller here (a
// cheap phone on a slow network uploads a few hundred kilobytes, not 8 MB); the server still
// checks the content and removes the photo's metadata whatever arrives.

/** What the server accepts (src/core/evidence.ts); it decides from the bytes, this is only a first look. */
export const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
/** The server's default limit (KHWAMDEE_EVIDENCE_LIMIT); a smaller configured limit answers evidence_too_large. */
export const MAX_BYTES = 5 * 1024 * 1024;
/** Photos above this are made smaller before upload. */
const SHRINK_ABOVE_BYTES = 1.5 * 1024 * 1024;
const MAX_SIDE = 2048;

export type FileProblem = 'type' | 'size' | 'empty';

export const isPdf = (type: string) => type === 'application/pdf';

/** The problem the browser can see already, if any. An unknown type ('') is left to the server. */
export function fileProblem(file: { type: string; size: number }, convertible = false): FileProblem | undefined {
  if (file.size === 0) return 'empty';
  const known = (ACCEPTED as readonly string[]).includes(file.type);
  if (file.type !== '' && !known && !(convertible && file.type.startsWith('image/'))) return 'type';
  if (isPdf(file.type) && file.size > MAX_BYTES) return 'size';
  return undefined;
}

/** Whether a photo should be re-drawn smaller (or as JPEG) before upload. */
export function needsShrinking(file: { type: string; size: number }): boolean {
  if (!file.type.startsWith('image/')) return false;
  return !(ACCEPTED as readonly string[]).includes(file.type) || file.size > SHRINK_ABOVE_BYTES;
}

/** Width and height scaled so that the longer side is at most `max`. */
export function scaledSize(width: number, height: number, max = MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * A smaller JPEG of the photo (turned upright by the browser as it decodes), or undefined when the
 * browser cannot decode it. The original is kept when re-drawing does not make it smaller.
 */
export async function shrinkPhoto(file: File): Promise<Blob | undefined> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return undefined;
  }
  const { width, height } = scaledSize(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
  if (!blob) return undefined;
  return (ACCEPTED as readonly string[]).includes(file.type) && blob.size >= file.size ? file : blob;
}

/** Makes the file ready to upload: the blob to send, or the problem to tell the person. */
export async function prepareFile(file: File): Promise<{ blob: Blob; type: string } | { problem: FileProblem }> {
  const first = fileProblem(file, true);
  if (first) return { problem: first };
  if (needsShrinking(file)) {
    const smaller = await shrinkPhoto(file);
    if (!smaller) {
      if (!(ACCEPTED as readonly string[]).includes(file.type)) return { problem: 'type' };
      return file.size <= MAX_BYTES ? { blob: file, type: file.type } : { problem: 'size' };
    }
    if (smaller.size > MAX_BYTES) return { problem: 'size' };
    return { blob: smaller, type: smaller.type || file.type };
  }
  if (file.size > MAX_BYTES) return { problem: 'size' };
  return { blob: file, type: file.type };
}
