// Configuration is read once from the environment into a validated object; bad config stops the start.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_EVIDENCE_LIMIT } from './core/evidence.js';
import { DEFAULT_INGEST_QUEUE_MAX } from './adapters/write-gate.js';
import { DEFAULT_HEAP_GROWTH_PERCENT } from './adapters/heap.js';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  KHWAMDEE_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** A streaming replica of DATABASE_URL for reads that may lag a little (public figures, the log, a person's score). */
  KHWAMDEE_DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Connections each process keeps to PostgreSQL (and as many again to the replica). */
  KHWAMDEE_DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(1000).default(10),
  KHWAMDEE_ADMIN_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KHWAMDEE_BODY_LIMIT: z.coerce.number().int().min(1024).max(50_000_000).default(1_048_576),
  /** Largest file accepted by POST /api/v1/imports (bytes); the file is streamed to disk, never held in memory. */
  KHWAMDEE_IMPORT_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 ** 4)
    .default(50 * 1024 * 1024),
  KHWAMDEE_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(1200),
  /** Failed bearer-token checks per client address in 5 minutes, before every token from it is refused (429). */
  KHWAMDEE_AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(10),
  /** Largest evidence file (photo or PDF) a person may upload, in bytes. */
  KHWAMDEE_EVIDENCE_LIMIT: z.coerce.number().int().min(1024).max(50_000_000).default(DEFAULT_EVIDENCE_LIMIT),
  /** Ingest transactions waiting for the database before new attestations are refused with 503 + Retry-After. */
  KHWAMDEE_INGEST_QUEUE_MAX: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_INGEST_QUEUE_MAX),
  KHWAMDEE_WITNESSES: z
    .string()
    .default('[]')
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON: [{"url":"https://witness…","key":"name+hash+base64"}]' });
        return z.NEVER;
      }
    })
    .pipe(z.array(z.object({ url: z.url({ protocol: /^https?$/ }), key: z.string().min(10) }).strict()).max(20)),
  KHWAMDEE_WITNESS_QUORUM: z.coerce.number().int().min(0).max(20).optional(),
  KHWAMDEE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  KHWAMDEE_SAMPLE_DATA: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /** The transparency log's origin (first checkpoint line and signing key name); stable per installation. */
  KHWAMDEE_LOG_ORIGIN: z
    .string()
    .regex(/^[^\s+]+$/, 'must be a key name: no spaces or "+"')
    .default('khwamdee.local/log'),
  /** Sign-in with the national digital ID (ThaID or any OpenID Connect provider sending a `pid` claim). */
  KHWAMDEE_OIDC_ISSUER: z
    .url({ protocol: /^https?$/ })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KHWAMDEE_OIDC_CLIENT_ID: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KHWAMDEE_OIDC_CLIENT_SECRET: z
    .string()
    .min(8)
    .max(500)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KHWAMDEE_OIDC_SCOPE: z
    .string()
    .regex(/^[\w:. -]+$/)
    .default('openid pid name'),
  /** Start the local development provider beside the server (demo and development only). */
  KHWAMDEE_DEV_OIDC: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  KHWAMDEE_DEV_OIDC_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  KHWAMDEE_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  KHWAMDEE_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  KHWAMDEE_WEB_ROOT: z.string().min(1).optional(),
  /** Lets partner webhooks deliver to 127.0.0.1 / ::1 (development and the demo only). */
  KHWAMDEE_WEBHOOK_ALLOW_LOOPBACK: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /** How far the server's JavaScript heap may grow past its live size before a full collection (0: V8 decides, up to 300). */
  KHWAMDEE_HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(300).default(DEFAULT_HEAP_GROWTH_PERCENT),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL only: where the reads that may lag go. */
  databaseReplicaUrl: string | undefined;
  databasePoolMax: number;
  adminToken: string | undefined;
  bodyLimit: number;
  importLimit: number;
  rateLimitPerMinute: number;
  authFailureLimit: number;
  evidenceLimit: number;
  ingestQueueMax: number;
  witnesses: Array<{ url: string; key: string }>;
  witnessQuorum: number;
  publicUrl: string;
  sampleData: boolean;
  logOrigin: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  oidc: { issuer: string; clientId: string; clientSecret: string; scope: string } | undefined;
  /** Start the local test provider (demo, development). */
  devOidc: boolean;
  devOidcPort: number;
  session: { idleMinutes: number; maxHours: number };
  webRoot: string;
  webhookAllowLoopback: boolean;
  heapGrowthPercent: number;
}

/** The built web app, next to the sources (npm run build:web). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../web/dist', import.meta.url));

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const oidcParts = [e.KHWAMDEE_OIDC_ISSUER, e.KHWAMDEE_OIDC_CLIENT_ID, e.KHWAMDEE_OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean))
    throw new ConfigError('invalid configuration:\n  KHWAMDEE_OIDC_ISSUER, KHWAMDEE_OIDC_CLIENT_ID, KHWAMDEE_OIDC_CLIENT_SECRET: set all three or none');
  if (e.KHWAMDEE_OIDC_ISSUER?.startsWith('http:') && !isLoopback(e.KHWAMDEE_OIDC_ISSUER))
    throw new ConfigError('invalid configuration:\n  KHWAMDEE_OIDC_ISSUER: must be https (plain http only for a provider on this machine)');
  if (e.KHWAMDEE_OIDC_ISSUER && e.KHWAMDEE_DEV_OIDC) throw new ConfigError('invalid configuration:\n  KHWAMDEE_DEV_OIDC: cannot be combined with KHWAMDEE_OIDC_ISSUER');
  if (e.KHWAMDEE_DATABASE_REPLICA_URL && !e.DATABASE_URL)
    throw new ConfigError('invalid configuration:\n  KHWAMDEE_DATABASE_REPLICA_URL: a replica needs DATABASE_URL (PostgreSQL); SQLite has none');
  if ((e.KHWAMDEE_WITNESS_QUORUM ?? 0) > e.KHWAMDEE_WITNESSES.length)
    throw new ConfigError('invalid configuration:\n  KHWAMDEE_WITNESS_QUORUM: larger than the number of KHWAMDEE_WITNESSES');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.KHWAMDEE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrl: e.KHWAMDEE_DATABASE_REPLICA_URL,
    databasePoolMax: e.KHWAMDEE_DATABASE_POOL_MAX,
    adminToken: e.KHWAMDEE_ADMIN_TOKEN,
    bodyLimit: e.KHWAMDEE_BODY_LIMIT,
    importLimit: e.KHWAMDEE_IMPORT_LIMIT,
    rateLimitPerMinute: e.KHWAMDEE_RATE_LIMIT,
    authFailureLimit: e.KHWAMDEE_AUTH_FAILURE_LIMIT,
    evidenceLimit: e.KHWAMDEE_EVIDENCE_LIMIT,
    ingestQueueMax: e.KHWAMDEE_INGEST_QUEUE_MAX,
    witnesses: e.KHWAMDEE_WITNESSES,
    witnessQuorum: e.KHWAMDEE_WITNESS_QUORUM ?? e.KHWAMDEE_WITNESSES.length,
    publicUrl: (e.KHWAMDEE_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    sampleData: e.KHWAMDEE_SAMPLE_DATA,
    logOrigin: e.KHWAMDEE_LOG_ORIGIN,
    logLevel: e.LOG_LEVEL,
    oidc: e.KHWAMDEE_OIDC_ISSUER
      ? { issuer: e.KHWAMDEE_OIDC_ISSUER, clientId: e.KHWAMDEE_OIDC_CLIENT_ID!, clientSecret: e.KHWAMDEE_OIDC_CLIENT_SECRET!, scope: e.KHWAMDEE_OIDC_SCOPE }
      : undefined,
    devOidc: e.KHWAMDEE_DEV_OIDC,
    devOidcPort: e.KHWAMDEE_DEV_OIDC_PORT,
    session: { idleMinutes: e.KHWAMDEE_SESSION_IDLE_MINUTES, maxHours: e.KHWAMDEE_SESSION_MAX_HOURS },
    webRoot: e.KHWAMDEE_WEB_ROOT ? resolve(e.KHWAMDEE_WEB_ROOT) : DEFAULT_WEB_ROOT,
    webhookAllowLoopback: e.KHWAMDEE_WEBHOOK_ALLOW_LOOPBACK,
    heapGrowthPercent: e.KHWAMDEE_HEAP_GROWTH_PERCENT,
  };
}
