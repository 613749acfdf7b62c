// What one request carries to the services without every signature passing it along: the purpose a
// staff member states for reading a person's record, the route being served, and which accounts
// this request has already recorded in the access log (one row per account per request).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PurposeParse } from '../core/consents.js';

export interface RequestContext {
  /** The stated purpose as parsed from the request (absent, valid, or refused with a reason). */
  purpose: PurposeParse;
  /** `GET /api/v1/accounts/:id/credits`: what was read, in the route's own words. */
  route: string | undefined;
  correlationId: string | undefined;
  /** Accounts already recorded for this request. */
  recorded: Set<string>;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  current: (): RequestContext | undefined => storage.getStore(),
  /** Runs `fn` (and everything it awaits) inside `ctx`. */
  run: <T>(ctx: Omit<RequestContext, 'recorded'>, fn: () => T): T => storage.run({ ...ctx, recorded: new Set() }, fn),
};
