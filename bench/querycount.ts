// Counts SQL statements executed, by SQL text, by wrapping better-sqlite3's Statement methods.
// Only used in the untimed diagnostic at the end of the run.
import BetterSqlite3 from 'better-sqlite3';

export interface StatementCounter {
  counts: Map<string, number>;
  total(): number;
  uninstall(): void;
}

export function installStatementCounter(): StatementCounter {
  const probe = new BetterSqlite3(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  probe.close();
  const counts = new Map<string, number>();
  const originals = new Map<string, unknown>();
  for (const name of ['run', 'get', 'all', 'iterate']) {
    const orig = proto[name] as (this: { source: string }, ...args: unknown[]) => unknown;
    originals.set(name, orig);
    proto[name] = function (this: { source: string }, ...args: unknown[]) {
      counts.set(this.source, (counts.get(this.source) ?? 0) + 1);
      return orig.apply(this, args);
    };
  }
  return {
    counts,
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    uninstall() {
      for (const [name, orig] of originals) proto[name] = orig;
    },
  };
}
