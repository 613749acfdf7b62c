// Citizens' ratings of the agencies they dealt with, and the interactions a person may rate.
import type { RatingsTable } from '../schema.js';
import type { Queryable } from './types.js';
import { holdsLiveConsent } from './statistics.js';

export type RatingRow = RatingsTable;

export interface RateableRow {
  interaction_kind: 'attestation' | 'redemption';
  interaction_id: string;
  agency_code: string;
  issuer_code: string | null;
  at: string;
}

export const ratingsRepo = {
  insert: (db: Queryable, row: RatingRow) => db.insertInto('ratings').values(row).execute(),
  findByInteraction: (db: Queryable, kind: RatingRow['interaction_kind'], id: string) =>
    db.selectFrom('ratings').selectAll().where('interaction_kind', '=', kind).where('interaction_id', '=', id).executeTakeFirst(),
  listForAccount: (db: Queryable, accountId: string) => db.selectFrom('ratings').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').limit(200).execute(),
  listForAgency: (db: Queryable, agency: string) =>
    db.selectFrom('ratings').selectAll().where('agency_code', '=', agency).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute(),

  /** Decided deeds (by a certifier) and confirmed redemptions of the person since `since`, with what was rated already left out. */
  async rateable(db: Queryable, accountId: string, since: string): Promise<RateableRow[]> {
    const deeds = await db
      .selectFrom('attestations')
      .leftJoin('ratings', (j) => j.on('ratings.interaction_kind', '=', 'attestation').onRef('ratings.interaction_id', '=', 'attestations.id'))
      .select(['attestations.id as interaction_id', 'attestations.certifier_code', 'attestations.issuer_code', 'attestations.decided_at'])
      .where('attestations.account_id', '=', accountId)
      .where('attestations.status', 'in', ['credited', 'rejected'])
      .where('attestations.certifier_code', 'is not', null)
      .where('attestations.decided_at', '>=', since)
      .where('ratings.id', 'is', null)
      .orderBy('attestations.decided_at', 'desc')
      .limit(50)
      .execute();
    const redemptions = await db
      .selectFrom('redemptions')
      .leftJoin('ratings', (j) => j.on('ratings.interaction_kind', '=', 'redemption').onRef('ratings.interaction_id', '=', 'redemptions.id'))
      .select(['redemptions.id as interaction_id', 'redemptions.partner_code', 'redemptions.confirmed_at'])
      .where('redemptions.account_id', '=', accountId)
      .where('redemptions.status', '=', 'confirmed')
      .where('redemptions.confirmed_at', '>=', since)
      .where('ratings.id', 'is', null)
      .orderBy('redemptions.confirmed_at', 'desc')
      .limit(50)
      .execute();
    return [
      ...deeds.map((d) => ({
        interaction_kind: 'attestation' as const,
        interaction_id: d.interaction_id,
        agency_code: d.certifier_code!,
        issuer_code: d.issuer_code,
        at: d.decided_at!,
      })),
      ...redemptions.map((r) => ({
        interaction_kind: 'redemption' as const,
        interaction_id: r.interaction_id,
        agency_code: r.partner_code,
        issuer_code: null,
        at: r.confirmed_at!,
      })),
    ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  },

  /** Ratings given before `before` by persons with a live statistics consent, for the public figures. */
  countedBefore: (db: Queryable, before: string, purpose: string) =>
    db
      .selectFrom('ratings')
      .innerJoin('accounts', 'accounts.id', 'ratings.account_id')
      .select(['ratings.agency_code', 'ratings.account_id', 'ratings.stars'])
      .where('ratings.created_at', '<', before)
      .where('accounts.status', '=', 'active')
      .where((eb) => holdsLiveConsent(eb, purpose))
      .execute(),
};
