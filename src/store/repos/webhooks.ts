// Partner webhook registrations and the outbox of events waiting to be delivered.
import type { PartnerWebhooksTable, WebhookOutboxTable } from '../schema.js';
import type { Queryable } from './types.js';

export interface DueDelivery {
  id: string;
  event_type: string;
  payload: string;
  attempts: number;
  next_attempt_at: string;
  url: string;
  secret_enc: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export const webhooksRepo = {
  upsert: (db: Queryable, row: PartnerWebhooksTable) =>
    db
      .insertInto('partner_webhooks')
      .values(row)
      .onConflict((oc) => oc.column('partner_code').doUpdateSet({ url: row.url, secret_enc: row.secret_enc, created_at: row.created_at }))
      .execute(),
  find: (db: Queryable, partner: string) => db.selectFrom('partner_webhooks').select(['url', 'created_at']).where('partner_code', '=', partner).executeTakeFirst(),
  remove: (db: Queryable, partner: string) => db.deleteFrom('partner_webhooks').where('partner_code', '=', partner).execute(),
};

export const outboxRepo = {
  /** Queues an event only for a partner with a registered webhook; false when there is none. */
  async enqueue(db: Queryable, row: WebhookOutboxTable): Promise<boolean> {
    const hook = await db.selectFrom('partner_webhooks').select('partner_code').where('partner_code', '=', row.partner_code).executeTakeFirst();
    if (!hook) return false;
    await db.insertInto('webhook_outbox').values(row).execute();
    return true;
  },

  duePartners: (db: Queryable, now: string, maxAttempts: number) =>
    db
      .selectFrom('webhook_outbox as o')
      .innerJoin('partner_webhooks as w', 'w.partner_code', 'o.partner_code')
      .select('o.partner_code')
      .distinct()
      .where('o.delivered_at', 'is', null)
      .where('o.attempts', '<', maxAttempts)
      .where('o.next_attempt_at', '<=', now)
      .orderBy('o.partner_code')
      .limit(1000)
      .execute(),

  dueFor: (db: Queryable, partner: string, now: string, limit: number, maxAttempts: number): Promise<DueDelivery[]> =>
    db
      .selectFrom('webhook_outbox as o')
      .innerJoin('partner_webhooks as w', 'w.partner_code', 'o.partner_code')
      .select(['o.id', 'o.event_type', 'o.payload', 'o.attempts', 'o.next_attempt_at', 'w.url', 'w.secret_enc'])
      .where('o.partner_code', '=', partner)
      .where('o.delivered_at', 'is', null)
      .where('o.attempts', '<', maxAttempts)
      .where('o.next_attempt_at', '<=', now)
      .orderBy('o.created_at')
      .orderBy('o.id')
      .limit(limit)
      .execute(),

  /** Compare-and-set on (next_attempt_at, attempts): exactly one claimant changes the row. */
  async claim(db: Queryable, row: DueDelivery, lease: string): Promise<boolean> {
    const r = await db
      .updateTable('webhook_outbox')
      .set({ next_attempt_at: lease })
      .where('id', '=', row.id)
      .where('delivered_at', 'is', null)
      .where('next_attempt_at', '=', row.next_attempt_at)
      .where('attempts', '=', row.attempts)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  markDelivered: (db: Queryable, row: DueDelivery, at: string) =>
    db
      .updateTable('webhook_outbox')
      .set({ delivered_at: at, attempts: row.attempts + 1 })
      .where('id', '=', row.id)
      .where('delivered_at', 'is', null)
      .execute(),

  /** Records a failed try, only while this claimant still holds the lease. */
  markFailed: (db: Queryable, id: string, lease: string, set: { attempts: number; next_attempt_at: string; last_error: string }) =>
    db.updateTable('webhook_outbox').set(set).where('id', '=', id).where('delivered_at', 'is', null).where('next_attempt_at', '=', lease).execute(),

  list: (db: Queryable, partner: string, status: DeliveryStatus | undefined, maxAttempts: number, limit: number) => {
    let q = db.selectFrom('webhook_outbox').selectAll().where('partner_code', '=', partner);
    if (status === 'delivered') q = q.where('delivered_at', 'is not', null);
    if (status === 'pending') q = q.where('delivered_at', 'is', null).where('attempts', '<', maxAttempts);
    if (status === 'failed') q = q.where('delivered_at', 'is', null).where('attempts', '>=', maxAttempts);
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  },
};
