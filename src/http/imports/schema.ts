import { Readable } from 'node:stream';
import { z } from 'zod';
import { IMPORT_FORMATS, IMPORT_STATUSES } from '../../core/imports.js';
import { localisedText } from '../common.js';

export const IMPORT_DOC = [
  'Upload a file of attestations as the raw request body: `Content-Type: text/csv` (UTF-8, header row, optional BOM) or',
  '`application/x-ndjson` (one POST /api/v1/attestations body per line) or `application/xml` (<attestations> in the namespace',
  'urn:khwamdee:exchange:attestations:1, no DOCTYPE). The formats are described at /docs/exchange (docs/exchange/README.md).',
  'An agency that has registered signing keys sends its signed manifest in the `X-Khwamdee-Manifest` header (a compact JWS).',
  'The answer (202) is the queued import; poll `GET /api/v1/imports/{id}` (`position` / `sizeBytes` is the progress) until',
  '`status` is `done` or `failed`, then download `GET /api/v1/imports/{id}/errors.csv`. Every row is validated and posted like',
  'POST /api/v1/attestations: good rows are credited even when others fail, and sending the same file again credits nothing twice',
  "(each row's `ref` is idempotent). The file is refused as a whole (400) only when it is empty, not UTF-8, or its header is wrong.",
].join('\n');

export const uploadQuery = z.object({
  fileName: z.string().max(1000).optional().describe('The name shown for the file (default upload.csv / upload.jsonl / upload.xml)'),
});

/** The raw file: a stream, documented as binary in each accepted media type. */
export const uploadBody = z.custom<Readable>((v) => v instanceof Readable, 'a file body').meta({ type: 'string', format: 'binary' });

/** The CSV report, streamed. */
export const csvDownload = z.custom<Readable>((v) => v instanceof Readable, 'a CSV stream').meta({ type: 'string', description: 'CSV, UTF-8 with BOM' });

export const UPLOAD_MEDIA_TYPES = ['text/csv', 'application/x-ndjson', 'application/xml', 'text/xml'];

export const importParams = z.object({ id: z.string() });

export const importView = z.object({
  id: z.string(),
  status: z.enum(IMPORT_STATUSES).describe('queued → running → done (every row answered) or failed (the import could not go on; see error)'),
  format: z.enum(IMPORT_FORMATS),
  fileName: z.string(),
  sha256: z.string().describe('SHA-256 of the file as uploaded (hex)'),
  sizeBytes: z.number().int(),
  position: z.number().int().describe('Bytes of the file processed so far; sizeBytes when done'),
  rowsRead: z.number().int().describe('Data rows read so far (blank rows are not counted)'),
  credited: z.number().int(),
  pending: z.number().int().describe('Waiting for the local certifier'),
  rejected: z.number().int().describe('Recorded but not credited by the rules (cap_exceeded, duplicate_deed, consent_missing): listed in the report'),
  failed: z.number().int().describe('Not accepted (invalid, unknown indicator, person not enrolled, ref used twice…): listed in the report'),
  alreadyRecorded: z.number().int().describe('Rows whose ref this agency had sent before this upload: answered as before, nothing new'),
  errorCount: z.number().int().describe('Lines in the error report so far'),
  errorsTruncated: z.boolean().describe('The report keeps only the first lines; the totals still count every row'),
  error: z.object({ code: z.string(), message: localisedText }).optional().describe('Why a failed import stopped'),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  errorsUrl: z.string().describe('Where the error report (CSV) is'),
});

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  before: z.string().max(64).optional().describe('The id of the last import of the previous page'),
});

export const errorsQuery = z.object({
  afterRow: z.coerce.number().int().min(0).optional(),
  afterSeq: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export const reportLine = z.object({
  row: z.number().int().describe('Line of the file where the row starts (the CSV header is line 1); 0 for a note about the whole report'),
  seq: z.number().int().describe('Order of the problems of one row'),
  ref: z.string().nullable(),
  column: z.string().describe('CSV column (e.g. national_id, evidence_donationNo) or JSON field path; empty for the whole row'),
  code: z.string().describe('A code of the error catalogue, or a rejection reason'),
  outcome: z.enum(['failed', 'rejected']),
  message: localisedText,
  detail: z.string().nullable(),
});

export const errorsPage = z.object({
  items: z.array(reportLine),
  truncated: z.boolean(),
  next: z.object({ afterRow: z.number().int(), afterSeq: z.number().int() }).optional().describe('Query for the next page, if there may be one'),
});

export const ERRORS_CSV_COLUMNS = ['row', 'ref', 'column', 'code', 'outcome', 'message_th', 'message_en', 'detail'] as const;
