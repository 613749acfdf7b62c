// Reads the one file of a multipart/form-data upload into memory (the size limit stops it early),
// answering every way it can go wrong from the error catalogue.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';

const MULTIPART_ERRORS: Record<string, (maxBytes: number) => AppError> = {
  FST_REQ_FILE_TOO_LARGE: (maxBytes) => new AppError('evidence_too_large', { maxBytes }),
  FST_FILES_LIMIT: () => new AppError('evidence_one_file'),
  FST_PARTS_LIMIT: () => new AppError('validation_failed', { issues: [{ path: 'body', message: 'too many form parts' }] }),
  FST_FIELDS_LIMIT: () => new AppError('validation_failed', { issues: [{ path: 'body', message: 'too many form fields' }] }),
  FST_PROTO_VIOLATION: () => new AppError('validation_failed', { issues: [{ path: 'body', message: 'field name not allowed' }] }),
  FST_INVALID_MULTIPART_CONTENT_TYPE: () => new AppError('multipart_required'),
  FST_MP_PREMATURE_CLOSE: () => new AppError('validation_failed', { issues: [{ path: 'body', message: 'the upload ended early' }] }),
};

export async function readOneFile(req: FastifyRequest, maxBytes: number): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('multipart_required');
  let file: Buffer | undefined;
  try {
    for await (const part of req.parts()) {
      // Text fields are not part of this API; they are read (small, limited) and not kept.
      if (part.type !== 'file') continue;
      if (file !== undefined) throw new AppError('evidence_one_file');
      if (part.fieldname !== 'file') {
        await part.toBuffer();
        throw new AppError('evidence_file_missing', { field: part.fieldname });
      }
      file = await part.toBuffer();
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    const mapped = code ? MULTIPART_ERRORS[code] : undefined;
    if (mapped) throw mapped(maxBytes);
    // busboy's own parse errors (no boundary, truncated form…) are bad input, not a server fault.
    if (err instanceof Error && /multipart|boundary|unexpected end/i.test(err.message))
      throw new AppError('validation_failed', { issues: [{ path: 'body', message: 'not a valid multipart/form-data body' }] });
    throw err;
  }
  if (file === undefined) throw new AppError('evidence_file_missing');
  return file;
}
