// Composition root: opens storage, secrets and the services, each given only what it uses.
import type { JWK } from 'jose';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { systemClock, type Clock } from './adapters/clock.js';
import { uuidV7, type IdGenerator } from './adapters/ids.js';
import { createVault } from './adapters/crypto.js';
import { loadOrCreateSecrets, type Secrets } from './adapters/secrets.js';
import { openStore, type Store } from './store/database.js';
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
import { createWebhookService, type WebhookOptions, type WebhookService } from './services/webhooks.js';
import { createCardService, type CardService } from './services/cards.js';
import { createCardRenderer } from './adapters/card-pdf.js';
import { createOpportunityService, type OpportunityService } from './services/opportunities.js';
import { createPredictionService, type PredictionService } from './services/predictions.js';
import { createLogService, type LogService } from './log/service.js';
import { createSequencer, type Sequencer } from './log/sequencer.js';
import { createCosigner, type Cosigner, type WitnessEndpoint } from './log/cosigner.js';
import { createStaffService, type StaffService } from './services/staff.js';
import { startLoop } from './adapters/loop.js';
import { sessionsRepo } from './store/repos/sessions.js';
import { createSignInService, type SignInService } from './services/sign-in.js';
import { createTtlCache } from './adapters/ttl-cache.js';
import { createStatisticsService, type StatisticsService, type StatisticsSnapshot } from './services/statistics.js';
import { createImportSpool } from './adapters/import-spool.js';
import { createImportService, type ImportOptions, type ImportService } from './services/imports.js';
import { createExchangeService, type ExchangeService } from './services/exchange.js';
import { createMetrics, type Metrics } from './adapters/metrics.js';
import { operationalFigures } from './store/repos/operations.js';
import { withAttestationMetrics } from './services/attestation-metrics.js';
import { WEBHOOK_DEFAULTS } from './services/webhooks.js';

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
  /** Partner webhooks: registration and delivery of the outbox. */
  webhooks: WebhookService;
  /** Staff roles people hold in agencies. */
  staff: StaffService;
  /** Who a signed-in person is: their account and the agencies they act for. */
  signIn: SignInService;
  /** Membership cards (printable PDF with a signed QR token) and the scan that finds their account. */
  cards: CardService;
  /** Good-deed opportunities agencies publish (blood drives, volunteer events, courses). */
  opportunities: OpportunityService;
  /** What a deed would earn a person, by the same rules that credit it. */
  predictions: PredictionService;
  /** Public statistics (aggregates, small counts suppressed), cached for a short time. */
  statistics: StatisticsService;
  /** Agencies' file imports of attestations, processed in the background. */
  imports: ImportService;
  /** Agencies' manifest-signing keys, manifest checks and import receipts (the exchange standard). */
  exchange: ExchangeService;
  /** The public half of the platform's token-signing key, for offline verification. */
  publicKeys: { jwks(): { keys: JWK[] } };
  /** Prometheus metrics of this process (requests, attestations) and of the database (log, imports, webhooks). */
  metrics: Metrics;
}

export interface Platform {
  services: Services;
  store: Store;
  clock: Clock;
  /** Integrates posted log entries into the Merkle tree; running unless `sequencer.autoStart` is false. */
  sequencer: Sequencer;
  /** Signs web-session cookies; derived from the installation's secrets. */
  sessionSecret: Buffer;
  close(): Promise<void>;
}

export interface PlatformOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
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
  const store = opts.store ?? (await openStore({ databaseUrl: opts.databaseUrl, sqliteFile: join(opts.dataDir, 'khwamdee.sqlite') }));
  const { db, dialect } = store;
  await seedReferenceData(db, clock.now());
  const vault = createVault(secrets);
  const logKey = loadOrCreateLogKey(opts.dataDir, opts.logOrigin ?? DEFAULT_LOG_ORIGIN);
  const catalogue = await createCatalogueService({ db, clock });
  const log = createLogService({ db, vault, origin: logKey.origin, verifierKey: logKey.verifierKey });
  const signer = await loadOrCreateJwtSigner(opts.dataDir, opts.publicUrl ?? DEFAULT_PUBLIC_URL);
  const enrolment = createEnrolmentService({ db, clock, ids, vault });
  const staff = createStaffService({ db, clock, ids, vault });
  const opportunities = createOpportunityService({ db, clock, ids, catalogue });
  const metrics = createMetrics(operationalFigures(db, { now: () => clock.now(), webhookMaxAttempts: opts.webhooks?.maxAttempts ?? WEBHOOK_DEFAULTS.maxAttempts }));
  const services: Services = {
    catalogue,
    enrolment,
    staff,
    signIn: createSignInService({ vault, enrolment, staff }),
    agencies: createAgencyService({ db, clock, ids, adminToken: opts.adminToken }),
    attestations: withAttestationMetrics(createAttestationService({ db, dialect, clock, ids, vault, catalogue }), metrics),
    certification: createCertificationService({ db, dialect, clock, ids, vault, catalogue }),
    meetings: createMeetingService({ db, dialect, clock, ids, catalogue, decider: createDecider({ ids, vault, catalogue }) }),
    evidence: createEvidenceService({ db, clock, files: createFileBlobStore(join(opts.dataDir, 'evidence')), maxBytes: opts.evidenceLimit ?? DEFAULT_EVIDENCE_LIMIT }),
    areas: createAreaService({ db }),
    privileges: createPrivilegeService({ db, clock }),
    committee: createCommitteeService({ db, clock }),
    redemptions: createRedemptionService({ db, dialect, clock, ids, signer, vault }),
    eligibility: createEligibilityService({ db, clock, ids, vault, signer, catalogue }),
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
    predictions: createPredictionService({ db, clock, catalogue, opportunities }),
    statistics: createStatisticsService({
      db,
      clock,
      cache: createTtlCache<StatisticsSnapshot>({ ttlMs: opts.statistics?.cacheTtlMs ?? DEFAULT_STATISTICS_TTL_MS, clock, maxEntries: 2 }),
    }),
    // Each row goes through the same attestation service as the API, as the agency that uploaded the file.
    imports: createImportService({
      db,
      clock,
      ids,
      vault,
      spool: createImportSpool(join(opts.dataDir, 'imports')),
      attestations: { submitMany: (principal, inputs) => services.attestations.submitMany(principal, inputs) },
      principalOf: (agency) => services.agencies.principalOf(agency),
      manifests: { check: (principal, jws) => services.exchange.checkManifest(principal, jws) },
      options: opts.imports,
    }),
    exchange: createExchangeService({ db, clock, signer, log }),
    publicKeys: { jwks: () => signer.jwks() },
    log,
    cosigner: createCosigner({ db, log, witnesses: opts.witnesses ?? [], quorum: opts.witnessQuorum ?? opts.witnesses?.length ?? 0 }),
    scores: createScoreService({ db, clock, catalogue, log }),
    metrics,
  };
  const sequencer = createSequencer({ db, dialect, clock, origin: logKey.origin, signer: logKey.signer, ...opts.sequencer });
  if (opts.sequencer?.autoStart !== false) {
    sequencer.start();
    services.cosigner.start();
  }
  // Unconfirmed vouchers expire and refund on their own, even if nobody asks; ended web sessions go.
  const loops = [
    startLoop({ name: 'voucher-expiry', everyMs: 30_000, run: () => services.redemptions.expireDue() }),
    startLoop({ name: 'session-cleanup', everyMs: 10 * 60_000, run: () => sessionsRepo.removeExpired(db, clock.now().toISOString()) }),
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
