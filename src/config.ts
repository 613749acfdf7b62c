// Configuration is read once from the environment into a validated object; bad config stops the start.
import { resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  KHWAMDEE_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminToken: string | undefined;
  bodyLimit: number;
  importLimit: number;
  rateLimitPerMinute: number;
  witnesses: Array<{ url: string; key: string }>;
  witnessQuorum: number;
  publicUrl: string;
  sampleData: boolean;
  logOrigin: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.KHWAMDEE_WITNESS_QUORUM ?? 0) > e.KHWAMDEE_WITNESSES.length)
    throw new ConfigError('invalid configuration:\n  KHWAMDEE_WITNESS_QUORUM: larger than the number of KHWAMDEE_WITNESSES');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.KHWAMDEE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    adminToken: e.KHWAMDEE_ADMIN_TOKEN,
    bodyLimit: e.KHWAMDEE_BODY_LIMIT,
    importLimit: e.KHWAMDEE_IMPORT_LIMIT,
    rateLimitPerMinute: e.KHWAMDEE_RATE_LIMIT,
    witnesses: e.KHWAMDEE_WITNESSES,
    witnessQuorum: e.KHWAMDEE_WITNESS_QUORUM ?? e.KHWAMDEE_WITNESSES.length,
    publicUrl: (e.KHWAMDEE_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    sampleData: e.KHWAMDEE_SAMPLE_DATA,
    logOrigin: e.KHWAMDEE_LOG_ORIGIN,
    logLevel: e.LOG_LEVEL,
  };
}
