// Evidence files for self-declarations: a person uploads a photo or a PDF, which is checked by its
// content, stored by hash outside the database (photos without their metadata), and then referenced
// by a declaration. Only the person and the certifier of their area read it back.
import type { AccessRecorder } from './access-log.js';
import type { Kysely } from 'kysely';
import { canAccess, type Principal } from '../core/access.js';
import { AppError } from '../core/errors.js';
import { bangkokDay, bangkokDayStart } from '../core/calendar.js';
import { acceptedMediaType, isPhoto, MAX_EVIDENCE_PIXELS, MAX_UPLOADS_PER_DAY, SHA256_HEX, type EvidenceMediaType } from '../core/evidence.js';
import type { Clock } from '../adapters/clock.js';
import type { BlobStore } from '../adapters/files.js';
import { cleanPhoto, detectMediaType } from '../adapters/media.js';
import type { Database } from '../store/schema.js';
import { accountsRepo } from '../store/repos/accounts.js';
import { evidenceRepo } from '../store/repos/evidence.js';

export interface UploadedEvidence {
  sha256: string;
  mediaType: EvidenceMediaType;
  size: number;
  /** True for photos: EXIF (incl. GPS), XMP and IPTC were removed before storing. */
  metadataRemoved: boolean;
  /** False when the person had already uploaded exactly this file. */
  created: boolean;
}

export interface EvidenceService {
  /** Largest accepted upload in bytes (KHWAMDEE_EVIDENCE_LIMIT). */
  readonly maxBytes: number;
  upload(principal: Principal, accountId: string, bytes: Buffer): Promise<UploadedEvidence>;
  read(principal: Principal, accountId: string, sha256: string): Promise<{ bytes: Buffer; mediaType: EvidenceMediaType; sha256: string }>;
}

export function createEvidenceService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  files: BlobStore;
  maxBytes: number;
  maxPixels?: number;
  maxPerDay?: number;
  access: AccessRecorder;
}): EvidenceService {
  const { db, clock, files, maxBytes, access } = deps;
  const maxPixels = deps.maxPixels ?? MAX_EVIDENCE_PIXELS;
  const maxPerDay = deps.maxPerDay ?? MAX_UPLOADS_PER_DAY;
  return {
    maxBytes,

    async upload(principal, accountId, bytes) {
      if (!canAccess(principal, 'evidence.upload', { kind: 'account', id: accountId })) throw new AppError('account_not_found');
      const account = await accountsRepo.findById(db, accountId);
      if (account?.status !== 'active') throw new AppError('account_not_found');
      if (bytes.length === 0) throw new AppError('evidence_empty');
      const now = clock.now();
      // A soft daily quota (two uploads racing may both pass): enough for any deed, not for filling the disk.
      if ((await evidenceRepo.countSince(db, accountId, bangkokDayStart(bangkokDay(now)).toISOString())) >= maxPerDay) throw new AppError('evidence_quota_exceeded', { maxPerDay });
      if (bytes.length > maxBytes) throw new AppError('evidence_too_large', { maxBytes });
      // The declared content type and the file name are the client's word; the bytes decide.
      const detected = await detectMediaType(bytes);
      const mediaType = acceptedMediaType(detected);
      if (!mediaType) throw new AppError('evidence_type_not_allowed', { detected: detected ?? null });
      let stored: Buffer = bytes;
      if (isPhoto(mediaType)) {
        const cleaned = await cleanPhoto(bytes, mediaType, maxPixels);
        if (!cleaned.ok) {
          if (cleaned.reason === 'too_many_pixels') throw new AppError('evidence_too_large', { maxPixels });
          if (cleaned.reason === 'animated') throw new AppError('evidence_type_not_allowed', { detected, animated: true });
          throw new AppError('evidence_unreadable', { mediaType });
        }
        stored = cleaned.bytes;
      }
      // File first, row second: a crash in between leaves an unreferenced file, never a row without its file.
      const sha256 = await files.put(stored);
      const created = await evidenceRepo.insertIfNew(db, { account_id: accountId, sha256, media_type: mediaType, size: stored.length, created_at: now.toISOString() });
      return { sha256, mediaType, size: stored.length, metadataRemoved: isPhoto(mediaType), created };
    },

    async read(principal, accountId, sha256) {
      if (!SHA256_HEX.test(sha256)) throw new AppError('evidence_not_found');
      const [account, row] = await Promise.all([accountsRepo.findById(db, accountId), evidenceRepo.find(db, accountId, sha256)]);
      if (!account || !row) throw new AppError('evidence_not_found');
      const file = (attachedToDeed: boolean) => ({ kind: 'evidence', owner: { id: account.id, areaCode: account.area_code }, attachedToDeed }) as const;
      // What the gate allows of an unattached file needs no look-up of the deeds.
      const allowed =
        canAccess(principal, 'evidence.read', file(false)) || ((await evidenceRepo.isAttached(db, accountId, sha256)) && canAccess(principal, 'evidence.read', file(true)));
      if (!allowed) throw new AppError('evidence_not_found');
      if (account.restricted_at && !canAccess(principal, 'account.restricted.read', { kind: 'account', id: account.id }))
        throw new AppError('processing_restricted', { since: account.restricted_at });
      await access.record(principal, [account.id]);
      const bytes = await files.get(sha256);
      const mediaType = acceptedMediaType(row.media_type);
      if (!bytes || !mediaType) throw new Error(`evidence file ${sha256} is recorded but missing from the file store`);
      return { bytes, mediaType, sha256 };
    },
  };
}
