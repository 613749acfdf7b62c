// `khwamdee partner …`: what a partner's counter or back office needs, over HTTP with its API key.
// Eligibility tokens also verify offline, from a saved JWKS, so a counter works while the platform is down.
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';

export interface PartnerCliOptions {
  url: string;
  token?: string | undefined;
  out: (line: string) => void;
  fetch?: typeof fetch;
}

async function call(o: PartnerCliOptions, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const f = o.fetch ?? fetch;
  const res = await f(new URL(path, o.url), {
    method,
    headers: { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), 'accept-language': 'th' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

function report(o: PartnerCliOptions, r: { status: number; json: Record<string, unknown> }): number {
  if (r.status < 400) return 0;
  const e = r.json.error as { code: string; messages: { th: string; en: string } } | undefined;
  o.out(`error ${e?.code ?? r.status}: ${e?.messages.th ?? ''} / ${e?.messages.en ?? ''}`);
  return 1;
}

export async function partnerPrivileges(o: PartnerCliOptions): Promise<number> {
  const r = await call(o, 'GET', '/api/v1/partner/privileges');
  if (r.status >= 400) return report(o, r);
  for (const p of r.json.items as Array<{ code: string; status: string; kind: string; remaining: number | null; name: { th: string } }>)
    o.out(`${p.code}\t${p.status}\t${p.kind}\t${p.remaining ?? '∞'} left\t${p.name.th}`);
  return 0;
}

export async function partnerStats(o: PartnerCliOptions): Promise<number> {
  const r = await call(o, 'GET', '/api/v1/partner/stats');
  if (r.status >= 400) return report(o, r);
  for (const s of r.json.items as Array<{ privilege: string; status: string; count: number; points: number }>) o.out(`${s.privilege}\t${s.status}\t${s.count}\t${s.points} points`);
  return 0;
}

export async function partnerConfirm(o: PartnerCliOptions, shortCodeOrToken: string): Promise<number> {
  const body = /^[A-Za-z0-9]{8}$/.test(shortCodeOrToken) ? { shortCode: shortCodeOrToken } : { token: shortCodeOrToken };
  const r = await call(o, 'POST', '/api/v1/partner/vouchers/confirm', body);
  const e = r.json.error as { code: string; details?: { privilege?: string; confirmedAt?: string } } | undefined;
  if (e?.code === 'voucher_already_used') {
    // Said loudly, first: the goods were already handed out for this voucher.
    o.out(`!!! ใช้ไปแล้ว ห้ามมอบสินค้าซ้ำ / ALREADY USED: do not hand over the goods again (${e.details?.privilege ?? ''}, confirmed ${e.details?.confirmedAt ?? '?'})`);
    return report(o, r);
  }
  if (r.status >= 400) return report(o, r);
  o.out(`confirmed ${String(r.json.shortCode)}: ${String(r.json.privilege)} (${String(r.json.points)} points) at ${String(r.json.confirmedAt)}`);
  return 0;
}

/** Verifies an eligibility token: offline against a JWKS file when given, else online (single use). */
export async function partnerVerify(o: PartnerCliOptions & { partner: string; jwksFile?: string | undefined; issuer?: string | undefined }, token: string): Promise<number> {
  if (o.jwksFile) {
    try {
      const jwks = JSON.parse(readFileSync(o.jwksFile, 'utf8')) as JSONWebKeySet;
      const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
        audience: o.partner,
        typ: 'khwamdee-eligibility+jwt',
        ...(o.issuer ? { issuer: o.issuer } : {}),
      });
      o.out(`eligible (offline): ${String(payload.privilege)} for ${String(payload.sub)} until ${new Date((payload.exp ?? 0) * 1000).toISOString()}`);
      return 0;
    } catch (err) {
      o.out(`not valid: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
  }
  const r = await call(o, 'POST', '/api/v1/partner/eligibility/verify', { token });
  if (r.status >= 400) return report(o, r);
  o.out(`eligible: ${String(r.json.privilege)} for ${String(r.json.subject)} (now used)`);
  return 0;
}
