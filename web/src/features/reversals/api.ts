// The reversal tool's calls: find a credit (by credit or attestation id) and reverse it.
import { api, unwrap } from '../../api/client';

export const findCredit = (id: string) => unwrap(api.GET('/api/v1/credits/{id}', { params: { path: { id } } }));

export const reverseCredit = (id: string, body: { reason: CreditReversalReason; text: string }) =>
  unwrap(api.POST('/api/v1/credits/{id}/reversal', { params: { path: { id } }, body }));

export type CreditFound = Awaited<ReturnType<typeof findCredit>>;
export type ReversalDone = Awaited<ReturnType<typeof reverseCredit>>;
export type CreditReversalReason = NonNullable<CreditFound['reversal']>['reason']['code'];
