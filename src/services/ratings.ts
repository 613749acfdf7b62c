// Citizens rate the agency of one interaction: the certifier after a certification or a declaration
// decision, the partner after a redemption. One rating per interaction (unique in the database, so
// two at once give one rating and one `already_rated`), only by the person of that interaction. The
// comment is the rated agency's alone to read: not the committee's, not the platform admin's.
import type { Kysely } from 'kysely';
import { canAccess, type Principal } from '../core/access.js';
import { addDays } from '../core/calendar.js';
import { RATING_WINDOW_DAYS } from '../core/disputes.js';
import { AppError } from '../core/errors.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import { isUniqueViolation } from '../store/database.js';
import type { Database } from '../store/schema.js';
import { agenciesRepo } from '../store/repos/agencies.js';
import { disputeSubjectsRepo } from '../store/repos/disputes.js';
import { ratingsRepo, type RatingRow } from '../store/repos/ratings.js';
import { SELF_ISSUER } from './attestations.js';

type Localised = { th: string; en: string };
export type InteractionKind = RatingRow['interaction_kind'];
export type RatingContext = RatingRow['context'];

export interface RateInput {
  interaction: { kind: InteractionKind; id: string };
  stars: number;
  comment?: string | undefined;
}

export interface OwnRatingView {
  id: string;
  interaction: { kind: InteractionKind; id: string };
  context: RatingContext;
  agency: { code: string; name: Localised | null };
  stars: number;
  comment: string | null;
  createdAt: string;
}

export interface RatingService {
  rate(principal: Principal, accountId: string, input: RateInput): Promise<{ rating: OwnRatingView; replayed: boolean }>;
  /** The person's own ratings and the interactions still waiting for one (latest first). */
  forAccount(
    principal: Principal,
    accountId: string,
  ): Promise<{
    items: OwnRatingView[];
    due: Array<{ interaction: { kind: InteractionKind; id: string }; context: RatingContext; agency: { code: string; name: Localised | null }; at: string }>;
  }>;
  /** What the rated agency reads: stars, comment, context and month; never who wrote it. */
  forAgency(principal: Principal, agency: string): Promise<{ agency: string; items: Array<{ stars: number; comment: string | null; context: RatingContext; month: string }> }>;
}

const contextOf = (issuer: string | null, kind: InteractionKind): RatingContext =>
  kind === 'redemption' ? 'redemption' : issuer === SELF_ISSUER ? 'declaration' : 'certification';

export function createRatingService(deps: { db: Kysely<Database>; clock: Clock; ids: IdGenerator }): RatingService {
  const { db, clock, ids } = deps;

  const names = async (codes: readonly string[]) => new Map((await agenciesRepo.findMany(db, [...new Set(codes)])).map((a) => [a.code, { th: a.name_th, en: a.name_en }]));

  const view = (r: RatingRow, byCode: Map<string, Localised>): OwnRatingView => ({
    id: r.id,
    interaction: { kind: r.interaction_kind, id: r.interaction_id },
    context: r.context,
    agency: { code: r.agency_code, name: byCode.get(r.agency_code) ?? null },
    stars: r.stars,
    comment: r.comment,
    createdAt: r.created_at,
  });

  /** The interaction if it is this person's and finished within the window: the agency rated and the context. */
  const interaction = async (accountId: string, kind: InteractionKind, id: string): Promise<{ agency: string; context: RatingContext }> => {
    const since = addDays(clock.now(), -RATING_WINDOW_DAYS).toISOString();
    if (kind === 'attestation') {
      const a = await disputeSubjectsRepo.attestation(db, id);
      if (!a || a.account_id !== accountId) throw new AppError('interaction_not_found');
      if (a.status === 'pending' || !a.certifier_code || !a.decided_at || a.decided_at < since) throw new AppError('interaction_not_rateable');
      return { agency: a.certifier_code, context: contextOf(a.issuer_code, kind) };
    }
    const r = await disputeSubjectsRepo.redemption(db, id);
    if (!r || r.account_id !== accountId) throw new AppError('interaction_not_found');
    if (r.status !== 'confirmed' || !r.confirmed_at || r.confirmed_at < since) throw new AppError('interaction_not_rateable');
    return { agency: r.partner_code, context: 'redemption' };
  };

  return {
    async rate(principal, accountId, input) {
      if (!canAccess(principal, 'account.own', { kind: 'account', id: accountId })) throw new AppError('account_not_found');
      const { agency, context } = await interaction(accountId, input.interaction.kind, input.interaction.id);
      const comment = input.comment?.trim() ? input.comment.trim() : null;
      const replay = async () => {
        const existing = await ratingsRepo.findByInteraction(db, input.interaction.kind, input.interaction.id);
        if (!existing) return undefined;
        // The same rating sent again (a retry) is answered as before; a different one is refused.
        if (existing.stars !== input.stars || existing.comment !== comment) throw new AppError('already_rated');
        return { rating: view(existing, await names([existing.agency_code])), replayed: true };
      };
      const earlier = await replay();
      if (earlier) return earlier;
      const row: RatingRow = {
        id: ids.next(),
        account_id: accountId,
        interaction_kind: input.interaction.kind,
        interaction_id: input.interaction.id,
        context,
        agency_code: agency,
        stars: input.stars,
        comment,
        created_at: clock.now().toISOString(),
      };
      try {
        await ratingsRepo.insert(db, row);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const raced = await replay();
        if (raced) return raced;
        throw new AppError('already_rated');
      }
      return { rating: view(row, await names([agency])), replayed: false };
    },

    async forAccount(principal, accountId) {
      if (!canAccess(principal, 'account.own', { kind: 'account', id: accountId })) throw new AppError('account_not_found');
      const since = addDays(clock.now(), -RATING_WINDOW_DAYS).toISOString();
      const [rows, due] = await Promise.all([ratingsRepo.listForAccount(db, accountId), ratingsRepo.rateable(db, accountId, since)]);
      const byCode = await names([...rows.map((r) => r.agency_code), ...due.map((d) => d.agency_code)]);
      return {
        items: rows.map((r) => view(r, byCode)),
        due: due.map((d) => ({
          interaction: { kind: d.interaction_kind, id: d.interaction_id },
          context: contextOf(d.issuer_code, d.interaction_kind),
          agency: { code: d.agency_code, name: byCode.get(d.agency_code) ?? null },
          at: d.at,
        })),
      };
    },

    async forAgency(principal, agency) {
      if (!canAccess(principal, 'rating.comments.read', { kind: 'agency', code: agency })) throw new AppError('forbidden');
      const rows = await ratingsRepo.listForAgency(db, agency);
      return { agency, items: rows.map((r) => ({ stars: r.stars, comment: r.comment, context: r.context, month: r.created_at.slice(0, 7) })) };
    },
  };
}
