// `khwamdee import FILE`: an agency sends a file of attestations to a running server with its API
// key, watches it being processed (a progress bar with an ETA on a terminal) and gets the error
// report as a file next to it. Exit 0: every row accepted; 3: done, but some rows failed (see the
// report); 1: the file was refused or the import failed.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import cliProgress from 'cli-progress';
import { calculateJwkThumbprint, CompactSign, importJWK, type JWK } from 'jose';
import { MANIFEST_TYP } from '../core/exchange.js';

export const EXIT_ROWS_FAILED = 3;

export interface ImportCliOptions {
  url: string;
  token?: string | undefined;
  format?: 'csv' | 'jsonl' | 'xml' | undefined;
  /** The agency's Ed25519 private JWK file: the upload carries a manifest signed with it. */
  signKey?: string | undefined;
  /** Where the platform's signed receipt is saved, once the log covers the import. */
  receiptFile?: string | undefined;
  /** How long to wait for the receipt (ms, default 60 s). */
  receiptTimeoutMs?: number;
  /** Where the error report is saved (default: next to the file, `<file>.errors.csv`). */
  errorsFile?: string | undefined;
  out: (line: string) => void;
  /** Progress is drawn here when it is a terminal. */
  progressStream?: NodeJS.WriteStream;
  pollMs?: number;
  fetch?: typeof fetch;
}

interface ImportStatusView {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  sizeBytes: number;
  position: number;
  rowsRead: number;
  credited: number;
  pending: number;
  rejected: number;
  failed: number;
  alreadyRecorded: number;
  errorCount: number;
  error?: { code: string; message: { th: string; en: string } };
  errorsUrl: string;
}

const MEDIA = { csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson', xml: 'application/xml; charset=utf-8' } as const;

export function formatOfFile(file: string, given?: 'csv' | 'jsonl' | 'xml'): 'csv' | 'jsonl' | 'xml' {
  if (given) return given;
  if (/\.xml$/i.test(file)) return 'xml';
  return /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv';
}

/** A manifest (docs/exchange) of the file, signed with the private JWK in `keyFile`; the key id is its thumbprint. */
export async function signManifest(file: string, keyFile: string, now = new Date()): Promise<string> {
  const jwk = JSON.parse(await readFile(keyFile, 'utf8')) as JWK;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d || !jwk.x) throw new Error(`${keyFile} is not an Ed25519 private JWK`);
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const claims = { sha256: hash.digest('hex'), fileName: basename(file).slice(0, 200), createdAt: now.toISOString() };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg: 'EdDSA', kid, typ: MANIFEST_TYP }).sign(await importJWK(jwk, 'EdDSA'));
}

function describeError(json: unknown, status: number): string {
  const e = (json as { error?: { code: string; messages?: { th: string; en: string }; details?: unknown } } | null)?.error;
  if (!e) return `error ${status}`;
  const details = e.details === undefined ? '' : ` ${JSON.stringify(e.details)}`;
  return `error ${e.code}: ${e.messages?.th ?? ''} / ${e.messages?.en ?? ''}${details}`;
}

export async function runImport(o: ImportCliOptions, file: string): Promise<number> {
  const f = o.fetch ?? fetch;
  const headers = { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), 'accept-language': 'th' };
  const format = formatOfFile(file, o.format);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    o.out(`ไม่พบไฟล์ / file not found: ${file}`);
    return 1;
  }

  let manifest: string | undefined;
  if (o.signKey) {
    try {
      manifest = await signManifest(file, o.signKey);
    } catch (err) {
      o.out(`ลงนามใบกำกับไฟล์ไม่สำเร็จ / could not sign the manifest: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
  }

  const tty = o.progressStream?.isTTY === true;
  const bar = new cliProgress.SingleBar(
    {
      format: '{phase} [{bar}] {percentage}% | ETA {eta_formatted} | {rows} rows: {credited} credited, {failed} failed',
      hideCursor: true,
      etaBuffer: 20,
      stream: o.progressStream ?? process.stderr,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const counts = (s?: ImportStatusView) => ({ rows: s?.rowsRead ?? 0, credited: s?.credited ?? 0, failed: s?.failed ?? 0 });
  if (tty) bar.start(Math.max(1, size), 0, { phase: 'ส่งไฟล์ / upload   ', ...counts() });

  // Upload, counting the bytes as they leave for the progress bar.
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sent += chunk.length;
      if (tty) bar.update(sent);
      done(null, chunk);
    },
  });
  const body = Readable.toWeb(createReadStream(file).pipe(counter)) as ReadableStream<Uint8Array>;
  // A streamed request body needs `duplex: 'half'` (Node's fetch), which its RequestInit type does not list.
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: { ...headers, 'content-type': MEDIA[format], 'content-length': String(size), ...(manifest ? { 'x-khwamdee-manifest': manifest } : {}) },
    body: body as unknown as BodyInit,
    duplex: 'half',
  };
  let res: Response;
  try {
    res = await f(new URL(`/api/v1/imports?fileName=${encodeURIComponent(basename(file))}`, o.url), init);
  } catch (err) {
    if (tty) bar.stop();
    o.out(`ส่งไฟล์ไม่สำเร็จ / upload failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const uploaded = (await res.json().catch(() => null)) as unknown;
  if (res.status !== 202) {
    if (tty) bar.stop();
    o.out(describeError(uploaded, res.status));
    return 1;
  }
  let view = uploaded as ImportStatusView;
  o.out(`import ${view.id}: ${basename(file)} (${size} bytes, ${format})`);

  // Processing: the server's position in the file is the progress.
  if (tty) {
    bar.setTotal(Math.max(1, view.sizeBytes));
    bar.update(0, { phase: 'ประมวลผล / process', ...counts(view) });
  }
  while (view.status === 'queued' || view.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, o.pollMs ?? 500));
    const r = await f(new URL(`/api/v1/imports/${view.id}`, o.url), { headers });
    const json = (await r.json().catch(() => null)) as unknown;
    if (r.status !== 200) {
      if (tty) bar.stop();
      o.out(describeError(json, r.status));
      return 1;
    }
    view = json as ImportStatusView;
    if (tty) bar.update(view.position, counts(view));
  }
  if (tty) bar.stop();

  o.out(
    `${view.status === 'done' ? 'นำเข้าเสร็จ / done' : 'นำเข้าไม่สำเร็จ / failed'}: ${view.rowsRead} rows, ${view.credited} credited, ${view.pending} pending, ` +
      `${view.rejected} rejected, ${view.failed} failed, ${view.alreadyRecorded} already recorded`,
  );
  if (view.error) o.out(`error ${view.error.code}: ${view.error.message.th} / ${view.error.message.en}`);
  if (view.errorCount > 0) {
    const target = o.errorsFile ?? `${file}.errors.csv`;
    const r = await f(new URL(view.errorsUrl, o.url), { headers });
    if (r.status === 200 && r.body) {
      await pipeline(Readable.fromWeb(r.body as ReadableStream<Uint8Array>), createWriteStream(target));
      o.out(`รายงานข้อผิดพลาด / error report: ${target}  (${new URL(view.errorsUrl, o.url).toString()})`);
    } else o.out(`รายงานข้อผิดพลาด / error report: ${new URL(view.errorsUrl, o.url).toString()}`);
  }
  if (o.receiptFile) {
    // The receipt is ready once the log has integrated the import's entries (409 receipt_not_ready until then).
    const until = Date.now() + (o.receiptTimeoutMs ?? 60_000);
    for (;;) {
      const r = await f(new URL(`/api/v1/imports/${view.id}/receipt`, o.url), { headers });
      const json = (await r.json().catch(() => null)) as { receipt?: string } | null;
      if (r.status === 200 && json?.receipt) {
        await writeFile(o.receiptFile, `${json.receipt}\n`);
        o.out(`ใบรับ / receipt: ${o.receiptFile}`);
        break;
      }
      if (r.status !== 409 || Date.now() > until) {
        o.out(describeError(json, r.status));
        return 1;
      }
      await new Promise((resolve) => setTimeout(resolve, o.pollMs ?? 500));
    }
  }
  if (view.status !== 'done') return 1;
  return view.failed > 0 ? EXIT_ROWS_FAILED : 0;
}
