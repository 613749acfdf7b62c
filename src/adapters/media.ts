// Reading what a file really is (magic bytes, with file-type) and re-encoding photos without their
// metadata (sharp/libvips). Re-encoding drops EXIF (GPS position, camera serial, time), XMP and IPTC:
// DESIGN §1 "no location tracking" applies to photos people upload too. The picture is turned upright
// first, since the orientation tag goes with the rest.
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata } from 'sharp';
import type { EvidenceMediaType } from '../core/evidence.js';

/** file-type's own sample size: every accepted type is recognised within it, and no archive is unpacked. */
const DETECTION_BYTES = 4100;

/** The media type the content shows, or undefined when file-type recognises nothing (text, HTML, SVG…). */
export async function detectMediaType(bytes: Uint8Array): Promise<string | undefined> {
  return (await fileTypeFromBuffer(bytes.subarray(0, DETECTION_BYTES)))?.mime;
}

export type CleanedPhoto = { ok: true; bytes: Buffer; width: number; height: number } | { ok: false; reason: 'unreadable' | 'too_many_pixels' | 'animated' };

/** Decodes a photo (refusing a canvas over `maxPixels` before decoding it) and writes it again without metadata. */
export async function cleanPhoto(bytes: Uint8Array, type: Exclude<EvidenceMediaType, 'application/pdf'>, maxPixels: number): Promise<CleanedPhoto> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  if (!meta.width || !meta.height) return { ok: false, reason: 'unreadable' };
  if (meta.width * meta.height > maxPixels) return { ok: false, reason: 'too_many_pixels' };
  if ((meta.pages ?? 1) > 1) return { ok: false, reason: 'animated' };
  try {
    const image = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'truncated' }).autoOrient();
    const encoded = type === 'image/jpeg' ? image.jpeg({ quality: 90 }) : type === 'image/png' ? image.png({ compressionLevel: 9 }) : image.webp({ quality: 90 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { ok: true, bytes: data, width: info.width, height: info.height };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}
