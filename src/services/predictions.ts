// "How many points would this give me?" for one person: the history is gathered exactly as
// attestation gathers it (posting.ts gatherHistory) and judged by the pure crediting rules
// (core/prediction.ts), so the prediction is the credit the deed would get on that day.
import type { Kysely } from 'kysely';
import { canAccess, type Principal } from '../core/access.js';
import { bangkokDay, bangkokDayStart, bangkokYear, formatDay, toBuddhistEra } from '../core/calendar.js';
import { equivalenceGroupOf, type Domain, type IndicatorDefinition } from '../core/catalogue.js';
import { isValidQuantity, scoreYear, type CapKind } from '../core/crediting.js';
import { AppError, PREDICTION_REASONS } from '../core/errors.js';
import type { OpportunityListQuery } from '../core/opportunities.js';
import { explainPrediction, predictDeed, type PredictionReason } from '../core/prediction.js';
import type { Clock } from '../adapters/clock.js';
import type { Database } from '../store/schema.js';
import { accountsRepo, type AccountRow } from '../store/repos/accounts.js';
import { creditsRepo } from '../store/repos/attestations.js';
import type { CatalogueReader, RuleVersion } from './catalogue.js';
import type { RulesReader } from './rules.js';
import type { OpportunityService, OpportunityView } from './opportunities.js';
import { gatherHistory } from './posting.js';

export interface PredictionView {
  accountId: string;
  indicator: { code: string; name: { th: string; en: string }; domain: IndicatorDefinition['domain']; ruleVersion: number };
  opportunity: { id: string; title: { th: string; en: string | null } } | null;
  /** The Bangkok day of the deed the prediction is for. */
  on: { date: string; th: string; en: string };
  year: number;
  yearBE: number;
  quantity: number;
  /** Points the deed would earn. */
  points: number;
  /** Of those, how much the year's score would rise (it stops at the scale maximum). */
  scoreGain: number;
  nominalPoints: number;
  /** What the attestation would become: credited at once, pending local certification, or rejected. */
  outcome: 'credited' | 'pending' | 'rejected';
  reason: { code: PredictionReason; message: { th: string; en: string } } | null;
  caps: CapKind[];
  nextEligibleOn: { date: string; th: string; en: string } | null;
  explanation: { th: string; en: string };
  /** The year's score as it stands now. */
  score: { earned: number; points: number; max: number };
  /** For a deed that is health data: whether the consent is given, and how to give it. */
  consent: { purpose: 'health'; given: boolean; howTo: { th: string; en: string } } | null;
}

export interface PredictionService {
  forOpportunity(principal: Principal, accountId: string, opportunityId: string, quantity?: number): Promise<PredictionView>;
  /** For a deed on Bangkok day `on` (default today), under the rule in force at noon that day. */
  forIndicator(principal: Principal, accountId: string, indicator: string, on?: string, quantity?: number): Promise<PredictionView>;
  /** The opportunity list (nearest the person's home unless `near` is given), each with its prediction for its start day. */
  opportunities(
    principal: Principal,
    accountId: string,
    query: OpportunityListQuery,
  ): Promise<{ items: Array<OpportunityView & { prediction: PredictionView }>; nextCursor: string | null }>;
}

export const CONSENT_HOW_TO = {
  th: 'ให้ความยินยอม "ข้อมูลสุขภาพ" สำหรับบัญชีของท่านก่อนวันทำความดี ที่เจ้าหน้าที่ลงทะเบียนของ อบต./เทศบาล ความดีด้านสุขภาพที่บันทึกก่อนให้ความยินยอมจะไม่ถูกเก็บไว้กับบัญชีและไม่ได้คะแนนย้อนหลัง',
  en: 'Give the "health" consent for your account before the day of the deed, at the registrar of your local authority. Health deeds recorded before the consent is given are not kept against your account and earn no points later.',
};

/** Hours of an opportunity for hourly indicators: its length in quarter hours, at most one day (what one attestation may carry). */
export function opportunityHours(startsAt: string, endsAt: string): number {
  const quarters = Math.floor((Date.parse(endsAt) - Date.parse(startsAt)) / 900_000);
  return Math.min(24, Math.max(1, quarters) / 4);
}

export function createPredictionService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  catalogue: CatalogueReader;
  opportunities: OpportunityService;
  rules: Pick<RulesReader, 'yearGraceDays'>;
}): PredictionService {
  const { db, clock, catalogue, opportunities, rules } = deps;

  async function ownAccount(principal: Principal, accountId: string): Promise<AccountRow> {
    const account = canAccess(principal, 'account.predictions', { kind: 'account', id: accountId }) ? await accountsRepo.findById(db, accountId) : undefined;
    if (account?.status !== 'active') throw new AppError('account_not_found');
    return account;
  }

  /** Reads that several predictions for one person share: the year's earned points and consents. */
  function personContext(account: AccountRow) {
    const earned = new Map<number, Promise<number>>();
    const consents = new Map<string, Promise<boolean>>();
    return {
      earned(year: number): Promise<number> {
        let e = earned.get(year);
        if (!e) {
          e = creditsRepo.byDomain(db, account.id, year).then(
            (rows) =>
              scoreYear(
                rows.map((r) => ({ domain: r.domain as Domain, points: Number(r.points) })),
                account.scale_max,
              ).earned,
          );
          earned.set(year, e);
        }
        return e;
      },
      consent(purpose: string): Promise<boolean> {
        let c = consents.get(purpose);
        if (!c) {
          c = accountsRepo.hasConsent(db, account.id, purpose);
          consents.set(purpose, c);
        }
        return c;
      },
    };
  }

  async function predict(
    account: AccountRow,
    ctx: ReturnType<typeof personContext>,
    rule: RuleVersion,
    at: Date,
    quantity: number,
    opportunity: PredictionView['opportunity'],
  ): Promise<PredictionView> {
    const def = rule.definition;
    if (!isValidQuantity(def, quantity)) throw new AppError('invalid_quantity', { unit: def.unit, quantity });
    const day = bangkokDay(at);
    const year = bangkokYear(at);
    const hasConsent = def.sensitive ? await ctx.consent(def.sensitive) : true;
    const history = await gatherHistory(db, { accountId: account.id, def, group: equivalenceGroupOf(def), year, day });
    const earned = await ctx.earned(year);
    const scale = { earned, max: account.scale_max };
    // A past day would be attested now; a coming one on that day.
    const submittedAt = new Date(Math.max(clock.now().getTime(), at.getTime()));
    const p = predictDeed({
      def,
      quantity,
      day,
      subject: { kind: account.kind, areaCode: account.area_code, hasConsent },
      history,
      year: scale,
      submittedAt,
      graceDays: rules.yearGraceDays(),
    });
    return {
      accountId: account.id,
      indicator: { code: def.code, name: def.name, domain: def.domain, ruleVersion: rule.version },
      opportunity,
      on: { date: day, ...formatDay(day) },
      year,
      yearBE: toBuddhistEra(year),
      quantity,
      points: p.points,
      scoreGain: p.scoreGain,
      nominalPoints: p.nominalPoints,
      outcome: p.points === 0 ? 'rejected' : def.certification === 'local' ? 'pending' : 'credited',
      reason: p.reason ? { code: p.reason, message: PREDICTION_REASONS[p.reason] } : null,
      caps: p.caps ?? [],
      nextEligibleOn: p.nextEligibleOn ? { date: p.nextEligibleOn, ...formatDay(p.nextEligibleOn) } : null,
      explanation: explainPrediction(p, def, scale),
      score: { earned, points: Math.min(earned, account.scale_max), max: account.scale_max },
      consent: def.sensitive ? { purpose: def.sensitive, given: hasConsent, howTo: CONSENT_HOW_TO } : null,
    };
  }

  function ruleOf(code: string, at: Date): RuleVersion {
    if (!catalogue.exists(code)) throw new AppError('unknown_indicator', { indicator: code });
    const rule = catalogue.ruleAt(code, at);
    if (!rule) throw new AppError('indicator_not_in_force', { indicator: code });
    return rule;
  }

  function forOpportunityView(account: AccountRow, ctx: ReturnType<typeof personContext>, o: OpportunityView, quantity?: number): Promise<PredictionView> {
    const at = new Date(o.startsAt);
    const rule = ruleOf(o.indicator.code, at);
    const q = quantity ?? (rule.definition.unit === 'hour' ? opportunityHours(o.startsAt, o.endsAt) : 1);
    return predict(account, ctx, rule, at, q, { id: o.id, title: o.title });
  }

  return {
    async forOpportunity(principal, accountId, opportunityId, quantity) {
      const account = await ownAccount(principal, accountId);
      const o = await opportunities.get(opportunityId);
      return forOpportunityView(account, personContext(account), o, quantity);
    },

    async forIndicator(principal, accountId, indicator, on, quantity) {
      const account = await ownAccount(principal, accountId);
      const day = on ?? bangkokDay(clock.now());
      const at = new Date(bangkokDayStart(day).getTime() + 12 * 3_600_000);
      return predict(account, personContext(account), ruleOf(indicator, at), at, quantity ?? 1, null);
    },

    async opportunities(principal, accountId, query) {
      const account = await ownAccount(principal, accountId);
      const page = await opportunities.list({ ...query, near: query.near ?? account.area_code });
      const ctx = personContext(account);
      const items = [];
      for (const o of page.items) items.push({ ...o, prediction: await forOpportunityView(account, ctx, o) });
      return { items, nextCursor: page.nextCursor };
    },
  };
}
