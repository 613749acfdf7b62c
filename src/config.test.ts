import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to SQLite in ./data on 127.0.0.1:8080', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: undefined, sampleData: false, evidenceLimit: 5 * 1024 * 1024 });
    expect(c.dataDir.endsWith('/data')).toBe(true);
  });

  it('refuses webhooks to loopback unless KHWAMDEE_WEBHOOK_ALLOW_LOOPBACK, and limits failed tokens to 10 per address', () => {
    expect(loadConfig({})).toMatchObject({ webhookAllowLoopback: false, authFailureLimit: 10 });
    expect(loadConfig({ KHWAMDEE_WEBHOOK_ALLOW_LOOPBACK: '1', KHWAMDEE_AUTH_FAILURE_LIMIT: '3' })).toMatchObject({ webhookAllowLoopback: true, authFailureLimit: 3 });
    expect(() => loadConfig({ KHWAMDEE_WEBHOOK_ALLOW_LOOPBACK: 'yes' })).toThrow(ConfigError);
  });

  it('allows 50 MiB imports unless KHWAMDEE_IMPORT_LIMIT says otherwise', () => {
    expect(loadConfig({}).importLimit).toBe(52_428_800);
    expect(loadConfig({ KHWAMDEE_IMPORT_LIMIT: '2147483648' }).importLimit).toBe(2_147_483_648);
  });

  it('lets the heap grow to 1.5 × its live size unless KHWAMDEE_HEAP_GROWTH_PERCENT says otherwise (0: V8 decides)', () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(50);
    expect(loadConfig({ KHWAMDEE_HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(loadConfig({ KHWAMDEE_HEAP_GROWTH_PERCENT: '100' }).heapGrowthPercent).toBe(100);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ KHWAMDEE_HEAP_GROWTH_PERCENT: '301' }, 'KHWAMDEE_HEAP_GROWTH_PERCENT'],
    [{ KHWAMDEE_HEAP_GROWTH_PERCENT: '1.5' }, 'KHWAMDEE_HEAP_GROWTH_PERCENT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ KHWAMDEE_ADMIN_TOKEN: 'short' }, 'KHWAMDEE_ADMIN_TOKEN'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ KHWAMDEE_EVIDENCE_LIMIT: '5MB' }, 'KHWAMDEE_EVIDENCE_LIMIT'],
    [{ KHWAMDEE_EVIDENCE_LIMIT: '10' }, 'KHWAMDEE_EVIDENCE_LIMIT'],
    [{ KHWAMDEE_WITNESSES: 'not json' }, 'KHWAMDEE_WITNESSES'],
    [{ KHWAMDEE_WITNESSES: '[{"url":"ftp://w","key":"witness+abcd+xyz"}]' }, 'KHWAMDEE_WITNESSES'],
    [{ KHWAMDEE_WITNESSES: '[]', KHWAMDEE_WITNESS_QUORUM: '1' }, 'KHWAMDEE_WITNESS_QUORUM'],
    [{ KHWAMDEE_IMPORT_LIMIT: '50MB' }, 'KHWAMDEE_IMPORT_LIMIT'],
    [{ KHWAMDEE_IMPORT_LIMIT: '10' }, 'KHWAMDEE_IMPORT_LIMIT'],
  ])('refuses %o', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('reads PostgreSQL and the admin token', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db', KHWAMDEE_ADMIN_TOKEN: 'x'.repeat(32), PORT: '0' });
    expect(c).toMatchObject({ databaseUrl: 'postgres://u@127.0.0.1/db', adminToken: 'x'.repeat(32), port: 0 });
  });

  it('reads a read replica and the pool size for PostgreSQL, and refuses a replica on SQLite', () => {
    expect(loadConfig({})).toMatchObject({ databaseReplicaUrl: undefined, databasePoolMax: 10 });
    const c = loadConfig({ DATABASE_URL: 'postgres://u@10.0.0.1/db', KHWAMDEE_DATABASE_REPLICA_URL: 'postgresql://u@10.0.0.2/db', KHWAMDEE_DATABASE_POOL_MAX: '40' });
    expect(c).toMatchObject({ databaseReplicaUrl: 'postgresql://u@10.0.0.2/db', databasePoolMax: 40 });
    expect(() => loadConfig({ KHWAMDEE_DATABASE_REPLICA_URL: 'postgres://u@10.0.0.2/db' })).toThrow(/KHWAMDEE_DATABASE_REPLICA_URL: a replica needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h/db', KHWAMDEE_DATABASE_REPLICA_URL: 'mysql://r' })).toThrow('KHWAMDEE_DATABASE_REPLICA_URL');
    expect(() => loadConfig({ KHWAMDEE_DATABASE_POOL_MAX: '1' })).toThrow('KHWAMDEE_DATABASE_POOL_MAX');
  });

  it('reads witnesses and defaults the quorum to all of them', () => {
    const c = loadConfig({ KHWAMDEE_WITNESSES: '[{"url":"http://127.0.0.1:9000","key":"w1+0123abcd+AAAA"},{"url":"https://w2.example","key":"w2+0123abcd+BBBB"}]' });
    expect(c.witnesses).toHaveLength(2);
    expect(c.witnessQuorum).toBe(2);
    expect(loadConfig({ KHWAMDEE_WITNESSES: c.witnesses.length ? JSON.stringify(c.witnesses) : '[]', KHWAMDEE_WITNESS_QUORUM: '1' }).witnessQuorum).toBe(1);
  });
});
