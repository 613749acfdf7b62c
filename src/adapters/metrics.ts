// Prometheus metrics (prom-client). One registry per platform, not the library's global one: a test
// process opens many platforms, and each must count only its own. Figures that live in the database
// (log size, sequencer lag, import progress, webhook backlog) are read when Prometheus scrapes, so
// nothing has to keep them up to date and a second API process reports the same values.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the database holds for the gauges, read at scrape time. */
export interface OperationalFigures {
  /** Leaves in the latest published checkpoint. */
  logSize(): Promise<number>;
  /** Log entries not yet integrated, and the age in seconds of the oldest (0 when none). */
  sequencerBacklog(): Promise<{ pending: number; oldestAgeSeconds: number }>;
  /** Imports queued or running, with the rows they have read so far and the bytes still to read. */
  importProgress(): Promise<{ active: number; rowsRead: number; bytesRemaining: number }>;
  /** Webhook deliveries not yet delivered (including those waiting for a retry). */
  webhookBacklog(): Promise<number>;
}

export interface Metrics {
  readonly registry: Registry;
  /** One answered HTTP request, labelled by the route's template (never the raw URL: bounded labels). */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** One attestation decided: credited, pending, rejected (with its reason code) or replayed. */
  countAttestation(outcome: string, reason?: string): void;
  /** The exposition text Prometheus scrapes. */
  render(): Promise<string>;
  contentType: string;
}

export function createMetrics(figures: OperationalFigures): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'khwamdee_' });
  const requests = new Counter({
    name: 'khwamdee_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'khwamdee_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const attestations = new Counter({
    name: 'khwamdee_attestations_total',
    help: 'Attestations decided, by outcome (credited, pending, rejected, replayed) and refusal reason',
    labelNames: ['outcome', 'reason'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'khwamdee_log_size',
    help: 'Leaves in the latest published checkpoint of the transparency log',
    registers: [registry],
    async collect() {
      this.set(await figures.logSize());
    },
  });
  const backlog = () => figures.sequencerBacklog();
  new Gauge({
    name: 'khwamdee_sequencer_pending_entries',
    help: 'Log entries accepted but not yet integrated into the tree',
    registers: [registry],
    async collect() {
      this.set((await backlog()).pending);
    },
  });
  new Gauge({
    name: 'khwamdee_sequencer_lag_seconds',
    help: 'Age of the oldest log entry not yet integrated (0 when the sequencer is caught up)',
    registers: [registry],
    async collect() {
      this.set((await backlog()).oldestAgeSeconds);
    },
  });
  new Gauge({
    name: 'khwamdee_imports_active',
    help: 'File imports queued or running',
    registers: [registry],
    async collect() {
      this.set((await figures.importProgress()).active);
    },
  });
  new Gauge({
    name: 'khwamdee_imports_rows_read',
    help: 'Rows read so far by the imports queued or running',
    registers: [registry],
    async collect() {
      this.set((await figures.importProgress()).rowsRead);
    },
  });
  new Gauge({
    name: 'khwamdee_imports_bytes_remaining',
    help: 'Bytes of the imports queued or running that are still to be read',
    registers: [registry],
    async collect() {
      this.set((await figures.importProgress()).bytesRemaining);
    },
  });
  new Gauge({
    name: 'khwamdee_webhook_backlog',
    help: 'Webhook deliveries not yet delivered',
    registers: [registry],
    async collect() {
      this.set(await figures.webhookBacklog());
    },
  });
  return {
    registry,
    contentType: registry.contentType,
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
    countAttestation(outcome, reason) {
      attestations.inc({ outcome, reason: reason ?? '' });
    },
    render: () => registry.metrics(),
  };
}
