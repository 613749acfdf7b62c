// `khwamdee serve`: the platform as a long-running HTTP server.
import { randomBytes } from 'node:crypto';
import { bangkokYear } from '../core/calendar.js';
import type { Config } from '../config.js';
import { openPlatform } from '../platform.js';
import { buildApp } from '../http/app.js';
import { loadSampleData } from '../services/sample-data.js';

export async function serve(config: Config, out: (line: string) => void): Promise<() => Promise<void>> {
  let adminToken = config.adminToken;
  if (config.sampleData && !adminToken) adminToken = `demo-${randomBytes(18).toString('base64url')}`;
  const platform = await openPlatform({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    adminToken,
    logOrigin: config.logOrigin,
    publicUrl: config.publicUrl,
    witnesses: config.witnesses,
    witnessQuorum: config.witnessQuorum,
    imports: { limitBytes: config.importLimit },
  });
  const app = await buildApp({
    services: platform.services,
    db: platform.store.db,
    bodyLimit: config.bodyLimit,
    rateLimitPerMinute: config.rateLimitPerMinute,
    logLevel: config.logLevel,
  });

  if (config.sampleData) {
    const empty = (await platform.store.db.selectFrom('accounts').select('id').limit(1).execute()).length === 0;
    if (empty) {
      const sample = await loadSampleData(platform.services, bangkokYear(new Date()));
      const first = sample.people[0];
      if (first) {
        const token = await platform.services.agencies.createPersonToken({ kind: 'admin' }, first.id);
        out(`sample data: ${sample.people.length} people; ${first.displayName} (${first.id}) can sign in with token ${token.token}`);
      }
    }
  }

  const address = await app.listen({ port: config.port, host: config.host });
  out(`Khwamdee (ความดี) is running: ${address}/docs  (database: ${platform.store.dialect}${platform.store.dialect === 'sqlite' ? `, data in ${config.dataDir}` : ''})`);
  if (config.sampleData && !config.adminToken) out(`demo admin token (this run only): ${adminToken}`);
  return async () => {
    await app.close();
    await platform.close();
  };
}
