// The catalogue of good-deed opportunities: issuers publish blood drives, volunteer events and
// courses for the indicators they attest; anyone can browse them, nearest first.
import type { Kysely } from 'kysely';
import { type AgencyPrincipal, canAccess, type Principal } from '../core/access.js';
import { addCalendarDays, bangkokDay, bangkokDayStart, formatDay } from '../core/calendar.js';
import { DOMAIN_NAMES, type Domain, type IndicatorDefinition } from '../core/catalogue.js';
import { AppError } from '../core/errors.js';
import {
  PROXIMITY_NAMES,
  proximityRank,
  scheduleIssues,
  type OpportunityInput,
  type OpportunityListQuery,
  type OpportunityPatch,
  type OpportunityStatus,
} from '../core/opportunities.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import { sha256Base64url } from '../adapters/crypto.js';
import type { Database } from '../store/schema.js';
import { agenciesRepo } from '../store/repos/agencies.js';
import { areasRepo, type AreaRow } from '../store/repos/areas.js';
import { opportunitiesRepo, type OpportunityRow } from '../store/repos/opportunities.js';
import type { CatalogueReader, RuleVersion } from './catalogue.js';

export interface AreaName {
  code: string;
  level: AreaRow['level'];
  name: { th: string; en: string };
}

export interface OpportunityView {
  id: string;
  status: OpportunityStatus;
  agency: { code: string; name: { th: string; en: string } };
  title: { th: string; en: string | null };
  description: { th: string; en: string | null } | null;
  indicator: {
    code: string;
    name: { th: string; en: string };
    domain: Domain;
    domainName: { th: string; en: string };
    /** Nominal points per unit under the rule in force when the opportunity starts. */
    points: number;
    unit: IndicatorDefinition['unit'];
    certification: IndicatorDefinition['certification'];
    sensitive: 'health' | null;
    ruleVersion: number;
  };
  startsAt: string;
  endsAt: string;
  /** The Bangkok day it starts, as people read it. */
  startsOn: { date: string; th: string; en: string };
  place: { name: string; address: string | null; areaCode: string; areas: AreaName[] };
  capacity: number | null;
  contact: { phone: string | null; email: string | null; url: string | null } | null;
  /** How near the place is to the `near` subdistrict of the listing; null without one. */
  proximity: (typeof PROXIMITY_NAMES)[number] | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
}

export interface OpportunityPage {
  items: OpportunityView[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

export interface OpportunityService {
  publish(principal: Principal, input: OpportunityInput): Promise<{ opportunity: OpportunityView; replayed: boolean }>;
  update(principal: Principal, id: string, patch: OpportunityPatch): Promise<OpportunityView>;
  cancel(principal: Principal, id: string): Promise<OpportunityView>;
  get(id: string): Promise<OpportunityView>;
  list(query: OpportunityListQuery): Promise<OpportunityPage>;
}

export const DEFAULT_PAGE_SIZE = 20;

interface Cursor {
  rank: number;
  startsAt: string;
  id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.rank, c.startsAt, c.id])).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  const refuse = (): never => {
    throw new AppError('validation_failed', { issues: [{ path: 'querystring.cursor', message: 'not a cursor of this list' }] });
  };
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return refuse();
  }
  if (!Array.isArray(value) || value.length !== 3) return refuse();
  const [rank, startsAt, id] = value as unknown[];
  if (typeof rank !== 'number' || ![0, 1, 2, 3].includes(rank) || typeof startsAt !== 'string' || typeof id !== 'string') return refuse();
  if (Number.isNaN(Date.parse(startsAt as string)) || (id as string).length > 100) return refuse();
  return { rank: rank as number, startsAt: startsAt as string, id: id as string };
}

/** A day filter means its first minute (from) or up to its end (to); an instant means itself. */
function lowerBound(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? bangkokDayStart(value).toISOString() : new Date(value).toISOString();
}
function upperBoundExclusive(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? bangkokDayStart(addCalendarDays(value, 1)).toISOString() : new Date(Date.parse(value) + 1).toISOString();
}

/** The area and the ones that contain it, province first: 500204 → 50, 5002, 500204. */
const areaPath = (code: string) => [code.slice(0, 2), code.slice(0, 4), code].filter((c, i, all) => c.length > 0 && all.indexOf(c) === i && code.startsWith(c));

function requestHashOf(input: OpportunityInput): string {
  const { ref: _ref, ...content } = input;
  return sha256Base64url(JSON.stringify(content));
}

export function createOpportunityService(deps: {
  db: Kysely<Database>;
  /** The public catalogue's reads (may lag the primary a moment); default `db`. */
  read?: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
  catalogue: CatalogueReader;
}): OpportunityService {
  const { db, clock, ids, catalogue } = deps;
  const read = deps.read ?? db;

  function requireIssuer(principal: Principal): AgencyPrincipal {
    if (!canAccess(principal, 'opportunity.write')) throw new AppError('forbidden');
    return principal;
  }

  function checkIndicator(principal: Principal, code: string): void {
    if (!catalogue.exists(code)) throw new AppError('unknown_indicator', { indicator: code });
    if (!canAccess(principal, 'opportunity.publish', { kind: 'indicator', code })) throw new AppError('out_of_scope', { indicator: code });
  }

  function ruleFor(code: string, startsAt: string): RuleVersion {
    const rule = catalogue.ruleAt(code, new Date(startsAt));
    if (!rule) throw new AppError('indicator_not_in_force', { indicator: code, at: startsAt });
    return rule;
  }

  async function checkArea(code: string): Promise<void> {
    if (!(await areasRepo.findByCode(db, code))) throw new AppError('area_not_found', { areaCode: code });
  }

  async function present(rows: readonly OpportunityRow[], near?: string): Promise<OpportunityView[]> {
    // Reference rows (agencies, areas) that change rarely: the replica's copy is good enough.
    const agencies = new Map((await agenciesRepo.findMany(read, [...new Set(rows.map((r) => r.agency_code))])).map((a) => [a.code, a]));
    const areas = new Map((await areasRepo.findMany(read, [...new Set(rows.flatMap((r) => areaPath(r.area_code)))])).map((a) => [a.code, a]));
    return rows.map((r) => {
      const rule = catalogue.ruleAt(r.indicator_code, new Date(r.starts_at)) ?? catalogue.current(r.indicator_code);
      if (!rule) throw new Error(`opportunity ${r.id} names indicator ${r.indicator_code}, which the catalogue does not have`);
      const def = rule.definition;
      const agency = agencies.get(r.agency_code);
      const day = bangkokDay(new Date(r.starts_at));
      return {
        id: r.id,
        status: r.status,
        agency: { code: r.agency_code, name: agency ? { th: agency.name_th, en: agency.name_en } : { th: r.agency_code, en: r.agency_code } },
        title: { th: r.title_th, en: r.title_en },
        description: r.description_th === null ? null : { th: r.description_th, en: r.description_en },
        indicator: {
          code: def.code,
          name: def.name,
          domain: def.domain,
          domainName: DOMAIN_NAMES[def.domain],
          points: def.points,
          unit: def.unit,
          certification: def.certification,
          sensitive: def.sensitive ?? null,
          ruleVersion: rule.version,
        },
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        startsOn: { date: day, ...formatDay(day) },
        place: {
          name: r.place_name,
          address: r.address,
          areaCode: r.area_code,
          areas: areaPath(r.area_code).flatMap((c) => {
            const a = areas.get(c);
            return a ? [{ code: a.code, level: a.level, name: { th: a.name_th, en: a.name_en } }] : [];
          }),
        },
        capacity: r.capacity,
        contact: r.contact_phone === null && r.contact_email === null && r.contact_url === null ? null : { phone: r.contact_phone, email: r.contact_email, url: r.contact_url },
        proximity: near ? PROXIMITY_NAMES[proximityRank(near, r.area_code)] : null,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        cancelledAt: r.cancelled_at,
      };
    });
  }

  const presentOne = async (row: OpportunityRow) => (await present([row]))[0]!;

  /** The opportunity, if this principal manages it; 404 otherwise, so other agencies cannot probe ids. */
  async function managed(principal: Principal, id: string): Promise<OpportunityRow> {
    requireIssuer(principal);
    const row = await opportunitiesRepo.findById(db, id);
    if (!row || !canAccess(principal, 'opportunity.manage', { kind: 'opportunity', agency: row.agency_code })) throw new AppError('opportunity_not_found');
    return row;
  }

  return {
    async publish(principal, input) {
      const agency = requireIssuer(principal).agency;
      checkIndicator(principal, input.indicator);
      const requestHash = requestHashOf(input);
      const replay = async (): Promise<{ opportunity: OpportunityView; replayed: boolean } | undefined> => {
        const existing = input.ref ? await opportunitiesRepo.findByRef(db, agency, input.ref) : undefined;
        if (!existing) return undefined;
        if (existing.request_hash !== requestHash) throw new AppError('ref_conflict', { ref: input.ref });
        return { opportunity: await presentOne(existing), replayed: true };
      };
      const earlier = await replay();
      if (earlier) return earlier;

      ruleFor(input.indicator, input.startsAt);
      const now = clock.now();
      if (Date.parse(input.endsAt) <= now.getTime()) throw new AppError('opportunity_ended', { endsAt: input.endsAt });
      await checkArea(input.place.areaCode);
      const at = now.toISOString();
      const row: OpportunityRow = {
        id: ids.next(),
        agency_code: agency,
        ref: input.ref ?? null,
        request_hash: requestHash,
        title_th: input.title.th,
        title_en: input.title.en ?? null,
        description_th: input.description?.th ?? null,
        description_en: input.description?.en ?? null,
        indicator_code: input.indicator,
        starts_at: new Date(input.startsAt).toISOString(),
        ends_at: new Date(input.endsAt).toISOString(),
        place_name: input.place.name,
        area_code: input.place.areaCode,
        address: input.place.address ?? null,
        capacity: input.capacity ?? null,
        contact_phone: input.contact?.phone ?? null,
        contact_email: input.contact?.email ?? null,
        contact_url: input.contact?.url ?? null,
        status: 'published',
        created_at: at,
        updated_at: at,
        cancelled_at: null,
      };
      // The (agency, ref) unique index settles concurrent retries: the loser answers the winner's row.
      if (!(await opportunitiesRepo.insertIfNew(db, row))) {
        const replayed = await replay();
        if (!replayed) throw new Error(`opportunity ${agency}/${input.ref} conflicted but cannot be read`);
        return replayed;
      }
      return { opportunity: await presentOne(row), replayed: false };
    },

    async update(principal, id, patch) {
      const row = await managed(principal, id);
      if (row.status === 'cancelled') throw new AppError('opportunity_cancelled');
      const indicator = patch.indicator ?? row.indicator_code;
      checkIndicator(principal, indicator);
      const startsAt = patch.startsAt ?? row.starts_at;
      const endsAt = patch.endsAt ?? row.ends_at;
      const schedule = scheduleIssues(startsAt, endsAt);
      if (schedule) throw new AppError('validation_failed', { issues: [{ path: 'body.endsAt', message: schedule }] });
      ruleFor(indicator, startsAt);
      if ((patch.startsAt || patch.endsAt) && Date.parse(endsAt) <= clock.now().getTime()) throw new AppError('opportunity_ended', { endsAt });
      if (patch.place) await checkArea(patch.place.areaCode);

      const set: Parameters<typeof opportunitiesRepo.update>[3] = { updated_at: clock.now().toISOString(), indicator_code: indicator };
      if (patch.title) Object.assign(set, { title_th: patch.title.th, title_en: patch.title.en ?? null });
      if (patch.description !== undefined) Object.assign(set, { description_th: patch.description?.th ?? null, description_en: patch.description?.en ?? null });
      if (patch.startsAt) set.starts_at = new Date(patch.startsAt).toISOString();
      if (patch.endsAt) set.ends_at = new Date(patch.endsAt).toISOString();
      if (patch.place) Object.assign(set, { place_name: patch.place.name, area_code: patch.place.areaCode, address: patch.place.address ?? null });
      if (patch.capacity !== undefined) set.capacity = patch.capacity;
      if (patch.contact !== undefined)
        Object.assign(set, { contact_phone: patch.contact?.phone ?? null, contact_email: patch.contact?.email ?? null, contact_url: patch.contact?.url ?? null });
      // Only a published one changes: a cancellation that came first wins.
      if (!(await opportunitiesRepo.update(db, row.id, row.agency_code, set))) throw new AppError('opportunity_cancelled');
      return presentOne((await opportunitiesRepo.findById(db, row.id))!);
    },

    async cancel(principal, id) {
      const row = await managed(principal, id);
      if (row.status === 'published') {
        const at = clock.now().toISOString();
        await opportunitiesRepo.update(db, row.id, row.agency_code, { status: 'cancelled', cancelled_at: at, updated_at: at });
      }
      return presentOne((await opportunitiesRepo.findById(db, row.id))!);
    },

    async get(id) {
      const row = await opportunitiesRepo.findById(read, id);
      if (!row) throw new AppError('opportunity_not_found');
      return presentOne(row);
    },

    async list(query) {
      if (query.near && !(await areasRepo.findByCode(read, query.near))) throw new AppError('area_not_found', { areaCode: query.near });
      if (query.area && !(await areasRepo.findByCode(read, query.area))) throw new AppError('area_not_found', { areaCode: query.area });
      let indicators: string[] | undefined;
      if (query.domain) {
        const domain = query.domain;
        indicators = catalogue.codes().filter((c) => catalogue.current(c)?.definition.domain === domain);
      }
      if (query.indicator) indicators = indicators ? indicators.filter((c) => c === query.indicator) : [query.indicator];
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const rows = await opportunitiesRepo.list(read, {
        status: query.status ?? 'published',
        agency: query.agency,
        indicators,
        area: query.area,
        text: query.q,
        endsAfter: query.from ? lowerBound(query.from) : clock.now().toISOString(),
        startsBefore: query.to ? upperBoundExclusive(query.to) : undefined,
        near: query.near,
        after: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > limit && last ? encodeCursor({ rank: query.near ? proximityRank(query.near, last.area_code) : 0, startsAt: last.starts_at, id: last.id }) : null;
      return { items: await present(page, query.near), nextCursor };
    },
  };
}
