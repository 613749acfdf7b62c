// Outbound HTTP to addresses partners give us (webhooks): only public unicast addresses, checked after
// DNS resolution and pinned, so a name cannot be re-pointed (DNS rebinding) between the check and the
// connection. Redirects are never followed, and the answer's body is never read.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Why an address is refused: the snake_case name of its special-purpose range (RFC 6890 and successors). */
export type AddressRefusal = string;

export type TargetCheck = { ok: true } | { ok: false; reason: 'host_not_found' } | { ok: false; reason: 'address_not_allowed'; range: AddressRefusal };

/** A refusal by this adapter (never a network failure): the address is not one we may connect to. */
export class OutboundRefused extends Error {
  readonly code = 'KHWAMDEE_ADDRESS_NOT_ALLOWED';
  constructor(readonly range: AddressRefusal) {
    super(`address not allowed (${range})`);
    this.name = 'OutboundRefused';
  }
}

export interface OutboundPost {
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

export interface OutboundHttp {
  /** Whether a URL's host (an IP in any spelling, or a name and every address it resolves to) may be contacted. */
  check(url: string): Promise<TargetCheck>;
  /** POSTs the body; answers the status only (the body is discarded). Throws OutboundRefused for a forbidden address. */
  post(url: string, init: OutboundPost): Promise<{ status: number }>;
}

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * Undefined when the address is public unicast; else the name of its range. IPv4-mapped IPv6 is judged
 * as the IPv4 address it carries; the other IPv6 forms embedding IPv4 (6to4, Teredo, NAT64) are refused.
 * Odd IPv4 spellings (`0x7f.1`, `2130706433`, `017700000001`, `127.1`) are parsed as the address they mean.
 */
export function refusalOf(address: string, opts: { allowLoopback?: boolean } = {}): AddressRefusal | undefined {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(bare)) return 'not_an_address';
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.process(bare);
  } catch {
    return 'not_an_address';
  }
  const range = ip.range();
  if (range === 'unicast') return undefined;
  if (range === 'loopback' && opts.allowLoopback) return undefined;
  return snake(range);
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

export function createOutboundHttp(opts: { allowLoopback?: boolean; resolve?: Resolver } = {}): OutboundHttp {
  const allowLoopback = opts.allowLoopback ?? false;
  const resolve = opts.resolve ?? systemResolver;

  /** Every address of a name, all checked: one forbidden address refuses the name. */
  async function resolveChecked(hostname: string): Promise<LookupAddress[]> {
    const addresses = await resolve(hostname);
    if (addresses.length === 0) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
    for (const a of addresses) {
      const refused = refusalOf(a.address, { allowLoopback });
      if (refused) throw new OutboundRefused(refused);
    }
    return addresses;
  }

  // The socket connects to exactly the addresses checked here (net.connect asks this, not the system).
  const pinnedLookup: LookupFunction = (hostname, options, callback) => {
    resolveChecked(hostname).then(
      (addresses) => {
        const family = options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
        const usable = family ? addresses.filter((a) => a.family === family) : addresses;
        if (usable.length === 0) return callback(Object.assign(new Error(`no IPv${family} address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return (callback as unknown as (err: null, addresses: LookupAddress[]) => void)(null, usable);
        callback(null, usable[0]!.address, usable[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };

  return {
    async check(raw) {
      const url = new URL(raw);
      const host = hostOf(url);
      if (ipaddr.isValid(host)) {
        const refused = refusalOf(host, { allowLoopback });
        return refused ? { ok: false, reason: 'address_not_allowed', range: refused } : { ok: true };
      }
      try {
        await resolveChecked(host);
        return { ok: true };
      } catch (err) {
        if (err instanceof OutboundRefused) return { ok: false, reason: 'address_not_allowed', range: err.range };
        return { ok: false, reason: 'host_not_found' };
      }
    },

    post(raw, init) {
      const url = new URL(raw);
      const host = hostOf(url);
      // An address literal never goes through the lookup: check it here.
      if (ipaddr.isValid(host)) {
        const refused = refusalOf(host, { allowLoopback });
        if (refused) return Promise.reject(new OutboundRefused(refused));
      }
      const client = url.protocol === 'https:' ? https : http;
      return new Promise((resolvePost, reject) => {
        const req = client.request(
          url,
          {
            method: 'POST',
            headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) },
            signal: init.signal,
            lookup: pinnedLookup,
            // One connection per delivery: a pooled socket would skip the pinned lookup's check.
            agent: false,
          },
          (res) => {
            // Only the status counts; the body is never read, so nothing of it can be echoed.
            resolvePost({ status: res.statusCode ?? 0 });
            res.destroy();
          },
        );
        req.on('error', reject);
        req.end(init.body);
      });
    },
  };
}
