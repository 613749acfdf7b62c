// The verifier's HTTP side: GETs relative to the log's public base URL, with transport failures
// (and 5xx, 408, 429) raised as NetworkError and other refusals returned as data, plus the
// tlog-tiles fallback from a partial tile or bundle to the full one once the log has grown.
import { HASH_SIZE, TILE_WIDTH, entryBundlePath, tilePath } from '../core/merkle/index.js';

/** Largest answers read: a full tile, a full bundle of 256 maximal entries, and text answers. */
const MAX_TILE_BYTES = TILE_WIDTH * HASH_SIZE;
const MAX_BUNDLE_BYTES = TILE_WIDTH * (2 + 0xffff);
const MAX_TEXT_BYTES = 1 << 20;

/** Reads a response body, refusing (with a NetworkError) one larger than `max` bytes. */
async function readLimited(res: Response, max: number, url: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > max) throw new NetworkError(`GET ${url}: answer of ${declared} bytes exceeds ${max}`);
  if (res.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw new NetworkError(`GET ${url}: answer exceeds ${max} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** The log could not be reached or did not answer properly: nothing is known about its contents. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

export type Fetched = { ok: true; path: string; bytes: Uint8Array; contentType: string; full: boolean } | { ok: false; path: string; status: number; message: string };

export interface LogHttpOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class LogHttp {
  private readonly base: string;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;

  constructor(opts: LogHttpOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.fetchFn = opts.fetch ?? globalThis.fetch;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  url(path: string): string {
    return `${this.base}/${path.replace(/^\/+/, '')}`;
  }

  /** GET `path` under the base URL. Throws NetworkError; answers other than 2xx come back as `ok: false`. */
  async get(path: string, accept = '*/*', maxBytes = MAX_TEXT_BYTES): Promise<Fetched> {
    const url = this.url(path);
    let res: Response;
    let bytes: Uint8Array;
    try {
      res = await this.fetchFn(url, { headers: { accept }, signal: AbortSignal.timeout(this.timeoutMs) });
      bytes = await readLimited(res, maxBytes, url);
    } catch (e) {
      if (e instanceof NetworkError) throw e;
      throw new NetworkError(`GET ${url}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (res.status >= 500 || res.status === 408 || res.status === 429) {
      throw new NetworkError(`GET ${url}: HTTP ${res.status}`);
    }
    if (res.status < 200 || res.status > 299) {
      return { ok: false, path, status: res.status, message: `GET ${url}: HTTP ${res.status}` };
    }
    return { ok: true, path, bytes, contentType: res.headers.get('content-type') ?? '', full: false };
  }

  async text(path: string): Promise<{ ok: true; text: string } | { ok: false; status: number; message: string }> {
    const r = await this.get(path, 'text/plain');
    if (!r.ok) return r;
    try {
      return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(r.bytes) };
    } catch {
      return { ok: false, status: 200, message: `GET ${this.url(path)}: body is not UTF-8` };
    }
  }

  /**
   * Tile `level/index` of `width` hashes. A partial tile the log no longer serves (404) is read
   * from the full tile instead (`full: true`): the caller uses its first `width` hashes.
   */
  tile(level: number, index: number, width: number): Promise<Fetched> {
    return this.withFallback(`log/${tilePath({ level, index, width })}`, `log/${tilePath({ level, index, width: TILE_WIDTH })}`, width, MAX_TILE_BYTES);
  }

  /** Entry bundle `index` of `width` entries, with the same fallback to the full bundle. */
  bundle(index: number, width: number): Promise<Fetched> {
    return this.withFallback(`log/${entryBundlePath(index, width)}`, `log/${entryBundlePath(index)}`, width, MAX_BUNDLE_BYTES);
  }

  private async withFallback(path: string, fullPath: string, width: number, maxBytes: number): Promise<Fetched> {
    const first = await this.get(path, 'application/octet-stream', maxBytes);
    if (first.ok || width === TILE_WIDTH || first.status !== 404) return first;
    const full = await this.get(fullPath, 'application/octet-stream', maxBytes);
    return full.ok ? { ...full, full: true } : first;
  }
}
