// The read replica's connections, falling back to the primary while the replica is down: the reads
// routed to the replica (Store.read) may lag a little, so the primary can always answer them, and a
// replica that is stopped, restarting or unreachable must not turn a person's score page into an
// error. A replica that failed to give a connection is left alone for `retryMs`, then tried again.
import type pg from 'pg';

export interface FailoverOptions {
  /** How long the primary answers alone after the replica failed to connect. */
  retryMs?: number;
  now?: () => number;
  /** Told once per outage (not once per read), so an operator sees the replica is down. */
  onFallback?: (err: unknown) => void;
}

export const REPLICA_RETRY_MS = 5_000;

/** What Kysely's PostgresDialect uses of a pool. */
export interface ConnectingPool {
  connect(): Promise<pg.PoolClient>;
  end(): Promise<void>;
}

export function replicaWithFallback(replica: pg.Pool, primary: pg.Pool, opts: FailoverOptions = {}): ConnectingPool {
  const retryMs = opts.retryMs ?? REPLICA_RETRY_MS;
  const now = opts.now ?? Date.now;
  let downUntil = 0;
  return {
    async connect() {
      if (now() < downUntil) return primary.connect();
      try {
        const client = await replica.connect();
        downUntil = 0;
        return client;
      } catch (err) {
        const wasUp = downUntil === 0;
        downUntil = now() + retryMs;
        if (wasUp) opts.onFallback?.(err);
        return primary.connect();
      }
    },
    // The primary's pool is the primary Kysely's to end.
    end: () => replica.end(),
  };
}
