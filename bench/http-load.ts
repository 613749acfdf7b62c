// One load run of autocannon (programmatic, in the bench process) against a server process, with
// the disturbance measure counting the server's process tree (and PostgreSQL's) as the system under test.
import autocannon from 'autocannon';
import { startSystemSection, type SystemMeasured } from './proc.js';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  /** The next request to send (called for every request: tokens and bodies differ). */
  next: () => LoadRequest;
  /** Requests per second over all connections; without it each connection sends as soon as it has an answer. */
  overallRate?: number;
  /** Told of every answer (status and body). */
  onResponse?: (status: number, body: string) => void;
  /** The processes of the system under test. */
  system: () => readonly number[];
}

export interface LoadResult {
  requests: number;
  rps: number;
  /** Milliseconds (autocannon's histogram). */
  p50: number;
  p99: number;
  max: number;
  /** Answers by status code. */
  status: Record<number, number>;
  /** Connection errors and timeouts (no answer). */
  errors: number;
  timeouts: number;
  section: SystemMeasured;
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const status: Record<number, number> = {};
  const section = startSystemSection(opts.system);
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => {
          const r = opts.next();
          return { ...req, method: r.method, path: r.path, headers: r.headers, ...(r.body !== undefined ? { body: r.body } : {}) };
        },
        // Only when asked: autocannon then keeps every body, which costs the load generator time.
        ...(opts.onResponse ? { onResponse: (code: number, body: string) => opts.onResponse?.(code, body) } : {}),
      },
    ],
  });
  const measured = section();
  for (const [code, s] of Object.entries(result.statusCodeStats ?? {})) status[Number(code)] = s.count ?? 0;
  const answered = Object.values(status).reduce((a, b) => a + b, 0);
  return {
    requests: answered,
    rps: answered / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    status,
    errors: result.errors,
    timeouts: result.timeouts,
    section: measured,
  };
}

export const statusText = (status: Record<number, number>): string =>
  Object.entries(status)
    .map(([code, n]) => `${code}: ${n.toLocaleString('en-US')}`)
    .join(', ');
