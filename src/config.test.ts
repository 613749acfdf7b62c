import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to SQLite in ./data on 127.0.0.1:8080', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: undefined, sampleData: false });
    expect(c.dataDir.endsWith('/data')).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ KHWAMDEE_ADMIN_TOKEN: 'short' }, 'KHWAMDEE_ADMIN_TOKEN'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('refuses %o', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('reads PostgreSQL and the admin token', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db', KHWAMDEE_ADMIN_TOKEN: 'x'.repeat(32), PORT: '0' });
    expect(c).toMatchObject({ databaseUrl: 'postgres://u@127.0.0.1/db', adminToken: 'x'.repeat(32), port: 0 });
  });
});
