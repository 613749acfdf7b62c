// Witnesses between operators: the log publishes only checkpoints a witness cosigned, and a
// witness refuses a forked history signed with the same key.
import { mkdtempSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateLogKey } from '../src/adapters/log-key.js';
import { generateSecrets } from '../src/adapters/secrets.js';
import { fixedClock } from '../src/adapters/clock.js';
import { openPlatform, type Platform } from '../src/platform.js';
import { buildApp } from '../src/http/app.js';
import { openWitness } from '../src/witness/witness.js';
import { buildWitnessApp } from '../src/witness/app.js';
import { verifyCosignedCheckpoint } from '../src/log/witness-client.js';
import { runLogVerify } from '../src/cli/log-verify.js';
import { ADMIN_TOKEN } from './support/platforms.js';
import { agencyToken, attest, enrolPerson } from './support/helpers.js';

const ORIGIN = 'khwamdee.test/log';
const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'khwamdee-witness-'));
  dirs.push(d);
  return d;
};

describe('witnessed checkpoints', () => {
  let witnessApp: FastifyInstance;
  let witnessUrl: string;
  let witnessKey: string;
  let logKey: string;
  const dataDir = temp();
  const opened: Array<{ platform: Platform; app: FastifyInstance }> = [];

  async function open(dir: string) {
    const platform = await openPlatform({
      dataDir: dir,
      adminToken: ADMIN_TOKEN,
      logOrigin: ORIGIN,
      clock: fixedClock(new Date('2026-06-15T03:00:00Z')),
      secrets: generateSecrets(),
      sequencer: { autoStart: false },
      webhooks: { autoStart: false },
      witnesses: [{ url: witnessUrl, key: witnessKey }],
      witnessQuorum: 1,
    });
    const app = await buildApp({ services: platform.services, db: platform.store.db, sessionSecret: platform.sessionSecret });
    opened.push({ platform, app });
    return { platform, app };
  }

  beforeAll(async () => {
    logKey = loadOrCreateLogKey(dataDir, ORIGIN).verifierKey;
    const witness = openWitness({ dataDir: temp(), name: 'witness.trc.example', logs: [{ origin: ORIGIN, verifierKey: logKey }] });
    witnessKey = witness.verifierKey;
    witnessApp = await buildWitnessApp({ witness });
    witnessUrl = await witnessApp.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const o of opened) {
      await o.app.close();
      await o.platform.close();
    }
    await witnessApp?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('publishes a checkpoint only once a witness cosigned it, and the verifier checks the k-of-n policy', async () => {
    const { platform, app } = await open(dataDir);
    const trc = await agencyToken(app, 'trc');
    const deed = async (n: number) => {
      const person = await enrolPerson(app);
      expect(
        (
          await attest(app, trc, {
            ref: `w-${n}-${person.id}`,
            subject: { accountId: person.id },
            indicator: 'trc.blood.red-cell',
            occurredAt: '2026-05-01T09:00:00+07:00',
            evidence: { no: String(n) },
          })
        ).json().status,
      ).toBe('credited');
    };
    await deed(1);
    await platform.sequencer.integrateOnce();
    expect((await app.inject({ method: 'GET', url: '/log/checkpoint' })).statusCode).toBe(404);
    expect(await platform.services.cosigner.cosignLatest()).toBe(1);
    const first = (await app.inject({ method: 'GET', url: '/log/checkpoint' })).body;
    expect(verifyCosignedCheckpoint(first, logKey, [witnessKey], 1)).toMatchObject({ ok: true, quorumMet: true });

    // The witness follows the log as it grows (consistency proofs from the size it holds).
    await deed(2);
    await deed(3);
    await platform.sequencer.integrateOnce();
    expect(await platform.services.cosigner.cosignLatest()).toBe(1);
    const second = (await app.inject({ method: 'GET', url: '/log/checkpoint' })).body;
    expect(second.split('\n')[1]).toBe('3');
    expect(verifyCosignedCheckpoint(second, logKey, [witnessKey], 1).ok).toBe(true);

    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const lines: string[] = [];
    const code = await runLogVerify(url, { state: join(temp(), 's.json'), logKey, witness: [witnessKey], quorum: 1, out: (l) => lines.push(l) });
    expect(code, lines.join('\n')).toBe(0);
  });

  it('gets no cosignature for a forked history signed with the same key, so it is never published', async () => {
    // Another operator holding a copy of the key (and of the data before the fork) writes a different history.
    const forkDir = temp();
    cpSync(join(dataDir, 'log-key'), join(forkDir, 'log-key'));
    const { platform, app } = await open(forkDir);
    const trc = await agencyToken(app, 'trc');
    for (let n = 0; n < 4; n++) {
      const person = await enrolPerson(app);
      await attest(app, trc, {
        ref: `fork-${n}`,
        subject: { accountId: person.id },
        indicator: 'trc.blood.platelets',
        occurredAt: '2026-05-02T09:00:00+07:00',
        evidence: { no: String(n) },
      });
    }
    await platform.sequencer.integrateOnce();
    expect(await platform.services.cosigner.cosignLatest()).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/log/checkpoint' })).statusCode).toBe(404);
  });
});
