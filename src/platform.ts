// Composition root: opens storage, secrets and the services, each given only what it uses.
import type { JWK } from 'jose';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { systemClock, type Clock } from './adapters/clock.js';
import { uuidV7, type IdGenerator } from './adapters/ids.js';
import { createVault } from './adapters/crypto.js';
import { loadOrCreateSecrets, type Secrets } from './adapters/secrets.js';
import { DEFAULT_POOL_MAX, oneStarterAtATime, openStore, type Store } from './store/database.js';
import { seedReferenceData } from './store/seed.js';
import { createCatalogueService, type CatalogueService } from './services/catalogue.js';
import { createCommitteeService, type CommitteeService } from './services/committee.js';
import { createEnrolmentService, type EnrolmentService } from './services/enrolment.js';
import { createAgencyService, type AgencyService } from './services/agencies.js';
import { createAttestationService, type AttestationService } from './services/attestations.js';
import { createCertificationService, createDecider, type CertificationService } from './services/certification.js';
import { createMeetingService, type MeetingService } from './services/certification-meetings.js';
import { createEvidenceService, type EvidenceService } from './services/evidence.js';
import { createFileBlobStore } from './adapters/files.js';
import { DEFAULT_EVIDENCE_LIMIT } from './core/evidence.js';
import { createScoreService, type ScoreService } from './services/scores.js';
import { createAreaService, type AreaService } from './services/areas.js';
import { loadOrCreateLogKey } from './adapters/log-key.js';
import { loadOrCreateJwtSigner } from './adapters/signing-keys.js';
import { createPrivilegeService, type PrivilegeService } from './services/privileges.js';
import { createRedemptionService, type RedemptionService } from './services/redemptions.js';
import { createEligibilityService, type EligibilityService } from './services/eligibility.js';
import { createCertificateService, type CertificateService } from './services/certificates.js';
import { createReversalService, type ReversalService } from './services/reversals.js';
import { createWebhookService, type WebhookOptions, type WebhookService } from './services/webhooks.js';
import { createCardService, type CardService } from './services/cards.js';
import { createCardRenderer } from './adapters/card-pdf.js';
import { createOpportunityService, type OpportunityService } from './services/opportunities.js';
import { createPredictionService, type PredictionService } from './services/predictions.js';
import { createLogService, type LogService } from './log/service.js';
import { createSequencer, type Sequencer } from './log/sequencer.js';
import { createCosigner, type Cosigner, type WitnessEndpoint } from './log/cosigner.js';
import { createStaffService, type StaffService } from './services/staff.js';
import { startLoop, stderrLogger } from './adapters/loop.js';
import { ensureCreditPartitions, ensureCreditPartitionsAtStart, partitionYearsAround } from './store/partitions.js';
import { sessionsRepo } from './store/repos/sessions.js';
import { rateWindowsRepo } from './store/repos/rate-windows.js';
import { createSignInService, type SignInService } from './services/sign-in.js';
import { createTtlCache } from './adapters/ttl-cache.js';
import { withSharedEpoch } from './services/shared-cache.js';
import { createStatisticsService, type StatisticsService, type StatisticsSnapshot } from './services/statistics.js';
import { createImportSpool } from './adapters/import-spool.js';
import { createImportService, type ImportOptions, type ImportService } from './services/imports.js';
import { createExchangeService, type ExchangeService } from './services/exchange.js';
import { createMetrics, type Metrics } from './adapters/metrics.js';
import { operationalFigures } from './store/repos/operations.js';
import { withAttestationMetrics } from './services/attestation-metrics.js';
import { WEBHOOK_DEFAULTS } from './services/webhooks.js';
import { DEFAULT_INGEST_QUEUE_MAX, createWriteGate, type WriteGate } from './adapters/write-gate.js';
import { createErasureService, sealLegacyNames, type ErasureService } from './services/erasure.js';
import { createRulesService, type RulesService } from './services/rules.js';
import { createAccessLogService, type AccessLogService } from './services/access-log.js';
import { createConsentService, type ConsentService } from './services/consents.js';
import { createExportService, type ExportService } from './services/export.js';
import { createExportRenderer } from './adapters/export-pdf.js';
import { STATISTICS_PURPOSE } from './store/repos/statistics.js';
import { createDisputeService, type DisputeService } from './services/disputes.js';
import { reversalsRepo } from './store/repos/reversals.js';
import { createRatingService, type RatingService } from './services/ratings.js';
import { createAgencyStatisticsService, type AgencyStatistics, type AgencyStatisticsService } from './services/agency-statistics.js';

export interface Services {
  catalogue: CatalogueService;
  enrolment: EnrolmentService;
  agencies: AgencyService;
  attestations: AttestationService;
  certification: CertificationService;
  /** Decisions taken at a (village) meeting, recorded with the minutes' reference. */
  meetings: MeetingService;
  /** Evidence files for self-declarations, stored by hash under <dataDir>/evidence. */
  evidence: EvidenceService;
  scores: ScoreService;
  areas: AreaService;
  log: LogService;
  /** Witness cosignatures and the checkpoint the log publishes. */
  cosigner: Cosigner;
  privileges: PrivilegeService;
  /** The committee's queue of proposals (decisions go through the catalogue and privileges). */
  committee: CommitteeService;
  redemptions: RedemptionService;
  eligibility: EligibilityService;
  /** Verifiable certificates (VC 2.0 / Open Badges 3.0 as vc+jwt) and their public check. */
  certificates: CertificateService;
  /** Reversal of an erroneous credit by its issuer or certifier. */
  reversals: ReversalService;
  /** Partner webhooks: registration and delivery of the outbox. */
  webhooks: WebhookService;
  /** Staff roles people hold in agencies. */
  staff: StaffService;
  /** Who a signed-in person is: their account and the agencies they act for. */
  signIn: SignInService;
  /** Membership cards (printable PDF with a signed QR token) and the scan that finds their account. */
  cards: CardService;
  /** The committee's rules: equivalence groups assigned to agencies, the grace period that closes a year. */
  rules: RulesService;
  /** Good-deed opportunities agencies publish (blood drives, volunteer events, courses). */
  opportunities: OpportunityService;
  /** What a deed would earn a person, by the same rules that credit it. */
  predictions: PredictionService;
  /** Public statistics (aggregates, small counts suppressed), cached for a short time. */
  statistics: StatisticsService;
  /** Agencies' file imports of attestations, processed in the background. */
  imports: ImportService;
  /** Restriction of processing and erasure by crypto-shredding (the person's own key destroyed). */
  erasure: ErasureService;
  /** Disputes and appeals: answers by the committee's deadline, escalation to an independent reviewer. */
  disputes: DisputeService;
  /** Citizens' ratings of the agencies they dealt with (comments for the rated agency alone). */
  ratings: RatingService;
  /** Public per-agency figures (answer times, ratings), small counts suppressed. */
  agencyStatistics: AgencyStatisticsService;
  /** Agencies' manifest-signing keys, manifest checks and import receipts (the exchange standard). */
  exchange: ExchangeService;
  /** The public half of the platform's token-signing key, for offline verification. */
  publicKeys: { jwks(): { keys: JWK[] } };
  /** Prometheus metrics of this process (requests, attestations) and of the database (log, imports, webhooks). */
  metrics: Metrics;
  /** Consent per purpose, with signed receipts. */
  consents: ConsentService;
  /** Who read a person's record (staff with a stated purpose, partners at the counter). */
  accessLog: AccessLogService;
  /** Everything held about a person, as JSON and as a Thai PDF. */
  exports: ExportService;
}

export interface Platform {
  services: Services;
  store: Store;
  clock: Clock;
  /** Integrates posted log entries into the Merkle tree; running unless `sequencer.autoStart` is false. */
  sequencer: Sequencer;
  /** Signs web-session cookies; derived from the installation's secrets. */
  sessionSecret: Buffer;
  /** Turn-taking of ingest and the sequencer in front of the database, and push-back past capacity. */
  writeGate: WriteGate;
  close(): Promise<void>;
}

export interface PlatformOptions {
  dataDir: string;
  /** Ingest transactions that may wait for the database before requests are refused (KHWAMDEE_INGEST_QUEUE_MAX). */
  ingestQueueMax?: number;
  databaseUrl?: string | undefined;
  /** PostgreSQL only: a streaming replica serving the reads that may lag (Store.read). */
  databaseReplicaUrl?: string | undefined;
  /** Connections to PostgreSQL per pool (KHWAMDEE_DATABASE_POOL_MAX). */
  databasePoolMax?: number;
  adminToken?: string | undefined;
  clock?: Clock;
  ids?: IdGenerator;
  secrets?: Secrets;
  /** An already opened store (tests share one per database). */
  store?: Store;
  /** Public base URL: the issuer of vouchers, eligibility tokens and certificates. */
  publicUrl?: string | undefined;
  /** Witnesses asked to cosign each new checkpoint, and how many must have signed one to publish it. */
  witnesses?: WitnessEndpoint[];
  witnessQuorum?: number;
  /** Transparency log origin, also the signing key's name; stable per installation. */
  logOrigin?: string;
  /** The log sequencer: tests and the CLI turn the loop off and call integrateOnce() themselves. */
  sequencer?: { autoStart?: boolean; intervalMs?: number; batchMax?: number };
  /** Webhook delivery: tests turn the loop off (`autoStart: false`) and call `services.webhooks.deliverDue()`. */
  webhooks?: WebhookOptions & { autoStart?: boolean };
  /** Largest evidence upload in bytes (default 5 MiB). */
  evidenceLimit?: number;
  /** How long a computed statistics answer is served before it is computed again (default 5 minutes). */
  statistics?: { cacheTtlMs?: number };
  /** File imports: tests turn the runner off (`autoStart: false`) and call `services.imports.runOnce()`. */
  imports?: ImportOptions & { autoStart?: boolean };
}

export const DEFAULT_STATISTICS_TTL_MS = 5 * 60_000;

/** Issuer of the platform's signed tokens and certificates (its public base URL). */
export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:8080';

export const DEFAULT_LOG_ORIGIN = 'khwamdee.local/log';

export async function openPlatform(opts: PlatformOptions): Promise<Platform> {
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? uuidV7;
  mkdirSync(opts.dataDir, { recursive: true });
  const secrets = opts.secrets ?? loadOrCreateSecrets(opts.dataDir);
  const store =
    opts.store ??
    (await openStore({
      databaseUrl: opts.databaseUrl,
      replicaUrl: opts.databaseReplicaUrl,
      poolMax: opts.databasePoolMax,
      sqliteFile: join(opts.dataDir, 'khwamdee.sqlite'),
      onReplicaDown: (err) =>
        process.stderr.write(
          `${JSON.stringify({ level: 40, time: Date.now(), msg: 'read replica unreachable: its reads go to the primary until it answers again', err: String(err) })}\n`,
        ),
    }));
  // `read` serves the reads that may lag a moment (see Store.read); everything else uses `db`.
  const { db, read, dialect } = store;
  const vault = createVault(secrets);
  // Processes starting together on one PostgreSQL database take turns at the seed and the sealing.
  await oneStarterAtATime(db, dialect, async () => {
    await seedReferenceData(db, clock.now());
    // Names written in clear before migration 0012 are sealed under each person's key (idempotent).
    await sealLegacyNames(db, dialect, vault);
  });
  // PostgreSQL: this, last and next year's credit partitions exist before the first deed (store/partitions).
  await ensureCreditPartitionsAtStart(db, dialect, clock.now(), stderrLogger);
  const evidenceFiles = createFileBlobStore(join(opts.dataDir, 'evidence'));
  const logKey = loadOrCreateLogKey(opts.dataDir, opts.logOrigin ?? DEFAULT_LOG_ORIGIN);
  const catalogue = await createCatalogueService({ db, clock });
  const rules = await createRulesService({ db, clock, catalogue });
  // The log as the public reads it (replica); the cosigner and import receipts need the primary's latest.
  const log = createLogService({ db: read, vault, origin: logKey.origin, verifierKey: logKey.verifierKey });
  const primaryLog = read === db ? log : createLogService({ db, vault, origin: logKey.origin, verifierKey: logKey.verifierKey });
  const signer = await loadOrCreateJwtSigner(opts.dataDir, opts.publicUrl ?? DEFAULT_PUBLIC_URL);
  const accessLog = createAccessLogService({ db, clock, ids });
  // Both public statistics caches answer to one epoch in the database, so a change announced by any
  // process reaches every process's cache at once.
  const statisticsTtl = opts.statistics?.cacheTtlMs ?? DEFAULT_STATISTICS_TTL_MS;
  const statisticsCache = withSharedEpoch(createTtlCache<StatisticsSnapshot>({ ttlMs: statisticsTtl, clock, maxEntries: 2 }), { db, read, name: STATISTICS_PURPOSE });
  const agencyStatisticsCache = withSharedEpoch(createTtlCache<AgencyStatistics>({ ttlMs: statisticsTtl, clock, maxEntries: 2 }), { db, read, name: STATISTICS_PURPOSE });
  // A withdrawn `statistics` consent takes the person out of the published figures at once, in every process.
  const consents = createConsentService({
    db,
    clock,
    ids,
    signer,
    onChange: (purpose) => {
      if (purpose !== STATISTICS_PURPOSE) return;
      agencyStatisticsCache.clear();
      // The consent is committed; if the bump fails, other processes hold their figures for the TTL at most.
      return statisticsCache.invalidate().catch((err: unknown) => console.error('statistics cache epoch not bumped', err));
    },
  });
  const enrolment = createEnrolmentService({ db, clock, ids, vault, access: accessLog });
  const staff = createStaffService({ db, clock, ids, vault });
  const opportunities = createOpportunityService({ db, read, clock, ids, catalogue });
  // One writer on SQLite; on PostgreSQL several ingest transactions at once, two fewer than the pool holds.
  const gate = createWriteGate({
    concurrency: dialect === 'sqlite' ? 1 : Math.max(1, (opts.databasePoolMax ?? DEFAULT_POOL_MAX) - 2),
    maxQueued: opts.ingestQueueMax ?? DEFAULT_INGEST_QUEUE_MAX,
    waitingElsewhere: () => store.waiting(),
  });
  const metrics = createMetrics(operationalFigures(db, { now: () => clock.now(), webhookMaxAttempts: opts.webhooks?.maxAttempts ?? WEBHOOK_DEFAULTS.maxAttempts }));
  const reversals = createReversalService({ db, dialect, clock, ids, vault, catalogue });
  const services: Services = {
    catalogue,
    enrolment,
    staff,
    signIn: createSignInService({ vault, enrolment, staff }),
    agencies: createAgencyService({ db, clock, ids, adminToken: opts.adminToken }),
    attestations: withAttestationMetrics(createAttestationService({ db, dialect, clock, ids, vault, catalogue, gate, rules }), metrics),
    certification: createCertificationService({ db, dialect, clock, ids, vault, catalogue, rules, access: accessLog }),
    meetings: createMeetingService({ db, dialect, clock, ids, catalogue, vault, decider: createDecider({ ids, vault, catalogue, rules }), access: accessLog }),
    evidence: createEvidenceService({ db, clock, files: evidenceFiles, maxBytes: opts.evidenceLimit ?? DEFAULT_EVIDENCE_LIMIT, access: accessLog }),
    disputes: createDisputeService({
      db,
      clock,
      ids,
      catalogue,
      files: evidenceFiles,
      // A dispute upheld by reversing the wrong credit names that reversal (made by the issuer or certifier).
      corrections: {
        reversal: async (q, id) => {
          const r = await reversalsRepo.byId(q, id);
          return r && { accountId: r.account_id, agencies: [r.by_agency], createdAt: r.created_at };
        },
      },
    }),
    ratings: createRatingService({ db, clock, ids }),
    agencyStatistics: createAgencyStatisticsService({
      db: read,
      clock,
      cache: agencyStatisticsCache,
    }),
    areas: createAreaService({ db }),
    privileges: createPrivilegeService({ db, clock }),
    committee: createCommitteeService({ db, clock }),
    redemptions: createRedemptionService({ db, dialect, clock, ids, signer, vault, consents, access: accessLog }),
    eligibility: createEligibilityService({ db, clock, ids, vault, signer, catalogue, consents, access: accessLog }),
    // Access to an account is decided by the enrolment service (read when a certificate is asked for).
    certificates: createCertificateService({
      db,
      clock,
      ids,
      signer,
      catalogue,
      enrolment: { readable: (principal, accountId) => services.enrolment.readable(principal, accountId) },
    }),
    webhooks: createWebhookService({ db, clock, vault, ...opts.webhooks }),
    cards: createCardService({
      db,
      clock,
      signer,
      renderer: createCardRenderer(),
      enrolment: { readable: (principal, accountId) => services.enrolment.readable(principal, accountId) },
    }),
    opportunities,
    predictions: createPredictionService({ db, clock, catalogue, opportunities, rules }),
    statistics: createStatisticsService({ db: read, clock, cache: statisticsCache }),
    // Each row goes through the same attestation service as the API, as the agency that uploaded the file.
    imports: createImportService({
      db,
      clock,
      ids,
      vault,
      spool: createImportSpool(join(opts.dataDir, 'imports')),
      // A running import waits for its turn rather than being refused when the platform is busy.
      attestations: { submitMany: (principal, inputs) => services.attestations.submitMany(principal, inputs, { queued: true }) },
      principalOf: (agency) => services.agencies.principalOf(agency),
      manifests: { check: (principal, jws) => services.exchange.checkManifest(principal, jws) },
      options: opts.imports,
    }),
    erasure: createErasureService({ db, dialect, clock, ids, vault, files: evidenceFiles, tokens: { forgetTokens: () => services.agencies.forgetTokens() } }),
    exchange: createExchangeService({ db, clock, signer, log: primaryLog }),
    publicKeys: { jwks: () => signer.jwks() },
    consents,
    accessLog,
    exports: createExportService({ db, clock, renderer: createExportRenderer(), names: vault }),
    log,
    cosigner: createCosigner({ db, read, log: primaryLog, witnesses: opts.witnesses ?? [], quorum: opts.witnessQuorum ?? opts.witnesses?.length ?? 0 }),
    // A person's score, years and credits (with proofs from the same replica, so they agree).
    scores: createScoreService({ db: read, clock, catalogue, log, reversals, accounts: enrolment, decidesOnSameDatabase: read === db }),
    reversals,
    metrics,
    rules,
  };
  const sequencer = createSequencer({ db, dialect, clock, origin: logKey.origin, signer: logKey.signer, gate, ...opts.sequencer });
  if (opts.sequencer?.autoStart !== false) {
    sequencer.start();
    services.cosigner.start();
  }
  // Unconfirmed vouchers expire and refund on their own, even if nobody asks; ended web sessions go.
  const loops = [
    startLoop({ name: 'voucher-expiry', everyMs: 30_000, run: () => services.redemptions.expireDue() }),
    // A dispute left unanswered past its deadline goes to the independent reviewer.
    startLoop({ name: 'dispute-escalation', everyMs: 60_000, run: () => services.disputes.escalateDue() }),
    startLoop({ name: 'session-cleanup', everyMs: 10 * 60_000, run: () => sessionsRepo.removeExpired(db, clock.now().toISOString()) }),
    // Next year's credit partition, made on the first pass of each new year (a no-op on SQLite).
    startLoop({ name: 'credit-partitions', everyMs: 60 * 60_000, run: () => ensureCreditPartitions(db, dialect, partitionYearsAround(clock.now())) }),
    // Ended rate-limit windows (shared by the processes on PostgreSQL) go, so the table holds live callers only.
    startLoop({ name: 'rate-window-cleanup', everyMs: 60_000, run: () => rateWindowsRepo.removeEnded(db, clock.now().getTime()) }),
  ];
  // Partner webhooks go out every ~2 s (an unref'd timer; close() waits for a running pass).
  if (opts.webhooks?.autoStart !== false) services.webhooks.start();
  // Uploaded files are processed by a background runner, which continues unfinished imports after a restart.
  if (opts.imports?.autoStart !== false) services.imports.start();
  return {
    services,
    store,
    clock,
    sequencer,
    sessionSecret: vault.derivedKey('session cookies'),
    writeGate: gate,
    async close() {
      await Promise.all(loops.map((l) => l.stop()));
      await services.imports.stop();
      await services.cosigner.stop();
      await services.webhooks.stop();
      await sequencer.stop();
      await store.close();
    },
  };
}
