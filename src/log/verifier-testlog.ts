// Test support (not used in production): an in-memory tiled log that serves the same public
// surface as the platform's log server (checkpoint, key, tlog-tiles, proof API) through an
// injectable `fetch` or a real HTTP listener, with its files open to tampering; and a `fetch`
// that forwards to a Fastify app through inject().
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import {
  MemoryTree,
  TILE_WIDTH,
  encodeEntryBundle,
  ed25519NoteSigner,
  entryBundlePath,
  formatCheckpoint,
  formatEd25519VerifierKey,
  leafHash,
  signNote,
  tileHashes,
  tilePath,
  tileWidth,
  toBase64,
} from '../core/merkle/index.js';
import { creditLeaf } from './leaf.js';

export interface FakeLogOptions {
  origin?: string;
  privateKey?: KeyObject;
  /** Leaf bytes for index i (default: a credit leaf). `seed` varies the default leaves. */
  leaf?: (index: number) => Uint8Array;
  seed?: string;
  /** Delete a partial tile or bundle once the full one exists (the spec allows it). */
  dropPartials?: boolean;
}

interface Answer {
  status: number;
  type: string;
  body: Uint8Array;
}

const text = (status: number, body: string, type = 'text/plain; charset=utf-8'): Answer => ({ status, type, body: new TextEncoder().encode(body) });
const json = (status: number, body: unknown): Answer => text(status, JSON.stringify(body), 'application/json; charset=utf-8');

export function sampleLeaf(index: number, seed = 'a'): Uint8Array {
  return new TextEncoder().encode(
    creditLeaf({
      id: `${seed}-credit-${index}`,
      subject: `hmac-${seed}-${index % 97}`,
      indicator: `ind-${index % 13}`,
      ruleVersion: 1,
      points: (index % 5) + 1,
      year: 2025,
      day: '2025-06-01',
      issuer: 'trc',
      certifier: index % 3 === 0 ? 'moi' : null,
    }),
  );
}

export class FakeLog {
  readonly origin: string;
  readonly privateKey: KeyObject;
  readonly verifierKey: string;
  readonly tree = new MemoryTree();
  readonly entries: Uint8Array[] = [];
  /** Served files under /log/: `tile/…` and `tile/entries/…`. Mutate to tamper. */
  readonly files = new Map<string, Uint8Array>();
  /** The checkpoint served at /log/checkpoint. Replace to serve another. */
  checkpointNote = '';
  /** Overrides the consistency proof API (return undefined for a 404). */
  consistencyOverride?: (from: number, to: number) => Uint8Array[] | undefined;
  requests: string[] = [];
  private readonly leaf: (index: number) => Uint8Array;

  constructor(private readonly opts: FakeLogOptions = {}) {
    this.origin = opts.origin ?? 'khwamdee.test/log';
    this.privateKey = opts.privateKey ?? generateKeyPairSync('ed25519').privateKey;
    this.verifierKey = formatEd25519VerifierKey(this.origin, this.privateKey);
    this.leaf = opts.leaf ?? ((i) => sampleLeaf(i, opts.seed));
  }

  get size(): number {
    return this.tree.size;
  }

  /** Appends `n` entries, writes the new tiles and bundles, and signs a checkpoint. */
  grow(n: number): this {
    for (let i = 0; i < n; i++) {
      const e = this.leaf(this.entries.length);
      this.entries.push(e);
      this.tree.append(leafHash(e));
    }
    this.writeTiles();
    this.checkpointNote = this.sign(this.size);
    return this;
  }

  /** A checkpoint note for tree size `size` (≤ the current size), signed by the log key. */
  sign(size: number, privateKey: KeyObject = this.privateKey): string {
    const body = formatCheckpoint({ origin: this.origin, size, rootHash: this.tree.rootHash(size) });
    return signNote(body, ed25519NoteSigner(this.origin, privateKey));
  }

  private writeTiles(): void {
    const size = this.size;
    for (let level = 0; TILE_WIDTH ** level <= size; level++) {
      for (let index = 0; ; index++) {
        const width = tileWidth(level, index, size);
        if (width === 0) break;
        const path = tilePath({ level, index, width });
        if (!this.files.has(path)) this.files.set(path, tileHashes({ level, index, width }, this.tree.getNode));
        if (this.opts.dropPartials && width === TILE_WIDTH) {
          for (let w = 1; w < TILE_WIDTH; w++) this.files.delete(tilePath({ level, index, width: w }));
        }
        if (level === 0) {
          const bundle = entryBundlePath(index, width);
          if (!this.files.has(bundle)) {
            this.files.set(bundle, encodeEntryBundle(this.entries.slice(index * TILE_WIDTH, index * TILE_WIDTH + width)));
          }
          if (this.opts.dropPartials && width === TILE_WIDTH) {
            for (let w = 1; w < TILE_WIDTH; w++) this.files.delete(entryBundlePath(index, w));
          }
        }
      }
    }
  }

  handle(method: string, url: URL): Answer {
    this.requests.push(`${method} ${url.pathname}${url.search}`);
    if (method !== 'GET') return text(405, 'method not allowed\n');
    const path = url.pathname;
    if (path === '/log/checkpoint') return text(200, this.checkpointNote);
    if (path === '/log/key') return text(200, `${this.verifierKey}\n`);
    if (path.startsWith('/log/tile/')) {
      const file = this.files.get(path.slice('/log/'.length));
      return file === undefined ? text(404, 'not found\n') : { status: 200, type: 'application/octet-stream', body: file };
    }
    const q = (name: string) => Number(url.searchParams.get(name));
    if (path === '/api/v1/log/consistency') {
      const from = q('from');
      const to = q('to');
      if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && from >= 0 && from <= to && to <= this.size)) return json(400, { error: 'bad sizes' });
      const proof = this.consistencyOverride ? this.consistencyOverride(from, to) : this.tree.consistencyProof(from, to);
      return proof === undefined ? json(404, { error: 'not found' }) : json(200, { from, to, proof: proof.map(toBase64) });
    }
    if (path === '/api/v1/log/inclusion') {
      const index = q('index');
      const size = q('size');
      if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size && size <= this.size)) return json(400, { error: 'bad index' });
      return json(200, { index, size, leafHash: toBase64(this.tree.node(0, index)), proof: this.tree.inclusionProof(index, size).map(toBase64) });
    }
    return text(404, 'not found\n');
  }

  /** A fetch served by this log, whatever the host of the URL. */
  readonly fetch: typeof fetch = async (input, init) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const a = this.handle(init?.method ?? 'GET', new URL(href));
    return new Response(Buffer.from(a.body), { status: a.status, headers: { 'content-type': a.type } });
  };

  /** Serves the log over real HTTP on a free local port. */
  async listen(): Promise<{ url: string; close: () => Promise<void> }> {
    const server = createServer((req, res) => {
      const a = this.handle(req.method ?? 'GET', new URL(req.url ?? '/', 'http://localhost'));
      res.writeHead(a.status, { 'content-type': a.type, 'content-length': a.body.length });
      res.end(a.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
    };
  }
}

/** A fetch that forwards requests to a Fastify app with inject(), without a network port. */
export function injectFetch(app: FastifyInstance): typeof fetch {
  return async (input, init) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(href);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => {
      headers[k] = v;
    });
    const res = await app.inject({
      method: (init?.method ?? 'GET') as 'GET' | 'POST',
      url: `${url.pathname}${url.search}`,
      headers,
      ...(init?.body !== undefined && init.body !== null ? { payload: init.body as string } : {}),
    });
    const out = new Headers();
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out.set(k, String(v));
    return new Response(res.statusCode === 204 ? null : new Uint8Array(res.rawPayload), { status: res.statusCode, headers: out });
  };
}
