// Composition root: opens storage, secrets and the services, each given only what it uses.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { systemClock, type Clock } from './adapters/clock.js';
import { uuidV7, type IdGenerator } from './adapters/ids.js';
import { createVault } from './adapters/crypto.js';
import { loadOrCreateSecrets, type Secrets } from './adapters/secrets.js';
import { openStore, type Store } from './store/database.js';
import { seedReferenceData } from './store/seed.js';
import { createCatalogueService, type CatalogueService } from './services/catalogue.js';
import { createEnrolmentService, type EnrolmentService } from './services/enrolment.js';
import { createAgencyService, type AgencyService } from './services/agencies.js';
import { createAttestationService, type AttestationService } from './services/attestations.js';
import { createCertificationService, type CertificationService } from './services/certification.js';
import { createScoreService, type ScoreService } from './services/scores.js';
import { createAreaService, type AreaService } from './services/areas.js';

export interface Services {
  catalogue: CatalogueService;
  enrolment: EnrolmentService;
  agencies: AgencyService;
  attestations: AttestationService;
  certification: CertificationService;
  scores: ScoreService;
  areas: AreaService;
}

export interface Platform {
  services: Services;
  store: Store;
  clock: Clock;
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
}

export async function openPlatform(opts: PlatformOptions): Promise<Platform> {
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? uuidV7;
  mkdirSync(opts.dataDir, { recursive: true });
  const secrets = opts.secrets ?? loadOrCreateSecrets(opts.dataDir);
  const store = opts.store ?? (await openStore({ databaseUrl: opts.databaseUrl, sqliteFile: join(opts.dataDir, 'khwamdee.sqlite') }));
  const { db, dialect } = store;
  await seedReferenceData(db, clock.now());
  const vault = createVault(secrets);
  const catalogue = await createCatalogueService({ db, clock });
  const services: Services = {
    catalogue,
    enrolment: createEnrolmentService({ db, clock, ids, vault }),
    agencies: createAgencyService({ db, clock, ids, adminToken: opts.adminToken }),
    attestations: createAttestationService({ db, dialect, clock, ids, vault, catalogue }),
    certification: createCertificationService({ db, dialect, clock, ids, vault, catalogue }),
    scores: createScoreService({ db, clock, catalogue }),
    areas: createAreaService({ db }),
  };
  return { services, store, clock, close: () => store.close() };
}
