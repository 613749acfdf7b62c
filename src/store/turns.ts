// Turn-taking on SQLite's one connection. Kysely's SQLite driver hands the connection out first come,
// first served, and a transaction holds it across its awaits, so under saturated ingest the log
// sequencer's batch waited behind every request already queued (issue 9: no checkpoint for 10 s at
// 1.3 × capacity). This wrapper keeps the same one-at-a-time rule but lets work started under
// `withPriority` (the sequencer) take the connection next, and counts who waits, which is the
// back-pressure signal for refusing new attestations with 503.
import { AsyncLocalStorage } from 'node:async_hooks';
import { type DatabaseConnection, type Driver, SqliteDialect, type SqliteDialectConfig, type TransactionSettings } from 'kysely';

const priority = new AsyncLocalStorage<true>();
/** Calls of withPriority under way (the sequencers of every platform in this process). */
let prioritised = 0;

/** Runs `fn` with the first claim on the database connection (only one process' sequencer needs it). */
export async function withPriority<T>(fn: () => Promise<T>): Promise<T> {
  prioritised++;
  try {
    return await priority.run(true, fn);
  } finally {
    // While an AsyncLocalStorage is in use, Node 20 runs promise hooks for every promise in the
    // process (a few per cent of each request): it is turned off again between batches.
    if (--prioritised === 0) priority.disable();
  }
}

export class TurnTaking {
  #busy = false;
  #waiting: { first: boolean; go: () => void }[] = [];

  async lock(first: boolean): Promise<void> {
    if (!this.#busy) {
      this.#busy = true;
      return;
    }
    await new Promise<void>((go) => {
      const w = { first, go };
      if (first) {
        // Behind other priority work, ahead of everything else.
        const at = this.#waiting.findIndex((x) => !x.first);
        this.#waiting.splice(at < 0 ? this.#waiting.length : at, 0, w);
      } else this.#waiting.push(w);
    });
  }

  unlock(): void {
    const next = this.#waiting.shift();
    if (next) next.go();
    else this.#busy = false;
  }

  /** Queries and transactions waiting for the connection. */
  waiting(): number {
    return this.#waiting.length;
  }
}

function withTurns(inner: Driver, turns: TurnTaking): Driver {
  return {
    init: () => inner.init(),
    async acquireConnection(): Promise<DatabaseConnection> {
      await turns.lock(priority.getStore() === true);
      return inner.acquireConnection();
    },
    beginTransaction: (c: DatabaseConnection, s: TransactionSettings) => inner.beginTransaction(c, s),
    commitTransaction: (c) => inner.commitTransaction(c),
    rollbackTransaction: (c) => inner.rollbackTransaction(c),
    ...(inner.savepoint && { savepoint: inner.savepoint.bind(inner) }),
    ...(inner.rollbackToSavepoint && { rollbackToSavepoint: inner.rollbackToSavepoint.bind(inner) }),
    ...(inner.releaseSavepoint && { releaseSavepoint: inner.releaseSavepoint.bind(inner) }),
    async releaseConnection(c) {
      await inner.releaseConnection(c);
      turns.unlock();
    },
    destroy: () => inner.destroy(),
  };
}

/** Kysely's SQLite dialect with the turn-taking above in front of its one connection. */
export class TurnTakingSqliteDialect extends SqliteDialect {
  readonly turns = new TurnTaking();
  constructor(config: SqliteDialectConfig) {
    super(config);
  }
  override createDriver(): Driver {
    return withTurns(super.createDriver(), this.turns);
  }
}
