// The operational figures /metrics reports, read from the database when Prometheus scrapes, so every
// API process behind one address reports the same values. Each query uses an index: the pending log
// entries (partial index on leaf_index is null), the undelivered webhooks (delivered_at first).
import { sql, type Kysely } from 'kysely';
import type { OperationalFigures } from '../../adapters/metrics.js';
import type { LogDatabase } from './log.js';
import type { Queryable } from './types.js';

export function operationalFigures(db: Queryable, opts: { now: () => Date; webhookMaxAttempts: number }): OperationalFigures {
  const logDb = db as unknown as Kysely<LogDatabase>;
  return {
    async logSize() {
      const r = await logDb
        .selectFrom('log_checkpoints')
        .select((e) => e.fn.max('size').as('size'))
        .executeTakeFirst();
      return Number(r?.size ?? 0);
    },
    async sequencerBacklog() {
      const r = await db
        .selectFrom('log_entries')
        .select([sql<number>`count(*)`.as('pending'), sql<string | null>`min(created_at)`.as('oldest')])
        .where('leaf_index', 'is', null)
        .executeTakeFirst();
      const pending = Number(r?.pending ?? 0);
      const oldest = r?.oldest ? Date.parse(r.oldest) : undefined;
      return { pending, oldestAgeSeconds: oldest === undefined ? 0 : Math.max(0, (opts.now().getTime() - oldest) / 1000) };
    },
    async importProgress() {
      const r = await db
        .selectFrom('imports')
        .select([sql<number>`count(*)`.as('active'), sql<number>`coalesce(sum(rows_read), 0)`.as('rows'), sql<number>`coalesce(sum(size_bytes - position), 0)`.as('left')])
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      return { active: Number(r?.active ?? 0), rowsRead: Number(r?.rows ?? 0), bytesRemaining: Number(r?.left ?? 0) };
    },
    async webhookBacklog() {
      const r = await db
        .selectFrom('webhook_outbox')
        .select(sql<number>`count(*)`.as('n'))
        .where('delivered_at', 'is', null)
        .where('attempts', '<', opts.webhookMaxAttempts)
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },
  };
}
