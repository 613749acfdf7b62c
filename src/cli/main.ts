// `khwamdee …`: the same services as HTTP, from a shell on the server (acting as the committee admin).
import { requestContext } from '../adapters/request-context.js';
import { ACCESS_PURPOSES, parseAccessPurpose } from '../core/consents.js';
import { Command, Option } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { AppError, errorMessages } from '../core/errors.js';
import { toBuddhistEra } from '../core/calendar.js';
import type { Principal } from '../core/access.js';
import { openPlatform, type Platform } from '../platform.js';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../services/enrolment.js';
import { serve } from './serve.js';
import { runLogVerify } from './log-verify.js';
import { runCertVerify } from './certificates.js';
import { parseWitnessedLog, runWitness } from './witness.js';
import { partnerConfirm, partnerPrivileges, partnerStats, partnerVerify, type PartnerCliOptions } from './partner.js';
import { runImport } from './import.js';
import { BackupError, backup, restore } from './backup.js';

const admin: Principal = { kind: 'admin' };
const out = (line: string) => process.stdout.write(`${line}\n`);

function config(): Config {
  return loadConfig(process.env);
}

async function withPlatform<T>(fn: (p: Platform) => Promise<T>): Promise<T> {
  const c = config();
  // One-shot commands post through the services; the running server's sequencer integrates their entries.
  const platform = await openPlatform({
    dataDir: c.dataDir,
    databaseUrl: c.databaseUrl,
    adminToken: c.adminToken,
    logOrigin: c.logOrigin,
    publicUrl: c.publicUrl,
    sequencer: { autoStart: false },
    // Imports are processed by the running server, not by a one-shot command.
    imports: { autoStart: false },
  });
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
    .option('--dev-oidc', 'start the local test sign-in provider beside the server (demo and development only)')
    .action(async (opts: { sampleData?: boolean; devOidc?: boolean }) => {
      const c = config();
      if (opts.devOidc && c.oidc) throw new ConfigError('--dev-oidc cannot be combined with KHWAMDEE_OIDC_ISSUER');
      const stop = await serve({ ...c, sampleData: c.sampleData || opts.sampleData === true, devOidc: c.devOidc || opts.devOidc === true }, out);
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
        const { id } = await p.services.enrolment.enrol(admin, {
          kind: 'person',
          nationalId: opts.nationalId,
          displayName: opts.name,
          areaCode: opts.area,
          consents: opts.consent,
        });
        out(id);
      }),
    );

  program
    .command('score')
    .description("show an account's score for a year")
    .argument('<accountId>')
    .option('--year <year>', 'calendar year (default: this year in Bangkok)', (v) => Number.parseInt(v, 10))
    .option('--json', 'print JSON')
    .addOption(new Option('--purpose <purpose>', 'why the record is read (recorded in the person’s access log)').choices([...ACCESS_PURPOSES]).default('audit'))
    .option('--note <text>', 'a note to the purpose (required with --purpose other)')
    .action((accountId: string, opts: { year?: number; json?: boolean; purpose: string; note?: string }) =>
      withPlatform(async (p) => {
        // The operator reads a person's record: recorded in their access log, with the purpose stated here.
        const operator = requestContext.attach(admin, { purpose: parseAccessPurpose(opts.purpose, opts.note), route: 'cli score', correlationId: undefined });
        const account = await p.services.enrolment.readable(operator, accountId);
        const s = await p.services.scores.score(account, opts.year);
        if (opts.json) {
          out(JSON.stringify(s));
          return;
        }
        out(`${account.display_name}: ${s.points} / ${s.max} คะแนน (พ.ศ. ${toBuddhistEra(s.year)} / ${s.year})`);
        for (const [domain, points] of Object.entries(s.byDomain)) if (points > 0) out(`  ${domain}: ${points}`);
      }),
    );
  const log = program.command('log').description('the public transparency log');
  log
    .command('verify')
    .description('independently verify a log from its public URL: signatures, every entry and tile, consistency with the last run')
    .argument('<url>', 'base URL of the platform, e.g. https://khwamdee.example')
    .option('--state <file>', 'where the last verified checkpoint is kept (default ~/.khwamdee/verify-<host>.json)')
    .option('--log-key <key>', "the log's verifier key (default: pinned on first use)")
    .option('--witness <keys...>', 'witness cosignature verifier keys')
    .option('--quorum <n>', 'cosignatures required (default: all witnesses given)', (v) => Number.parseInt(v, 10))
    .action(async (url: string, opts: { state?: string; logKey?: string; witness?: string[]; quorum?: number }) => {
      process.exitCode = await runLogVerify(url, { ...opts, out });
    });

  program
    .command('witness')
    .description("co-sign another agency's log checkpoints (C2SP tlog-witness), refusing any that rewrite history")
    .requiredOption('--name <name>', 'witness key name, e.g. witness.trc.or.th')
    .requiredOption('--log <key...>', 'logs to witness: verifier key, or origin=key')
    .option('--port <port>', 'port', (v) => Number.parseInt(v, 10), 8090)
    .option('--host <host>', 'host', '127.0.0.1')
    .option('--data-dir <dir>', 'where the witness key and state live', './witness-data')
    .action(async (opts: { name: string; log: string[]; port: number; host: string; dataDir: string }) => {
      const running = await runWitness({ name: opts.name, logs: opts.log.map(parseWitnessedLog), port: opts.port, host: opts.host, dataDir: opts.dataDir, out });
      const stop = () => void running.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('cert')
    .description('certificates (W3C VC 2.0, Open Badges 3.0)')
    .command('verify')
    .description('verify a downloaded certificate offline against the platform JWKS')
    .argument('<file>', 'a file holding the vc+jwt (or the JSON download)')
    .requiredOption('--jwks <fileOrUrl>', 'saved JWKS or <url>/.well-known/jwks.json')
    .option('--issuer <url>', 'expected issuer')
    .option('--status <fileOrUrl>', 'saved status list (vc+jwt) instead of fetching the one the certificate names')
    .option('--no-status-check', 'do not check whether the certificate was revoked (offline)')
    .action(async (file: string, opts: { jwks: string; issuer?: string; status?: string; statusCheck?: boolean }) => {
      process.exitCode = await runCertVerify(file, { ...opts, out });
    });

  const partner = program
    .command('partner')
    .description("a partner's counter and back office, over HTTP with the partner's API key")
    .option('--url <url>', 'platform base URL', process.env.KHWAMDEE_URL ?? 'http://127.0.0.1:8080')
    .option('--token <token>', 'partner API key (or KHWAMDEE_TOKEN)', process.env.KHWAMDEE_TOKEN);
  const partnerOpts = (): PartnerCliOptions => {
    const o = partner.opts<{ url: string; token?: string }>();
    return { url: o.url, token: o.token, out };
  };
  partner
    .command('privileges')
    .description('your privileges in every status, with what is left')
    .action(async () => {
      process.exitCode = await partnerPrivileges(partnerOpts());
    });
  partner
    .command('stats')
    .description('redemptions by privilege and status')
    .action(async () => {
      process.exitCode = await partnerStats(partnerOpts());
    });
  partner
    .command('confirm')
    .description('confirm a voucher by its 8-character code or scanned token')
    .argument('<codeOrToken>')
    .action(async (code: string) => {
      process.exitCode = await partnerConfirm(partnerOpts(), code);
    });
  partner
    .command('verify')
    .description('check an eligibility token: offline with --jwks (works while the platform is down), else online and single-use')
    .argument('<token>')
    .requiredOption('--partner <code>', 'your partner code (the token audience)')
    .option('--jwks <file>', 'saved copy of <url>/.well-known/jwks.json')
    .option('--issuer <url>', 'expected issuer')
    .action(async (token: string, opts: { partner: string; jwks?: string; issuer?: string }) => {
      process.exitCode = await partnerVerify({ ...partnerOpts(), partner: opts.partner, jwksFile: opts.jwks, issuer: opts.issuer }, token);
    });

  program
    .command('import')
    .description(
      'send a CSV, JSON Lines or XML file of attestations to a running server (an issuer API key), with progress; exit 0 all rows accepted, 3 some rows failed, 1 refused or failed',
    )
    .argument('<file>', 'the file (columns: docs/exchange/README.md)')
    .addOption(new Option('--format <format>', 'file format (default: from the extension, .jsonl/.ndjson → jsonl, .xml → xml, else csv)').choices(['csv', 'jsonl', 'xml']))
    .option('--errors <file>', 'where to save the error report (default <file>.errors.csv)')
    .option('--sign-key <file>', "sign a manifest of the file with the agency's Ed25519 private JWK (docs/exchange)")
    .option('--receipt <file>', "save the platform's signed receipt (JWS) here once the log covers the import")
    .option('--url <url>', 'platform base URL', process.env.KHWAMDEE_URL ?? 'http://127.0.0.1:8080')
    .option('--token <token>', 'issuer API key (or KHWAMDEE_TOKEN)', process.env.KHWAMDEE_TOKEN)
    .action(async (file: string, opts: { format?: 'csv' | 'jsonl' | 'xml'; errors?: string; url: string; token?: string; signKey?: string; receipt?: string }) => {
      process.exitCode = await runImport(
        { url: opts.url, token: opts.token, format: opts.format, errorsFile: opts.errors, signKey: opts.signKey, receiptFile: opts.receipt, out, progressStream: process.stderr },
        file,
      );
    });
  program
    .command('backup')
    .description('copy the database (online), its keys and the evidence files into an empty directory, with a manifest of SHA-256 hashes')
    .argument('<dir>', 'where to write the backup (created; must be empty)')
    .action(async (dir: string) => {
      const c = config();
      const m = await backup({ dataDir: c.dataDir, databaseUrl: c.databaseUrl }, dir);
      out(`backup of ${m.database}: ${m.files.length} files in ${dir}`);
    });
  program
    .command('restore')
    .description('restore a backup into an empty installation (KHWAMDEE_DATA_DIR, and DATABASE_URL for PostgreSQL), after checking every hash')
    .argument('<dir>', 'a directory written by `khwamdee backup`')
    .action(async (dir: string) => {
      const c = config();
      const m = await restore(dir, { dataDir: c.dataDir, databaseUrl: c.databaseUrl });
      out(`restored the ${m.database} backup of ${m.createdAt} into ${c.dataDir}`);
    });
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof BackupError) process.stderr.write(`${err.message}\n`);
    else if (err instanceof AppError) {
      const m = errorMessages(err.code, err.details);
      process.stderr.write(`error ${err.code}: ${m.th} / ${m.en}${err.details ? ` ${JSON.stringify(err.details)}` : ''}\n`);
    } else process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof AppError ? 1 : 2;
  }
}

await main(process.argv);
