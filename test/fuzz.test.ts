// Malformed requests generated from the API's own OpenAPI document, for every route, on both
// databases: wrong types, missing and extra fields, huge strings, Unicode junk, bad path values,
// wrong content types, with valid credentials of several roles (so validation and the services are
// reached). No answer may be a 500, every 4xx must have the catalogue's shape, and a refused request
// must not have written anything (the row counts of every table are unchanged).
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../src/core/errors.js';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, enrolPerson, personToken } from './support/helpers.js';

/** Requests per route (each route also gets a few of every kind of malformed content type). */
const PER_ROUTE = 28;
const SEED = Number(process.env.FUZZ_SEED ?? 0x6b68_7764);

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  additionalProperties?: boolean | Schema;
  $ref?: string;
  default?: unknown;
};

interface Operation {
  method: string;
  path: string;
  params: Array<{ name: string; in: 'path' | 'query' | 'header'; schema: Schema; required?: boolean }>;
  body: Schema | undefined;
  bodyTypes: string[];
}

const JUNK_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF\uD800',
  '‮evil',
  '💩'.repeat(50),
  'ก่่่่่่่่่่่่',
  '\r\n\r\nX-Injected: 1',
  "' OR 1=1 --",
  '"; DROP TABLE accounts; --',
  '../../../../etc/passwd',
  '%00%zz',
  '<script>alert(1)</script>',
  '#{7*7}{{7*7}}<%= 7*7 %>',
  '__proto__',
  'constructor',
  '9'.repeat(40),
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '2026-13-45T25:61:61+07:00',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59+14:00',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-000000000000',
  'x'.repeat(5000),
];
const JUNK_VALUES: unknown[] = [null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, [], {}, [null], { a: { b: { c: [] } } }];

/** A value meant to satisfy the schema (best effort: patterns are not generated). */
function sample(s: Schema, rng: Rng, depth = 0): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return rng.pick(s.enum);
  if (s.default !== undefined && rng.chance(0.3)) return s.default;
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return sample(rng.pick(alts), rng, depth);
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((x) => sample(x, rng, depth) as object));
  const type = Array.isArray(s.type) ? rng.pick(s.type.filter((t) => t !== 'null')) : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 5) return out;
      for (const [k, v] of Object.entries(s.properties ?? {})) if (s.required?.includes(k) || rng.chance(0.5)) out[k] = sample(v, rng, depth + 1);
      return out;
    }
    case 'array':
      return depth > 5 ? [] : Array.from({ length: Math.max(s.minItems ?? 0, 1) }, () => sample(s.items ?? {}, rng, depth + 1));
    case 'integer':
    case 'number':
      return s.minimum ?? (s.maximum !== undefined ? Math.min(s.maximum, 1) : 1);
    case 'boolean':
      return rng.chance(0.5);
    case 'string':
      if (s.format === 'uuid') return '01900000-0000-7000-8000-000000000001';
      if (s.format === 'date-time') return '2026-05-01T09:00:00+07:00';
      if (s.format === 'date') return '2026-05-01';
      if (s.format === 'uri') return 'https://partner.example/hook';
      if (s.format === 'email') return 'a@example.com';
      return 'a'.repeat(Math.max(s.minLength ?? 1, 1)).slice(0, s.maxLength ?? 100);
    default:
      return 'x';
  }
}

/** A wrong value: another type, a huge or junk string, a number out of range. */
function wrong(s: Schema, rng: Rng): unknown {
  const r = rng.int(4);
  if (r === 0) return rng.pick(JUNK_VALUES);
  if (r === 1) return rng.pick(JUNK_STRINGS);
  if (r === 2) return rng.chance(0.5) ? 'x'.repeat(100_000 + rng.int(200_000)) : String.fromCharCode(...Array.from({ length: 300 }, () => rng.int(0xffff)));
  if (s.type === 'integer' || s.type === 'number') return rng.pick([(s.maximum ?? 1e6) + 1, (s.minimum ?? -1e6) - 1, 0.5, '12abc']);
  return rng.pick(JUNK_VALUES);
}

/** One mutation of a valid-ish value: a field dropped, wrongly typed or added, at any depth. */
function mutate(value: unknown, s: Schema, rng: Rng): unknown {
  if (value === null || typeof value !== 'object' || rng.chance(0.15)) return wrong(s, rng);
  if (Array.isArray(value)) {
    const r = rng.int(4);
    if (r === 0) return [];
    if (r === 1) return Array.from({ length: 1001 + rng.int(50) }, () => value[0] ?? null);
    if (r === 2 && value.length) return [mutate(value[0], s.items ?? {}, rng), ...value.slice(1)];
    return [...value, rng.pick(JUNK_VALUES)];
  }
  const obj = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(s.properties ?? {});
  const r = rng.int(5);
  if (r === 0 && keys.length) delete obj[rng.pick(keys)];
  else if (r === 1) obj[rng.pick(['extra', 'points', 'isAdmin', '__proto__', 'constructor', 'status', 'accountId'])] = rng.pick([...JUNK_VALUES, ...JUNK_STRINGS]);
  else if (keys.length) {
    const k = rng.pick(keys);
    const sub = s.properties![k]!;
    obj[k] = k in obj && rng.chance(0.6) ? mutate(obj[k], resolveAlt(sub, obj[k]), rng) : wrong(sub, rng);
  } else obj.extra = rng.pick(JUNK_STRINGS);
  return obj;
}

/** The value with one string somewhere in it replaced by junk of the same type (to get past type checks). */
function junkLeaf(value: unknown, rng: Rng): unknown {
  if (typeof value === 'string') return rng.pick(JUNK_STRINGS.filter((j) => j.length < 1000));
  if (Array.isArray(value)) return value.length ? value.map((v, i) => (i === 0 ? junkLeaf(v, rng) : v)) : value;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const strings = entries.filter(([, v]) => typeof v === 'string' || (v && typeof v === 'object'));
    if (!strings.length) return value;
    const [k] = rng.pick(strings);
    return { ...value, [k]: junkLeaf((value as Record<string, unknown>)[k], rng) };
  }
  return value;
}

/** The branch of a union a value was sampled from (by its keys), for mutating inside it. */
function resolveAlt(s: Schema, value: unknown): Schema {
  const alts = s.anyOf ?? s.oneOf;
  if (!alts || value === null || typeof value !== 'object') return s;
  const keys = Object.keys(value);
  return alts.find((a) => keys.every((k) => a.properties && k in a.properties)) ?? alts[0]!;
}

function resolveRefs(doc: { components?: { schemas?: Record<string, Schema> } }, s: unknown, seen = 0): Schema {
  if (!s || typeof s !== 'object' || seen > 20) return (s as Schema) ?? {};
  if (Array.isArray(s)) return s.map((x) => resolveRefs(doc, x, seen + 1)) as unknown as Schema;
  const ref = (s as Schema).$ref;
  if (ref) return resolveRefs(doc, doc.components?.schemas?.[ref.replace('#/components/schemas/', '')], seen + 1);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) out[k] = typeof v === 'object' ? resolveRefs(doc, v, seen + 1) : v;
  return out as Schema;
}

function operations(doc: Record<string, unknown>): Operation[] {
  const out: Operation[] = [];
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = ((op.parameters ?? []) as Operation['params']).map((p) => ({ ...p, schema: resolveRefs(doc, p.schema) }));
      const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content ?? {};
      const bodyTypes = Object.keys(content);
      const json = content['application/json']?.schema ?? Object.values(content)[0]?.schema;
      out.push({ method: method.toUpperCase(), path, params, body: json ? resolveRefs(doc, json) : undefined, bodyTypes });
    }
  }
  return out;
}

const BAD_PATH_VALUES = [
  '',
  '%20',
  '..',
  '%2e%2e',
  '%00',
  'a%2Fb',
  '-1',
  '0',
  'ก'.repeat(20),
  '💩',
  'x'.repeat(99),
  "'",
  '%zz',
  'null',
  'undefined',
  '01900000-0000-7000-8000-00000000000g',
];

function buildRequest(op: Operation, rng: Rng, token: string | undefined, n: number): InjectOptions {
  // Path values: mostly valid-looking, often junk.
  let url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const p = op.params.find((x) => x.in === 'path' && x.name === name);
    if (rng.chance(0.45)) {
      const bad = rng.pick(BAD_PATH_VALUES);
      return /%/.test(bad) ? bad : encodeURIComponent(bad) || '%20';
    }
    return encodeURIComponent(String(sample(p?.schema ?? { type: 'string' }, rng)));
  });
  const query = new URLSearchParams();
  for (const p of op.params.filter((x) => x.in === 'query')) {
    const r = rng.int(4);
    if (r === 0) continue;
    const v = r === 1 ? sample(p.schema, rng) : wrong(p.schema, rng);
    const text = typeof v === 'string' ? v.slice(0, 2000) : (JSON.stringify(v) ?? '');
    query.append(p.name, text);
    if (rng.chance(0.1)) query.append(p.name, text);
  }
  if (rng.chance(0.15)) query.append(rng.pick(['extra', '__proto__', 'limit', 'cursor']), rng.pick(JUNK_STRINGS).slice(0, 100));
  const qs = query.toString();
  if (qs) url += `?${qs}`;

  const headers: Record<string, string> = { 'accept-language': rng.chance(0.5) ? 'en' : 'th' };
  if (token) Object.assign(headers, auth(token));
  if (rng.chance(0.05)) headers['x-khwamdee-agency'] = rng.pick(['BAD!', 'trc', 'x'.repeat(50)]);
  const req: InjectOptions = { method: op.method as InjectOptions['method'], url, headers };
  if (op.method === 'GET' || op.method === 'DELETE') {
    if (rng.chance(0.1)) {
      headers['content-type'] = 'application/json';
      req.payload = rng.pick(['{', '{"a":1}', '']);
    }
    return req;
  }
  // The content type: mostly JSON, every few requests something else.
  const kind = n % 7 === 6 ? rng.int(6) : -1;
  if (kind === 0) {
    headers['content-type'] = 'text/plain';
    req.payload = 'hello';
  } else if (kind === 1) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    req.payload = 'a=1&b=2';
  } else if (kind === 2) {
    headers['content-type'] = 'multipart/form-data; boundary=zz';
    req.payload = rng.chance(0.5) ? 'garbage' : '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\nnot a jpeg\r\n--zz--\r\n';
  } else if (kind === 3) {
    headers['content-type'] = 'application/json';
    req.payload = rng.pick(['', '{', '[1,', 'nul', '{"__proto__":{"x":1}}', '{"a":"\\uD800"}', '\u00ff\u00fe', '{}'.repeat(3)]);
  } else if (kind === 4) {
    headers['content-type'] = rng.pick(['application/json; charset=utf-16', 'application/xml', 'image/png', 'text/csv', 'application/x-ndjson']);
    req.payload = rng.chance(0.5) ? 'ref,indicator\n1,2\n' : '{"a":1}';
  } else if (kind === 5) {
    // No body at all.
  } else {
    const base = op.body ? sample(op.body, rng) : {};
    headers['content-type'] = 'application/json';
    const r = rng.next();
    req.payload = JSON.stringify(r < 0.55 ? mutate(base, op.body ?? {}, rng) : r < 0.9 ? junkLeaf(base, rng) : base);
  }
  return req;
}

const TABLES_QUERY = {
  sqlite: sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`,
  postgres: sql<{
    name: string;
  }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`,
};

describe.each(DB_KINDS)('fuzzing every route from the OpenAPI document (%s)', (kind) => {
  let p: TestPlatform;
  let tokens: Array<string | undefined>;
  let counts: () => Promise<Record<string, number>>;
  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-06-15T03:00:00Z'), {
      sequencer: { autoStart: false },
      webhooks: { autoStart: false },
      imports: { autoStart: false },
    });
    const person = await enrolPerson(p.app);
    tokens = [
      ADMIN_TOKEN,
      await agencyToken(p.app, 'trc'),
      await agencyToken(p.app, 'ptt'),
      await agencyToken(p.app, 'nongsarai'),
      await agencyToken(p.app, 'khuangpao'),
      await personToken(p.app, person.id),
      undefined,
    ];
    const tables = (await TABLES_QUERY[kind].execute(p.store.db)).rows.map((r) => r.name).sort();
    const query = sql.raw(`select ${tables.map((t) => `(select count(*) from "${t}") as "${t}"`).join(', ')}`);
    counts = async () => {
      const row = (await query.execute(p.store.db)).rows[0] as Record<string, number | string | bigint>;
      return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
    };
  });
  afterAll(async () => p?.cleanup());

  it('answers thousands of malformed requests without a 500, in the catalogue shape, writing nothing when refusing', async () => {
    await p.app.ready();
    const ops = operations(p.app.swagger() as Record<string, unknown>);
    expect(ops.length).toBeGreaterThan(50);
    const rng = prng(SEED);
    const problems: string[] = [];
    let sent = 0;
    const statuses: Record<number, number> = {};
    let before = await counts();
    for (const op of ops) {
      for (let n = 0; n < PER_ROUTE; n++) {
        const req = buildRequest(op, rng, tokens[(n + sent) % tokens.length], n);
        const res = await p.app.inject(req);
        sent += 1;
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        const label = `${req.method} ${String(req.url).slice(0, 160)} [${String((req.headers as Record<string, string>)['content-type'] ?? '-')}] → ${res.statusCode}`;
        const after = await counts();
        if (res.statusCode >= 500 && !(res.statusCode === 503 && res.json().error?.code === 'sign_in_unavailable')) {
          problems.push(`${label}: ${res.body.slice(0, 300)}`);
        } else if (res.statusCode >= 400) {
          let error: Record<string, unknown> | undefined;
          try {
            error = res.json().error;
          } catch {
            error = undefined;
          }
          const shapeOk =
            error !== undefined &&
            typeof error.code === 'string' &&
            error.code in ERROR_CATALOGUE &&
            ERROR_CATALOGUE[error.code as keyof typeof ERROR_CATALOGUE].status === res.statusCode &&
            typeof error.message === 'string' &&
            typeof (error.messages as { th?: unknown })?.th === 'string' &&
            typeof (error.messages as { en?: unknown })?.en === 'string' &&
            error.correlationId === res.headers['x-correlation-id'];
          if (!shapeOk) problems.push(`${label}: not the catalogue shape: ${res.body.slice(0, 300)}`);
          const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
          if (changed.length) problems.push(`${label}: refused but wrote to ${changed.join(', ')}`);
        }
        before = after;
      }
    }
    if (process.env.FUZZ_STATS) console.log(ops.length, sent, JSON.stringify(statuses));
    expect(sent).toBeGreaterThan(2000);
    expect(problems.slice(0, 40)).toEqual([]);
  }, 240_000);
});
