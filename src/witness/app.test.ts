import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeLog } from '../log/verifier-testlog.js';
import { buildWitnessApp } from './app.js';
import { formatAddCheckpointBody } from './protocol.js';
import { openWitness } from './witness.js';

let dir: string;
let log: FakeLog;
let app: FastifyInstance;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'khwamdee-witness-app-'));
  log = new FakeLog().grow(10);
  app = await buildWitnessApp({ witness: openWitness({ dataDir: dir, name: 'w.test', logs: [{ origin: log.origin, verifierKey: log.verifierKey }] }), prefix: '/witness/' });
});
afterEach(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('witness HTTP surface', () => {
  it('takes the protocol body whatever its content type, and answers with status and body per tlog-witness', async () => {
    const payload = formatAddCheckpointBody(0, [], log.checkpointNote);
    const plain = await app.inject({ method: 'POST', url: '/witness/add-checkpoint', payload, headers: { 'content-type': 'text/plain' } });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(plain.body).toMatch(/^\u2014 w\.test /);
    const bare = await app.inject({
      method: 'POST',
      url: '/witness/add-checkpoint',
      payload: Buffer.from(formatAddCheckpointBody(10, [], log.checkpointNote)),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(bare.statusCode).toBe(200);
    log.grow(1);
    const stale = await app.inject({ method: 'POST', url: '/witness/add-checkpoint', payload: formatAddCheckpointBody(0, [], log.checkpointNote) });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toBe('text/x.tlog.size');
    expect(stale.body).toBe('10\n');
  });

  it('answers 400 to an empty body and 404 elsewhere', async () => {
    expect((await app.inject({ method: 'POST', url: '/witness/add-checkpoint' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/witness/add-checkpoint' })).statusCode).toBe(404);
  });
});
