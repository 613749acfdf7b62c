// Partner events are written to an outbox in the same transaction as the change they describe,
// so a crash can delay a webhook but never lose or invent one.
import type { IdGenerator } from '../adapters/ids.js';
import { outboxRepo } from '../store/repos/webhooks.js';
import type { Queryable } from '../store/repos/types.js';

export type PartnerEventType = 'redemption.issued' | 'redemption.confirmed' | 'redemption.expired';

export async function enqueuePartnerEvent(
  db: Queryable,
  deps: { ids: IdGenerator },
  e: { partner: string; type: PartnerEventType; data: Record<string, unknown>; now: string },
): Promise<void> {
  const id = deps.ids.next();
  await outboxRepo.enqueue(db, {
    id,
    partner_code: e.partner,
    event_type: e.type,
    payload: JSON.stringify({ id, type: e.type, createdAt: e.now, data: e.data }),
    created_at: e.now,
    attempts: 0,
    next_attempt_at: e.now,
    delivered_at: null,
    last_error: null,
  });
}
