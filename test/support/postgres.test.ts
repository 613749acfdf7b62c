import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { expect, inject, test } from 'vitest';
import { createDatabase, dropDatabase } from './postgres.js';

test('throwaway PostgreSQL accepts a database, a table and a row', async () => {
  const adminUrl = inject('pgUrl');
  expect(adminUrl).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);

  const name = `harness_${randomBytes(4).toString('hex')}`;
  const url = await createDatabase(adminUrl, name);
  try {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('CREATE TABLE deed (id serial PRIMARY KEY, title text NOT NULL)');
      await client.query('INSERT INTO deed (title) VALUES ($1)', ['ความดี']);
      const { rows } = await client.query<{ id: number; title: string }>('SELECT id, title FROM deed');
      expect(rows).toEqual([{ id: 1, title: 'ความดี' }]);
      const db = await client.query<{ db: string }>('SELECT current_database() AS db');
      expect(db.rows[0]?.db).toBe(name);
    } finally {
      await client.end();
    }
  } finally {
    await dropDatabase(adminUrl, name);
  }
  const probe = new pg.Client({ connectionString: adminUrl });
  await probe.connect();
  const left = await probe.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  await probe.end();
  expect(left.rowCount).toBe(0);
});
