// `khwamdee …`: the same services as HTTP, from a shell on the server (acting as the committee admin).
import { Command, Option } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { AppError, ERROR_CATALOGUE } from '../core/errors.js';
import { toBuddhistEra } from '../core/calendar.js';
import type { Principal } from '../core/access.js';
import { openPlatform, type Platform } from '../platform.js';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../services/enrolment.js';
import { serve } from './serve.js';

const admin: Principal = { kind: 'admin' };
const out = (line: string) => process.stdout.write(`${line}\n`);

function config(): Config {
  return loadConfig(process.env);
}

async function withPlatform<T>(fn: (p: Platform) => Promise<T>): Promise<T> {
  const c = config();
  const platform = await openPlatform({ dataDir: c.dataDir, databaseUrl: c.databaseUrl, adminToken: c.adminToken });
  try {
    return await fn(platform);
  } finally {
    await platform.close();
  }
}

export function buildCli(): Command {
  const program = new Command('khwamdee').description('Khwamdee (ความดี): good-deed banks').showHelpAfterError();

  program
    .command('serve')
    .description('start the HTTP server (PORT, HOST, KHWAMDEE_DATA_DIR, DATABASE_URL, KHWAMDEE_ADMIN_TOKEN)')
    .option('--sample-data', 'load demo people and deeds into an empty database')
    .action(async (opts: { sampleData?: boolean }) => {
      const c = config();
      const stop = await serve({ ...c, sampleData: c.sampleData || opts.sampleData === true }, out);
      const shutdown = () => {
        void stop().then(() => process.exit(0));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });

  const agency = program.command('agency').description('agencies and their API keys');
  agency
    .command('list')
    .description('list agencies with roles and scopes')
    .action(() =>
      withPlatform(async (p) => {
        for (const a of await p.services.agencies.list()) out(`${a.code}\t${a.roles.join(',')}\t${a.name.th}`);
      }),
    );
  agency
    .command('key')
    .description('create an API key for an agency; the token is shown once')
    .argument('<code>', 'agency code, e.g. trc')
    .option('--label <label>')
    .action((code: string, opts: { label?: string }) =>
      withPlatform(async (p) => {
        const key = await p.services.agencies.createKey(admin, code, opts.label);
        out(`keyId: ${key.keyId}`);
        out(`token: ${key.token}`);
        out('(store the token now: it is not shown again)');
      }),
    );
  agency
    .command('revoke')
    .description('revoke an API key')
    .argument('<keyId>')
    .action((keyId: string) =>
      withPlatform(async (p) => {
        await p.services.agencies.revokeKey(admin, keyId);
        out(`revoked ${keyId}`);
      }),
    );

  program
    .command('enrol')
    .description('enrol a person (assisted entry)')
    .requiredOption('--national-id <id>', '13-digit Thai national ID')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--area <code>', '6-digit subdistrict code of the home area')
    .addOption(new Option('--consent <purposes...>', 'purposes consented to').choices([...CONSENT_PURPOSES]).default(['enrolment']))
    .action((opts: { nationalId: string; name: string; area: string; consent: ConsentPurpose[] }) =>
      withPlatform(async (p) => {
        const { id } = await p.services.enrolment.enrol(admin, { kind: 'person', nationalId: opts.nationalId, displayName: opts.name, areaCode: opts.area, consents: opts.consent });
        out(id);
      }),
    );

  program
    .command('score')
    .description("show an account's score for a year")
    .argument('<accountId>')
    .option('--year <year>', 'calendar year (default: this year in Bangkok)', (v) => Number.parseInt(v, 10))
    .option('--json', 'print JSON')
    .action((accountId: string, opts: { year?: number; json?: boolean }) =>
      withPlatform(async (p) => {
        const account = await p.services.enrolment.readable(admin, accountId);
        const s = await p.services.scores.score(account, opts.year);
        if (opts.json) {
          out(JSON.stringify(s));
          return;
        }
        out(`${account.display_name}: ${s.points} / ${s.max} คะแนน (พ.ศ. ${toBuddhistEra(s.year)} / ${s.year})`);
        for (const [domain, points] of Object.entries(s.byDomain)) if (points > 0) out(`  ${domain}: ${points}`);
      }),
    );
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else if (err instanceof AppError) process.stderr.write(`error ${err.code}: ${ERROR_CATALOGUE[err.code].th} / ${ERROR_CATALOGUE[err.code].en}${err.details ? ` ${JSON.stringify(err.details)}` : ''}\n`);
    else process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof AppError ? 1 : 2;
  }
}

await main(process.argv);
