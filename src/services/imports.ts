// File imports of attestations by an agency: upload (spooled, encrypted, checked), then a runner
// streams the file in chunks through `attestations.submitMany`, so every row is validated and
// posted exactly as POST /api/v1/attestations would, and good rows are credited even when others
// fail. Each committed chunk moves the import's position forward together with its totals; after
// a crash the next runner reads on from there. A chunk run twice (crash between posting and
// recording) credits nothing twice, because the issuer's ref of each row is idempotent, and its
// totals count once, because they are added by the same compare-and-set that moves the position.
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { canAccess, type Principal } from '../core/access.js';
import { AppError, ERROR_CATALOGUE, REJECTION_REASONS, type ErrorCode } from '../core/errors.js';
import {
  checkCsvHeader,
  csvRecordToBody,
  formatOfMediaType,
  importFileName,
  isBlankRecord,
  jsonLineToBody,
  refOf,
  xmlRecordToBody,
  validateRow,
  type ImportFormat,
  type ImportStatus,
  type RowIssue,
} from '../core/imports.js';
import { createUtf8LineChecker } from '../core/utf8.js';
import type { AttestationBody } from '../core/attestation-input.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import type { IdentifierVault } from '../adapters/crypto.js';
import { FILE_START, checkXmlRoot, readCsv, readJsonLines, readXml, type ByteSource, type ReadPosition, type SourceRecord, type XmlRoot } from '../adapters/import-formats.js';
import { UploadInterrupted, type ImportSpool } from '../adapters/import-spool.js';
import type { Database } from '../store/schema.js';
import { attestationsRepo } from '../store/repos/attestations.js';
import { importErrorsRepo, importRefsRepo, importsRepo, type ChunkTotals, type ImportErrorRow, type ImportRow } from '../store/repos/imports.js';
import type { AttestationService } from './attestations.js';
import type { CheckedManifest } from './exchange.js';
import { importExchangeRepo, logCoverageRepo } from '../store/repos/exchange.js';

export const IMPORT_DEFAULTS = {
  /** Largest upload, bytes (KHWAMDEE_IMPORT_LIMIT). */
  limitBytes: 50 * 1024 * 1024,
  /** Rows posted and recorded together; the unit of progress and of work redone after a crash. */
  chunkRows: 500,
  /** How often the runner looks for work when idle. */
  intervalMs: 1_000,
  /** A running import whose runner has not reported for this long is taken over by another runner of its data directory. */
  leaseMs: 60_000,
  /** One import is worked on for about this long before the next waiting one gets a turn. */
  sliceMs: 5_000,
  /** Problems kept for the report of one import; the totals still count every row. */
  maxErrors: 100_000,
  /** Failed attempts at the same position before an import is given up as failed. */
  maxAttempts: 3,
  /** Files one agency may have waiting or running; more are refused until some finish (disk space). */
  maxUnfinishedPerAgency: 10,
} as const;

export interface ImportOptions {
  limitBytes?: number;
  chunkRows?: number;
  intervalMs?: number;
  leaseMs?: number;
  sliceMs?: number;
  maxErrors?: number;
  maxAttempts?: number;
  maxUnfinishedPerAgency?: number;
  /**
   * Take over this data directory's unfinished imports at the first pass, without waiting for
   * leases to lapse: a data directory serves one server process at a time, so after a restart
   * whatever was running there is this process's to continue. (If two did share it, the position's
   * compare-and-set still lets only one of them record each chunk.) Default true.
   */
  takeOverOnStart?: boolean;
  onError?: (err: unknown) => void;
}

export interface ImportView {
  id: string;
  status: ImportStatus;
  format: ImportFormat;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  /** Bytes of the file processed so far (`sizeBytes` when done): the progress bar. */
  position: number;
  rowsRead: number;
  credited: number;
  pending: number;
  rejected: number;
  failed: number;
  alreadyRecorded: number;
  /** Lines in the error report (failed and rejected rows); at most `maxErrors` are kept. */
  errorCount: number;
  errorsTruncated: boolean;
  error?: { code: string; message: { th: string; en: string } } | undefined;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  errorsUrl: string;
}

export interface ReportLine {
  row: number;
  ref: string | null;
  column: string;
  code: string;
  outcome: 'failed' | 'rejected';
  message: { th: string; en: string };
  detail: string | null;
}

export interface UploadInput {
  contentType: string | undefined;
  fileName: string | undefined;
  body: Readable;
  /** The Content-Length the client announced, if any: refused at once when over the limit. */
  declaredLength?: number | undefined;
  /** The agency's signed manifest (compact JWS), from the X-Khwamdee-Manifest header. */
  manifest?: string | undefined;
}

export interface ImportService {
  upload(principal: Principal, input: UploadInput): Promise<ImportView>;
  get(principal: Principal, id: string): Promise<ImportView>;
  list(principal: Principal, q: { limit?: number | undefined; before?: string | undefined }): Promise<ImportView[]>;
  /** The report's lines after (row, seq), in file order. */
  errorPage(
    principal: Principal,
    id: string,
    q: { after?: { row: number; seq: number } | undefined; limit?: number | undefined },
  ): Promise<{ items: Array<ReportLine & { seq: number }>; truncated: boolean }>;
  /** The whole report, read page by page (access is checked before the first line). */
  report(principal: Principal, id: string): Promise<AsyncIterable<ReportLine>>;
  /** One pass over waiting imports; `maxChunks` stops after that many chunks (tests stop mid-file with it). Returns the chunks done. */
  runOnce(opts?: { maxChunks?: number }): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/** An XML import keeps its root (synthetic start tag, record name) where a CSV import keeps its columns. */
const xmlColumns = (root: XmlRoot): string[] => [root.open, root.recordName];
function xmlRootOf(row: ImportRow): XmlRoot {
  const [open = '', recordName = 'attestation'] = row.columns ? (JSON.parse(row.columns) as string[]) : [];
  return { open, recordName };
}

/** An import's work stopped because another runner holds it now. */
class LeaseLost extends Error {}

function messageOf(code: string): { th: string; en: string } {
  const spec = (ERROR_CATALOGUE as Record<string, { th: string; en: string }>)[code] ?? (REJECTION_REASONS as Record<string, { th: string; en: string }>)[code];
  return spec ? { th: spec.th, en: spec.en } : { th: code, en: code };
}

function present(row: ImportRow, maxErrors: number): ImportView {
  return {
    id: row.id,
    status: row.status,
    format: row.format,
    fileName: row.file_name,
    sha256: row.sha256,
    sizeBytes: Number(row.size_bytes),
    position: Number(row.position),
    rowsRead: Number(row.rows_read),
    credited: Number(row.credited),
    pending: Number(row.pending),
    rejected: Number(row.rejected),
    failed: Number(row.failed),
    alreadyRecorded: Number(row.already_recorded),
    errorCount: Number(row.errors_stored),
    errorsTruncated: Number(row.errors_stored) >= maxErrors,
    error: row.error_code ? { code: row.error_code, message: messageOf(row.error_code) } : undefined,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    errorsUrl: `/api/v1/imports/${row.id}/errors.csv`,
  };
}

const detailOf = (details: unknown): string | null => (details === undefined ? null : JSON.stringify(details).slice(0, 300));

/** A row of a chunk on its way: its problems, or the input to post. */
interface Pending {
  line: number;
  ref: string | undefined;
  issues?: RowIssue[];
  input?: AttestationBody;
}

export function createImportService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
  vault: IdentifierVault;
  spool: ImportSpool;
  attestations: Pick<AttestationService, 'submitMany'>;
  principalOf: (agencyCode: string) => Promise<Principal | undefined>;
  /** The signed manifest of an upload, checked before the file is read (services/exchange.ts). */
  manifests?: { check(principal: Principal & { kind: 'agency' }, jws: string | undefined): Promise<CheckedManifest | undefined> };
  options?: ImportOptions;
}): ImportService {
  const { db, clock, ids, vault, spool, attestations } = deps;
  const o = deps.options ?? {};
  const limitBytes = o.limitBytes ?? IMPORT_DEFAULTS.limitBytes;
  const chunkRows = Math.max(1, o.chunkRows ?? IMPORT_DEFAULTS.chunkRows);
  const intervalMs = o.intervalMs ?? IMPORT_DEFAULTS.intervalMs;
  const leaseMs = o.leaseMs ?? IMPORT_DEFAULTS.leaseMs;
  const sliceMs = o.sliceMs ?? IMPORT_DEFAULTS.sliceMs;
  const maxErrors = o.maxErrors ?? IMPORT_DEFAULTS.maxErrors;
  const maxAttempts = o.maxAttempts ?? IMPORT_DEFAULTS.maxAttempts;
  const maxUnfinished = o.maxUnfinishedPerAgency ?? IMPORT_DEFAULTS.maxUnfinishedPerAgency;
  const onError = o.onError ?? ((err: unknown) => console.error('imports: runner pass failed', err));
  const runner = `r-${randomBytes(8).toString('hex')}`;
  let takeOver = o.takeOverOnStart ?? true;
  /** Failed attempts per import at one position, to give up on one that cannot go on. */
  const attempts = new Map<string, { position: number; count: number }>();

  async function readable(principal: Principal, id: string): Promise<ImportRow> {
    const row = /^[0-9a-f-]{36}$/.test(id) ? await importsRepo.findById(db, id) : undefined;
    if (!row || !canAccess(principal, 'import.read', { kind: 'import', agency: row.agency_code })) throw new AppError('import_not_found');
    return row;
  }

  /** The first CSV record that is not blank is the header; a data row must follow it. */
  async function csvStart(source: ByteSource): Promise<{ columns: string[]; start: ReadPosition }> {
    let header: { columns: string[]; start: ReadPosition } | undefined;
    for await (const rec of readCsv(source)) {
      if (rec.kind === 'cells' && isBlankRecord(rec.cells)) continue;
      if (header) return header;
      if (rec.kind === 'unreadable') throw new AppError('import_bad_header', { line: rec.line, problems: [{ problem: 'unreadable', code: rec.code }] });
      if (rec.kind !== 'cells') break;
      const check = checkCsvHeader(rec.cells);
      if (!check.ok) throw new AppError('import_bad_header', { line: rec.line, problems: check.problems });
      header = { columns: check.columns, start: rec.next };
    }
    throw new AppError('import_empty');
  }

  /** The root of an XML file, kept (as `columns`) for reading on from the middle of the file. */
  async function xmlStart(source: ByteSource): Promise<XmlRoot> {
    const check = await checkXmlRoot(source);
    if (!check.ok) throw new AppError(check.code, { line: check.line, ...(check.detail ? { reason: check.detail } : {}) });
    return check.root;
  }

  async function jsonlStart(source: ByteSource): Promise<ReadPosition> {
    for await (const _ of readJsonLines(source)) return FILE_START;
    throw new AppError('import_empty');
  }

  function toPending(rec: SourceRecord, format: ImportFormat, columns: readonly string[]): Pending | undefined {
    if (rec.kind === 'unreadable') return { line: rec.line, ref: undefined, issues: [{ column: '', code: rec.code }] };
    let body: Record<string, unknown>;
    if (rec.kind === 'cells') {
      if (isBlankRecord(rec.cells)) return undefined;
      body = csvRecordToBody(columns, rec.cells);
      if (rec.cells.length !== columns.length)
        return { line: rec.line, ref: refOf(body), issues: [{ column: '', code: 'import_row_columns', detail: `expected ${columns.length} columns, got ${rec.cells.length}` }] };
    } else if (rec.kind === 'element') {
      const parsed = xmlRecordToBody(rec.element);
      if (!parsed.ok) return { line: rec.line, ref: undefined, issues: [{ column: rec.element.name, code: 'import_xml_element' }] };
      body = parsed.body;
    } else {
      const parsed = jsonLineToBody(rec.text);
      if (!parsed.ok) return { line: rec.line, ref: undefined, issues: [{ column: '', code: 'import_row_not_json' }] };
      body = parsed.body;
    }
    const v = validateRow(body, format);
    return v.ok ? { line: rec.line, ref: v.input.ref, input: v.input } : { line: rec.line, ref: refOf(body), issues: v.issues };
  }

  /** Posts one chunk and records it with the position after it; throws LeaseLost if another runner has the import. */
  async function commitChunk(row: ImportRow, principal: Principal & { kind: 'agency' }, records: SourceRecord[], end: ReadPosition): Promise<void> {
    const columns = row.columns ? (JSON.parse(row.columns) as string[]) : [];
    const rows: Pending[] = [];
    for (const rec of records) {
      const p = toPending(rec, row.format, columns);
      if (p) rows.push(p);
    }
    // The first row of the file that used each ref: a later one is a mistake in the file, not a replay.
    const refs = new Map<string, number>();
    for (const r of rows) if (r.ref !== undefined && !refs.has(r.ref)) refs.set(r.ref, r.line);
    const first = refs.size ? await importRefsRepo.register(db, row.id, refs) : new Map<string, number>();
    for (const r of rows) {
      const firstRow = r.ref !== undefined ? first.get(r.ref) : undefined;
      if (firstRow !== undefined && firstRow !== r.line) {
        r.issues = [{ column: 'ref', code: 'import_duplicate_ref', detail: `first used on row ${firstRow}` }];
        r.input = undefined;
      }
    }
    const posting = rows.filter((r): r is Pending & { input: AttestationBody } => r.input !== undefined);
    const known = posting.length
      ? await attestationsRepo.refsRecordedBefore(
          db,
          principal.agency,
          posting.map((r) => r.input.ref),
          row.created_at,
        )
      : new Set<string>();
    const outcomes = posting.length
      ? await attestations.submitMany(
          principal,
          posting.map((r) => r.input),
        )
      : [];

    const totals: ChunkTotals = { rowsRead: rows.length, credited: 0, pending: 0, rejected: 0, failed: 0, alreadyRecorded: 0, errorsStored: 0 };
    const problems: ImportErrorRow[] = [];
    const report = (r: Pending, outcome: 'failed' | 'rejected', issues: RowIssue[]) => {
      issues.forEach((issue, seq) => {
        problems.push({ import_id: row.id, row: r.line, seq, ref: r.ref ?? null, column_name: issue.column, code: issue.code, outcome, detail: issue.detail ?? null });
      });
    };
    for (const r of rows) if (r.issues) report(r, 'failed', r.issues);
    posting.forEach((r, i) => {
      const out = outcomes[i]!;
      if (!out.ok) {
        totals.failed++;
        report(r, 'failed', [{ column: '', code: out.error.code, detail: detailOf(out.error.details) ?? undefined }]);
        return;
      }
      totals[out.result.status]++;
      if (known.has(r.input.ref)) totals.alreadyRecorded++;
      if (out.result.status === 'rejected' && out.result.reason)
        problems.push({ import_id: row.id, row: r.line, seq: 0, ref: r.ref ?? null, column_name: '', code: out.result.reason.code, outcome: 'rejected', detail: null });
    });
    totals.failed += rows.filter((r) => r.issues).length;
    // Problems beyond the cap are counted, not kept.
    const room = Math.max(0, maxErrors - Number(row.errors_stored));
    const kept = problems.slice(0, room);
    totals.errorsStored = kept.length;

    await db.transaction().execute(async (trx) => {
      await importErrorsRepo.insert(trx, kept);
      const moved = await importsRepo.advance(trx, row.id, runner, Number(row.position), { position: end.offset, line: end.line }, totals, clock.now().toISOString());
      if (!moved) throw new LeaseLost();
    });
    row.position = end.offset;
    row.line = end.line;
    row.errors_stored = Number(row.errors_stored) + kept.length;
  }

  async function finish(row: ImportRow, status: 'done' | 'failed', code: ErrorCode | null): Promise<void> {
    const set = { status, error_code: code, finished_at: clock.now().toISOString() };
    // Every log entry this import's rows appended is committed by now, so at or below this sequence:
    // its receipt waits until the sequencer has integrated all of them.
    await importExchangeRepo.setLogSeq(db, row.id, await logCoverageRepo.maxSeq(db));
    await importsRepo.finish(db, row.id, runner, status === 'done' ? { ...set, position: Number(row.size_bytes) } : set);
    await importRefsRepo.clear(db, row.id);
    await spool.remove(row.id);
    attempts.delete(row.id);
  }

  /** Works on one claimed import until it ends, the budget or the time slice is used up; returns the chunks done. */
  async function work(row: ImportRow, budget: number, until: number): Promise<number> {
    const principal = await deps.principalOf(row.agency_code);
    // The agency must still be allowed to import when its file is run.
    if (!principal || !canAccess(principal, 'import.upload')) {
      await finish(row, 'failed', 'forbidden');
      return 0;
    }
    if (!row.spool_key_enc || !(await spool.exists(row.id))) {
      await finish(row, 'failed', 'import_file_lost');
      return 0;
    }
    const key = vault.decrypt(row.spool_key_enc);
    const source: ByteSource = (offset) => spool.read(row.id, key, offset);
    const from = { offset: Number(row.position), line: Number(row.line) };
    const records = row.format === 'csv' ? readCsv(source, from) : row.format === 'xml' ? readXml(source, xmlRootOf(row), from) : readJsonLines(source, from);
    let done = 0;
    let batch: SourceRecord[] = [];
    for await (const rec of records) {
      batch.push(rec);
      if (batch.length < chunkRows) continue;
      await commitChunk(row, principal, batch, rec.next);
      batch = [];
      done++;
      if (done >= budget || halting || Date.now() >= until) return done;
      // SQLite answers synchronously: let requests (status polls among them) in between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (batch.length) {
      await commitChunk(row, principal, batch, batch.at(-1)!.next);
      done++;
    }
    await finish(row, 'done', null);
    return done;
  }

  /** Passes run one at a time in a process (the loop's and any called directly). */
  let queue: Promise<unknown> = Promise.resolve();
  function runOnce(opts: { maxChunks?: number } = {}): Promise<number> {
    const pass = queue.then(() => onePass(opts));
    queue = pass.catch(() => undefined);
    return pass;
  }

  async function onePass(opts: { maxChunks?: number }): Promise<number> {
    let budget = opts.maxChunks ?? Number.POSITIVE_INFINITY;
    let total = 0;
    const now = clock.now();
    // Taking over: every lease counts as lapsed ('9999' sorts after any ISO time).
    const staleBefore = takeOver ? '9999' : new Date(now.getTime() - leaseMs).toISOString();
    takeOver = false;
    for (const seen of await importsRepo.claimable(db, spool.location, runner, staleBefore, 20)) {
      if (budget <= 0) break;
      const row = await importsRepo.claim(db, seen, runner, clock.now().toISOString());
      if (!row) continue;
      try {
        const n = await work(row, budget, Date.now() + sliceMs);
        total += n;
        budget -= n;
      } catch (err) {
        if (err instanceof LeaseLost) continue;
        await giveUpOrRetry(row, err);
      }
    }
    return total;
  }

  /** A failure at the same position `maxAttempts` times in a row fails the import (logged); fewer are retried. */
  async function giveUpOrRetry(row: ImportRow, err: unknown): Promise<void> {
    onError(err);
    const seen = attempts.get(row.id);
    const count = seen && seen.position === Number(row.position) ? seen.count + 1 : 1;
    attempts.set(row.id, { position: Number(row.position), count });
    if (count >= maxAttempts) await finish(row, 'failed', 'internal_error');
  }

  let running = false;
  /** Set while stop() waits: the pass in progress ends after its current chunk. */
  let halting = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  const schedule = (delay: number) => {
    if (!running || timer || current) return;
    timer = setTimeout(() => {
      timer = undefined;
      let worked = false;
      current = runOnce()
        .then((n) => {
          worked = n > 0;
        }, onError)
        .finally(() => {
          current = undefined;
          schedule(worked ? 0 : intervalMs);
        });
    }, delay);
    timer.unref();
  };

  /** Uploads interrupted by a crash, files of imports that no longer need them, and refs a crash left behind. */
  async function sweepSpool(): Promise<void> {
    for (const id of await importRefsRepo.ofFinished(db)) await importRefsRepo.clear(db, id);
    const keep = await importsRepo.unfinishedIds(db);
    const hourAgo = Date.now() - 3_600_000;
    for (const f of await spool.list()) if (!keep.has(f.id) && f.modifiedAt.getTime() < hourAgo) await spool.remove(f.id);
  }

  return {
    async upload(principal, input) {
      if (!canAccess(principal, 'import.upload')) throw new AppError('forbidden');
      const media = formatOfMediaType(input.contentType);
      if (!media.ok) throw new AppError(media.code, { contentType: input.contentType ?? null });
      const format = media.format;
      if (input.declaredLength !== undefined && input.declaredLength > limitBytes) throw new AppError('payload_too_large', { limit: limitBytes });
      if ((await importsRepo.unfinishedCount(db, principal.agency)) >= maxUnfinished) throw new AppError('import_queue_full', { max: maxUnfinished });
      // Key, signature and content of the manifest before the file is read; its hash once it is.
      const manifest = deps.manifests ? await deps.manifests.check(principal, input.manifest) : undefined;
      const id = ids.next();
      const utf8 = createUtf8LineChecker();
      const file = await spool
        .write(id, input.body, {
          limit: limitBytes,
          tooLarge: () => new AppError('payload_too_large', { limit: limitBytes }),
          inspect: (chunk) => {
            const line = utf8.push(chunk);
            if (line !== undefined) throw new AppError('import_not_utf8', { line });
          },
        })
        .catch((err: unknown) => {
          // Nobody is left to read the answer, but the log should not call it a failure of ours.
          throw err instanceof UploadInterrupted ? new AppError('validation_failed', { reason: err.message }) : err;
        });
      try {
        const line = utf8.end();
        if (line !== undefined) throw new AppError('import_not_utf8', { line });
        if (file.bytes === 0) throw new AppError('import_empty');
        if (manifest && manifest.claims.sha256 !== file.sha256) throw new AppError('manifest_hash_mismatch', { manifest: manifest.claims.sha256, file: file.sha256 });
        const source: ByteSource = (offset) => spool.read(id, file.key, offset);
        const start =
          format === 'csv'
            ? await csvStart(source)
            : format === 'xml'
              ? { columns: xmlColumns(await xmlStart(source)), start: FILE_START }
              : { columns: null, start: await jsonlStart(source) };
        await spool.commit(id);
        const now = clock.now().toISOString();
        const row: ImportRow = {
          id,
          agency_code: principal.agency,
          format,
          file_name: importFileName(input.fileName, format),
          sha256: file.sha256,
          size_bytes: file.bytes,
          columns: start.columns ? JSON.stringify(start.columns) : null,
          spool_key_enc: vault.encrypt(file.key),
          spool_location: spool.location,
          status: 'queued',
          position: start.start.offset,
          line: start.start.line,
          rows_read: 0,
          credited: 0,
          pending: 0,
          rejected: 0,
          failed: 0,
          already_recorded: 0,
          errors_stored: 0,
          error_code: null,
          runner: null,
          heartbeat_at: null,
          created_at: now,
          started_at: null,
          finished_at: null,
        };
        await db.transaction().execute(async (trx) => {
          await importsRepo.insert(trx, row);
          await importExchangeRepo.insert(trx, { import_id: id, manifest_kid: manifest?.kid ?? null, manifest: manifest?.jws ?? null, log_seq: null, receipt: null });
        });
        schedule(0);
        return present(row, maxErrors);
      } catch (err) {
        await spool.remove(id);
        throw err;
      }
    },

    async get(principal, id) {
      return present(await readable(principal, id), maxErrors);
    },

    async list(principal, q) {
      if (!canAccess(principal, 'import.list')) throw new AppError('forbidden');
      const rows = await importsRepo.listForAgency(db, principal.agency, Math.min(Math.max(1, q.limit ?? 50), 200), q.before);
      return rows.map((r) => present(r, maxErrors));
    },

    async errorPage(principal, id, q) {
      const row = await readable(principal, id);
      const rows = await importErrorsRepo.page(db, row.id, q.after, Math.min(Math.max(1, q.limit ?? 100), 1000));
      return {
        items: rows.map((e) => ({
          row: Number(e.row),
          seq: Number(e.seq),
          ref: e.ref,
          column: e.column_name,
          code: e.code,
          outcome: e.outcome,
          message: messageOf(e.code),
          detail: e.detail,
        })),
        truncated: Number(row.errors_stored) >= maxErrors,
      };
    },

    async report(principal, id) {
      const row = await readable(principal, id);
      return (async function* () {
        let after: { row: number; seq: number } | undefined;
        for (;;) {
          const page = await importErrorsRepo.page(db, row.id, after, 1000);
          for (const e of page) yield { row: Number(e.row), ref: e.ref, column: e.column_name, code: e.code, outcome: e.outcome, message: messageOf(e.code), detail: e.detail };
          if (page.length < 1000) break;
          const last = page.at(-1)!;
          after = { row: Number(last.row), seq: Number(last.seq) };
        }
        const now = await importsRepo.findById(db, row.id);
        if (now && Number(now.errors_stored) >= maxErrors)
          yield {
            row: 0,
            ref: null,
            column: '',
            code: 'import_errors_truncated',
            outcome: 'failed' as const,
            message: messageOf('import_errors_truncated'),
            detail: `${maxErrors} kept`,
          };
      })();
    },

    runOnce,

    start() {
      if (running) return;
      running = true;
      void sweepSpool().catch(onError);
      schedule(0);
    },

    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      halting = true;
      try {
        await current;
        // A clean stop gives its leases back, so the next start continues at once.
        await importsRepo.releaseAll(db, runner);
      } finally {
        halting = false;
      }
    },
  };
}
