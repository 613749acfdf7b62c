// The data the HTTP sections serve, written before the server starts (untimed) through the same
// services, on the installation the server then opens (same data directory and secrets, same
// database): readers — people with credits this year and a personal token each — and writers with
// no deeds yet, for the attestations of the mixed run, plus an API key of the issuing agency.
import { bangkokDay, bangkokYear, addCalendarDays, daysBetween } from '../src/core/calendar.js';
import { openPlatform } from '../src/platform.js';
import type { AttestationInput } from '../src/services/attestations.js';
import { check } from './check.js';
import { ADMIN, enrolPeople, INDICATOR, TRC_ISSUER } from './setup.js';

/** Deeds of one person lie this many days apart: more than the indicator's 14-day minimum interval. */
const SPACING_DAYS = 15;
/** Full credits of one indicator (70 points) a person can have before the yearly 1,000-point ceiling. */
const CREDITED_PER_YEAR = 14;
/** Credits each reader has before the reads are timed. */
const READER_DEEDS = 3;

export interface Reader {
  id: string;
  token: string;
}

export interface HttpFixture {
  /** The Bangkok year the readers' credits are in (the year asked for). */
  year: number;
  readers: Reader[];
  writers: string[];
  /** Deeds each writer can still be credited with this year. */
  writerSlots: number;
  /** An API key of the issuing agency (TRC). */
  agencyToken: string;
}

/**
 * Day of person p's k-th deed, counted back from yesterday (never in the future, never in a closed
 * year) and spread over 15 days of offsets so that deeds of different people differ.
 */
export function deedDay(today: string, p: number, k: number): string {
  return addCalendarDays(today, -1 - (p % SPACING_DAYS) - k * SPACING_DAYS);
}

/** How many deeds a person can still be credited with in full this year before `today`, 15 days apart, for any p. */
export function slotsThisYear(today: string): number {
  const sinceNewYear = daysBetween(`${today.slice(0, 4)}-01-01`, today);
  return Math.min(CREDITED_PER_YEAR, Math.max(0, Math.floor((sinceNewYear - SPACING_DAYS) / SPACING_DAYS) + 1));
}

export function deed(ref: string, accountId: string, day: string, n: number): AttestationInput {
  return {
    ref,
    subject: { accountId },
    indicator: INDICATOR,
    occurredAt: `${day}T${String(8 + (n % 9)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00+07:00`,
    evidence: { donationNo: `${ref.toUpperCase()}` },
  };
}

export async function fillHttpFixture(opts: { dataDir: string; databaseUrl?: string | undefined; readers: number; writers: number }): Promise<HttpFixture> {
  const platform = await openPlatform({
    dataDir: opts.dataDir,
    databaseUrl: opts.databaseUrl,
    sequencer: { autoStart: false },
    webhooks: { autoStart: false },
    imports: { autoStart: false },
  });
  try {
    const now = platform.clock.now();
    const today = bangkokDay(now);
    const slots = slotsThisYear(today);
    check(slots >= READER_DEEDS + 1, `only ${slots} deed slots left this year: the HTTP sections need a date after mid-February`);
    const { services } = platform;
    const readerIds = await enrolPeople({ services }, opts.readers, 7);
    const inputs = readerIds.flatMap((id, p) => Array.from({ length: READER_DEEDS }, (_, k) => deed(`rd-${p}-${k}`, id, deedDay(today, p, k), p)));
    for (let i = 0; i < inputs.length; i += 500) {
      const outcomes = await services.attestations.submitMany(TRC_ISSUER, inputs.slice(i, i + 500));
      const bad = outcomes.filter((o) => !o.ok || o.result.status !== 'credited');
      check(bad.length === 0, `http fixture: ${bad.length} reader deeds not credited: ${JSON.stringify(bad[0])}`);
    }
    const readers: Reader[] = [];
    for (const id of readerIds) readers.push({ id, token: (await services.agencies.createPersonToken(ADMIN, id)).token });
    const writers = await enrolPeople({ services }, opts.writers, 8);
    const { token: agencyToken } = await services.agencies.createKey(ADMIN, TRC_ISSUER.kind === 'agency' ? TRC_ISSUER.agency : 'trc', 'bench');
    // Deeds are counted back from yesterday: all of them fall in this year by the check above.
    return { year: bangkokYear(now), readers, writers, writerSlots: slots, agencyToken };
  } finally {
    await platform.close();
  }
}
