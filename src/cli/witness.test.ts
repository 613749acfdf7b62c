import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeLog } from '../log/verifier-testlog.js';
import { requestCosignature, verifyCosignedCheckpoint } from '../log/witness-client.js';
import { parseWitnessedLog, runWitness } from './witness.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'khwamdee-witness-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('khwamdee witness', () => {
  it('generates its key on first start, prints it, serves cosignatures and keeps its key across restarts', async () => {
    const log = new FakeLog().grow(42);
    const lines: string[] = [];
    const opts = { port: 0, host: '127.0.0.1', dataDir: dir, name: 'witness.agency.test', logs: [parseWitnessedLog(log.verifierKey)], out: (l: string) => lines.push(l) };
    const first = await runWitness(opts);
    try {
      expect(lines[0]).toMatch(/^generated a new witness key/);
      expect(lines).toContain(`witness witness.agency.test verifier key: ${first.verifierKey}`);
      const cosig = await requestCosignature({ witnessUrl: first.address, oldSize: 0, proof: [], checkpointNote: log.checkpointNote, witnessKey: first.verifierKey });
      expect(verifyCosignedCheckpoint(log.checkpointNote + cosig.join(''), log.verifierKey, [first.verifierKey]).ok).toBe(true);
    } finally {
      await first.stop();
    }
    lines.length = 0;
    const second = await runWitness(opts);
    try {
      expect(second.verifierKey).toBe(first.verifierKey);
      expect(lines.some((l) => l.startsWith('generated'))).toBe(false);
      expect(lines).toContain(`witnessing ${log.origin} (${log.verifierKey}), last cosigned size 42`);
    } finally {
      await second.stop();
    }
  });

  it('parses --log arguments with or without an explicit origin', () => {
    const log = new FakeLog();
    expect(parseWitnessedLog(log.verifierKey)).toEqual({ origin: log.origin, verifierKey: log.verifierKey });
    expect(parseWitnessedLog(`other.test/log=${log.verifierKey}`)).toEqual({ origin: 'other.test/log', verifierKey: log.verifierKey });
    expect(() => parseWitnessedLog('garbage')).toThrow();
  });

  it('refuses to start without logs', async () => {
    await expect(runWitness({ port: 0, host: '127.0.0.1', dataDir: dir, name: 'w.test', logs: [] })).rejects.toThrow(/at least one log/);
  });
});
