import { describe, expect, it } from 'vitest';
import { messages } from './messages';
import { whatKey } from './what';

describe('what an access-log entry read', () => {
  it('names each recorded route with words the screen has', () => {
    const cases: Array<[string, string]> = [
      ['GET /api/v1/accounts/:id', 'account'],
      ['GET /api/v1/accounts/:id/credits', 'credits'],
      ['GET /api/v1/accounts/:id/score', 'score'],
      ['GET /api/v1/accounts/:id/attestations', 'deeds'],
      ['GET /api/v1/accounts/:id/card.pdf', 'card'],
      ['POST /api/v1/accounts/scan', 'card'],
      ['POST /api/v1/accounts/lookup', 'lookup'],
      ['POST /api/v1/accounts', 'enrolment'],
      ['GET /api/v1/attestations/pending', 'queue'],
      ['GET /api/v1/certifications/meetings/:id', 'meeting'],
      ['GET /api/v1/accounts/:id/evidence/:sha256', 'evidence'],
      ['partner:voucher', 'voucher'],
      ['partner:eligibility', 'eligibility'],
      ['GET /api/v1/something/new', 'record'],
    ];
    for (const [what, key] of cases) {
      expect(whatKey(what), what).toBe(key);
      expect(messages.th.what).toHaveProperty(key);
    }
  });
});
