// Opens a platform on a fresh SQLite file and generates the people and deeds the benchmark posts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../src/adapters/clock.js';
import { generateSecrets } from '../src/adapters/secrets.js';
import type { Principal } from '../src/core/access.js';
import { withThaiCheckDigit } from '../src/core/ids.js';
import { openPlatform, type Platform } from '../src/platform.js';
import type { AttestationInput } from '../src/services/attestations.js';

export const AREA = '500204';
export const INDICATOR = 'trc.blood.platelets'; // 14-day minimum interval, equivalence group per day
export const YEAR = 2026;
/** Deeds of one person are this many days apart: more than the 14-day interval, so all are credited. */
const SPACING_DAYS = 15;
export const MAX_DEEDS_PER_PERSON = Math.floor(365 / SPACING_DAYS) - 1;

export const ADMIN: Principal = { kind: 'admin' };
export const TRC_ISSUER: Principal = { kind: 'agency', agency: 'trc', roles: ['issuer'], indicatorScopes: ['trc.*'], areaScopes: [] };

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `khwamdee-bench-${label}-`));
}

/**
 * A platform with its background loops off unless asked for: the log sequencer (which integrates
 * posted leaves into the Merkle tree every 250 ms on the same connection) and webhook delivery.
 */
export async function openBenchPlatform(dataDir: string, opts: { sequencer: boolean; databaseUrl?: string }): Promise<Platform> {
  // After every deed of the year, so no deed is "in the future".
  const clock = fixedClock(new Date(`${YEAR}-12-31T12:00:00Z`));
  return openPlatform({
    dataDir,
    databaseUrl: opts.databaseUrl,
    clock,
    secrets: generateSecrets(),
    adminToken: 'bench-admin-token-0123456789abcdef',
    sequencer: { autoStart: opts.sequencer },
    webhooks: { autoStart: false },
  });
}

/** Enrols `count` people (untimed) and returns their account ids. `series` keeps ID ranges apart. */
export async function enrolPeople(platform: Pick<Platform, 'services'>, count: number, series: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const nationalId = withThaiCheckDigit(`${series}${String(i).padStart(11, '0')}`);
    const { id } = await platform.services.enrolment.enrol(ADMIN, {
      kind: 'person',
      nationalId,
      displayName: `ผู้ทดสอบ ${i}`,
      areaCode: AREA,
      consents: ['enrolment', 'health'],
    });
    ids.push(id);
  }
  return ids;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * `count` platelet donations spread round-robin over the accounts: deed i goes to person i % P as
 * that person's k-th donation (k = ⌊i / P⌋), SPACING_DAYS apart, at a person-specific time of day.
 */
export function plateletDeeds(accountIds: readonly string[], count: number, refPrefix: string): AttestationInput[] {
  const people = accountIds.length;
  if (Math.ceil(count / people) > MAX_DEEDS_PER_PERSON) throw new Error(`${count} deeds over ${people} people is more than ${MAX_DEEDS_PER_PERSON} each: add people`);
  const yearStart = Date.UTC(YEAR, 0, 1);
  const out: AttestationInput[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const p = i % people;
    const k = Math.floor(i / people);
    const day = new Date(yearStart + ((p % SPACING_DAYS) + k * SPACING_DAYS) * 86_400_000).toISOString().slice(0, 10);
    out[i] = {
      ref: `${refPrefix}-${i}`,
      subject: { accountId: accountIds[p]! },
      indicator: INDICATOR,
      occurredAt: `${day}T${pad2(8 + (p % 9))}:${pad2(p % 60)}:00+07:00`,
      evidence: { donationNo: `${refPrefix.toUpperCase()}${String(i).padStart(8, '0')}` },
    };
  }
  return out;
}
