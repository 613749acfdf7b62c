// Counts what attestations come to (credited, pending, rejected with its reason, replayed, refused
// outright with an error code) around the service, so every path — API, batch, file import,
// self-declaration — is counted the same way without the crediting code knowing about metrics.
import type { Metrics } from '../adapters/metrics.js';
import { AppError } from '../core/errors.js';
import type { AttestationResult, AttestationService, BatchOutcome } from './attestations.js';

function countResult(metrics: Pick<Metrics, 'countAttestation'>, r: AttestationResult): void {
  if (r.replayed) metrics.countAttestation('replayed');
  else metrics.countAttestation(r.status, r.reason?.code);
}

function countOutcome(metrics: Pick<Metrics, 'countAttestation'>, o: BatchOutcome): void {
  if (o.ok) countResult(metrics, o.result);
  else metrics.countAttestation('refused', o.error.code);
}

async function counted<T extends AttestationResult>(metrics: Pick<Metrics, 'countAttestation'>, run: () => Promise<T>): Promise<T> {
  try {
    const r = await run();
    countResult(metrics, r);
    return r;
  } catch (err) {
    if (err instanceof AppError) metrics.countAttestation('refused', err.code);
    throw err;
  }
}

export function withAttestationMetrics(service: AttestationService, metrics: Pick<Metrics, 'countAttestation'>): AttestationService {
  return {
    ...service,
    submit: (principal, input) => counted(metrics, () => service.submit(principal, input)),
    declare: (principal, accountId, input) => counted(metrics, () => service.declare(principal, accountId, input)),
    async submitMany(principal, inputs, opts) {
      const outcomes = await service.submitMany(principal, inputs, opts);
      for (const o of outcomes) countOutcome(metrics, o);
      return outcomes;
    },
  };
}
