// A server process for test/log-crash.test.ts, which kills it with SIGKILL in the middle of a burst
// of attestations: the platform with its sequencer running on a short interval, over real HTTP.
// Env: DATA_DIR, ADMIN_TOKEN, DATABASE_URL (optional), LOG_INTERVAL_MS, LOG_BATCH_MAX.
import { openPlatform } from '../src/platform.js';
import { buildApp } from '../src/http/app.js';

const env = process.env;
const platform = await openPlatform({
  dataDir: env.DATA_DIR!,
  databaseUrl: env.DATABASE_URL || undefined,
  adminToken: env.ADMIN_TOKEN,
  sequencer: { intervalMs: Number(env.LOG_INTERVAL_MS ?? 20), batchMax: Number(env.LOG_BATCH_MAX ?? 50_000) },
});
const app = await buildApp({ services: platform.services, db: platform.store.db, sessionSecret: platform.sessionSecret });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
process.on('SIGTERM', () => {
  void (async () => {
    await app.close();
    await platform.close();
    process.exit(0);
  })();
});
