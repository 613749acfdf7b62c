// What one request carries to the access log without every signature passing it along: the purpose
// a staff member states for reading a person's record, the route being served, the correlation id,
// and which accounts this request has already recorded (one row per account per request). It rides
// on the request's principal: a recorded reader gets a principal object of its own for each request
// (a frozen copy), and the context is found by that object. An AsyncLocalStorage did this before;
// on Node 20 it turns on promise hooks for every promise in the process, a few per cent of each request.
import type { Principal } from '../core/access.js';
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

const contexts = new WeakMap<Principal, RequestContext>();

export const requestContext = {
  /** `principal` acting within one request (or one CLI command): a copy of it that carries `ctx`. */
  attach: <P extends Principal>(principal: P, ctx: Omit<RequestContext, 'recorded'>): P => {
    const acting: P = Object.freeze({ ...principal });
    contexts.set(acting, { ...ctx, recorded: new Set() });
    return acting;
  },
  /** The context `principal` acts in, if it was attached to one. */
  of: (principal: Principal): RequestContext | undefined => contexts.get(principal),
};
