// Which words of the messages name what a read touched (the access log records the route).
export function whatKey(what: string): string {
  if (what === 'partner:voucher') return 'voucher';
  if (what === 'partner:eligibility') return 'eligibility';
  if (what === 'POST /api/v1/accounts') return 'enrolment';
  if (what.endsWith('/accounts/lookup')) return 'lookup';
  if (what.endsWith('/accounts/scan') || what.includes('/card')) return 'card';
  if (what.includes('/attestations/pending')) return 'queue';
  if (what.includes('/certifications/meetings')) return 'meeting';
  if (what.includes('/evidence')) return 'evidence';
  if (what.endsWith('/score') || what.endsWith('/years')) return 'score';
  if (what.endsWith('/credits')) return 'credits';
  if (what.endsWith('/attestations')) return 'deeds';
  if (what.endsWith('/balance') || what.endsWith('/achievements')) return 'wallet';
  if (what.includes('/certificates')) return 'certificates';
  if (what === 'GET /api/v1/accounts/:id') return 'account';
  return 'record';
}
