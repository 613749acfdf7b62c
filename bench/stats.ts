// What the public statistics cost: `npm run bench:stats` (or `-- --credits 1000000 --people 200000`).
// Fills a fresh SQLite platform with people in all 77 provinces (most with the statistics consent)
// and credits over two years, written straight into the tables (the read path is what is measured),
// then times the grouped pass, a whole uncached answer (query + suppression of every year) and a
// cached one. `--covering` first adds a covering index on credits, to see what one would buy.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { fixedClock } from '../src/adapters/clock.js';
import { generateSecrets } from '../src/adapters/secrets.js';
import { DOMAINS } from '../src/core/catalogue.js';
import { openPlatform } from '../src/platform.js';
import { statisticsRepo } from '../src/store/repos/statistics.js';
import { tempDir } from './setup.js';
import { int, mulberry32, startTimer } from './timing.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
  return v;
}

async function main(dir: string) {
  const credits = flag('credits', 100_000);
  const people = flag('people', Math.max(1, Math.round(credits / 5)));
  const clock = fixedClock(new Date('2026-12-31T12:00:00Z'));
  const platform = await openPlatform({ dataDir: dir, clock, secrets: generateSecrets(), sequencer: { autoStart: false }, webhooks: { autoStart: false } });
  const { db } = platform.store;
  try {
    const rand = mulberry32(2026);
    const subdistricts = (await db.selectFrom('areas').select('code').where('level', '=', 'subdistrict').execute()).map((r) => r.code);
    const fill = startTimer();
    const at = '2026-01-01T00:00:00.000Z';
    const ids = Array.from({ length: people }, (_, i) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`);
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < people; i += 500) {
        const chunk = ids.slice(i, i + 500);
        await trx
          .insertInto('accounts')
          .values(
            chunk.map((id) => ({
              id,
              kind: 'person' as const,
              display_name: 'ผู้ทดสอบ',
              area_code: subdistricts[Math.floor(rand() * subdistricts.length)]!,
              scale_max: 1000,
              identifier_hash: null,
              identifier_enc: null,
              subject_key_enc: null,
              status: 'active' as const,
              created_at: at,
            })),
          )
          .execute();
        // Nine in ten consent to statistics.
        const consents = chunk.flatMap((id) => [
          { account_id: id, purpose: 'enrolment', notice_version: 'bench', given_at: at, withdrawn_at: null },
          ...(rand() < 0.9 ? [{ account_id: id, purpose: 'statistics', notice_version: 'bench', given_at: at, withdrawn_at: null }] : []),
        ]);
        await trx.insertInto('consents').values(consents).execute();
      }
      const rows = [];
      for (let i = 0; i < credits; i++) {
        const year = rand() < 0.5 ? 2025 : 2026;
        const day = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-10`;
        rows.push({
          id: `00000000-0000-7000-9000-${String(i).padStart(12, '0')}`,
          attestation_id: `00000000-0000-7000-a000-${String(i).padStart(12, '0')}`,
          account_id: ids[Math.floor(rand() * people)]!,
          indicator_code: 'bench.deed',
          equivalence_group: 'bench.deed',
          domain: DOMAINS[Math.floor(rand() * rand() * DOMAINS.length)]!,
          year,
          bangkok_day: day,
          occurred_at: `${day}T02:00:00.000Z`,
          points: [10, 20, 30, 50, 70][Math.floor(rand() * 5)]!,
          rule_version: 1,
          issuer_code: 'trc',
          certifier_code: null,
          created_at: `${day}T03:00:00.000Z`,
        });
        if (rows.length === 500) await trx.insertInto('credits').values(rows.splice(0)).execute();
      }
      if (rows.length) await trx.insertInto('credits').values(rows).execute();
    });
    if (process.argv.includes('--covering')) await sql`create index credits_stats on credits (account_id, year, domain, points, created_at)`.execute(db);
    await sql`analyze`.execute(db);
    console.log(
      `khwamdee stats bench — node ${process.version}; ${int(people)} people in 77 provinces, ${int(credits)} credits over 2 years (filled in ${fill().toFixed(1)} s, untimed)`,
    );

    const before = '2026-12-31T17:00:00.000Z';
    const compiled = statisticsRepo.compiledCounts(db, before);
    const plan = await db.executeQuery<{ detail: string }>({ ...compiled, sql: `explain query plan ${compiled.sql}` });
    console.log(`plan:\n${plan.rows.map((r) => `  ${r.detail}`).join('\n')}`);

    const runs = 5;
    const timeQuery = startTimer();
    let rowsOut = 0;
    for (let i = 0; i < runs; i++) rowsOut = (await statisticsRepo.countsByYearAndProvince(db, before)).length;
    const query = timeQuery() / runs;
    console.log(`grouped pass (query only): ${(query * 1000).toFixed(0)} ms → ${rowsOut} (year, province) rows, ${int(Math.round(credits / query))} credits/s`);

    const timeCold = startTimer();
    const years = await platform.services.statistics.years();
    const cold = timeCold();
    const timeSuppress = startTimer();
    const y = await platform.services.statistics.year(2026);
    const warm = timeSuppress();
    const suppressed = y.provinces.filter((p) => p.suppressed).length;
    console.log(`uncached answer (query + suppression of ${years.items.length} years): ${(cold * 1000).toFixed(0)} ms; cached: ${(warm * 1000).toFixed(2)} ms`);
    console.log(`2026: ${int(y.national.people ?? 0)} people, ${int(y.national.credits ?? 0)} credits, ${suppressed} of 77 provinces suppressed`);
  } finally {
    await platform.close();
  }
}

const dir = tempDir('stats');
main(join(dir, 'data'))
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
