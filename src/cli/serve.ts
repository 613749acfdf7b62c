// `khwamdee serve`: the platform as a long-running HTTP server, with the web app and, for the demo
// and development, the local OpenID Connect provider beside it.
import { randomBytes } from 'node:crypto';
import { offsetClock, systemClock } from '../adapters/clock.js';
import { bangkokYear } from '../core/calendar.js';
import type { Config } from '../config.js';
import { openPlatform } from '../platform.js';
import { limitHeapGrowth } from '../adapters/heap.js';
import { buildApp } from '../http/app.js';
import { createOidcClient, type OidcClient } from '../adapters/oidc-client.js';
import { startDevProvider, type DevProvider } from '../oidc-dev/provider.js';
import { SAMPLE_PEOPLE, SAMPLE_STAFF, loadSampleData } from '../services/sample-data.js';

export async function serve(config: Config, out: (line: string) => void): Promise<() => Promise<void>> {
  limitHeapGrowth(config.heapGrowthPercent);
  let adminToken = config.adminToken;
  if (config.sampleData && !adminToken) adminToken = `demo-${randomBytes(18).toString('base64url')}`;
  const clock = offsetClock(systemClock);
  const platform = await openPlatform({
    clock,
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    databaseReplicaUrl: config.databaseReplicaUrl,
    databasePoolMax: config.databasePoolMax,
    adminToken,
    logOrigin: config.logOrigin,
    publicUrl: config.publicUrl,
    witnesses: config.witnesses,
    witnessQuorum: config.witnessQuorum,
    evidenceLimit: config.evidenceLimit,
    ingestQueueMax: config.ingestQueueMax,
    imports: { limitBytes: config.importLimit },
    webhooks: { allowLoopback: config.webhookAllowLoopback },
  });

  const redirectUri = `${config.publicUrl}/auth/callback`;
  let devProvider: DevProvider | undefined;
  let oidc: OidcClient | undefined;
  if (config.devOidc) {
    // A fresh client secret each run: the local provider and this server are started together.
    const client = { clientId: 'khwamdee-web', clientSecret: randomBytes(24).toString('base64url'), redirectUris: [redirectUri] };
    const people = [...SAMPLE_PEOPLE.map((p) => ({ pid: p.id, name: p.name, note: p.note })), ...SAMPLE_STAFF.map((s) => ({ pid: s.id, name: s.name, note: s.note }))];
    devProvider = await startDevProvider({ host: config.host, port: config.devOidcPort, client, people });
    oidc = createOidcClient({ issuer: devProvider.issuer, clientId: client.clientId, clientSecret: client.clientSecret, redirectUri, scope: 'openid pid name' });
  } else if (config.oidc) {
    oidc = createOidcClient({ ...config.oidc, redirectUri });
  }

  const app = await buildApp({
    services: platform.services,
    db: platform.store.db,
    sessionSecret: platform.sessionSecret,
    bodyLimit: config.bodyLimit,
    rateLimitPerMinute: config.rateLimitPerMinute,
    // Several processes on one PostgreSQL database count every caller's requests together.
    limitStore: platform.store.dialect === 'postgres' ? 'database' : 'memory',
    authFailures: { max: config.authFailureLimit, windowMs: 5 * 60_000 },
    logLevel: config.logLevel,
    oidc,
    publicUrl: config.publicUrl,
    session: config.session,
    webRoot: config.webRoot,
  });

  if (config.sampleData) {
    const empty = (await platform.store.db.selectFrom('accounts').select('id').limit(1).execute()).length === 0;
    if (empty) {
      // The sample is a history, so it is written as of yesterday: the public statistics count what
      // was recorded before today, and would otherwise show the demo's figures only tomorrow.
      const now = platform.clock.now();
      clock.setOffset(-24 * 3600_000);
      let sample: Awaited<ReturnType<typeof loadSampleData>>;
      try {
        sample = await loadSampleData(platform.services, bangkokYear(now), now);
      } finally {
        clock.setOffset(0);
      }
      const first = sample.people[0];
      if (first) {
        const token = await platform.services.agencies.createPersonToken({ kind: 'admin' }, first.id);
        out(`sample data: ${sample.people.length} people; ${first.displayName} (${first.id}) can also use the API with token ${token.token}`);
      }
    }
  }

  const address = await app.listen({ port: config.port, host: config.host });
  const where = platform.store.dialect === 'sqlite' ? `, data in ${config.dataDir}` : config.databaseReplicaUrl ? ', reads from the replica' : '';
  out(`Khwamdee (ความดี) is running: ${address}/docs  (database: ${platform.store.dialect}${where})`);
  out(`open ${config.publicUrl}/ in a browser`);

  if (devProvider) {
    out(`sign in with the local test provider (${devProvider.issuer}): choose "${SAMPLE_PEOPLE[0].name}" for a citizen, or "${SAMPLE_STAFF[0].name}" for a Khuang Pao officer`);
  } else if (!oidc) {
    out('sign-in is off: set KHWAMDEE_OIDC_ISSUER, KHWAMDEE_OIDC_CLIENT_ID and KHWAMDEE_OIDC_CLIENT_SECRET (or KHWAMDEE_DEV_OIDC=1 for the local test provider)');
  }
  if (config.sampleData && !config.adminToken) out(`demo admin token (this run only): ${adminToken}`);
  return async () => {
    await app.close();
    await devProvider?.close();
    await platform.close();
  };
}
