import { z } from 'zod';
import { ACCOUNT_KINDS, DOMAINS, indicatorCodeSchema } from '../../core/catalogue.js';

export const listQuery = z.object({
  domain: z.enum(DOMAINS).optional(),
  accountKind: z.enum(ACCOUNT_KINDS).optional(),
  owner: z.string().max(40).optional().describe('"national" or an agency code'),
});

export const codeParams = z.object({ code: indicatorCodeSchema });

// The rule itself is validated by the catalogue (validateIndicator) so that principle violations
// get their own error code; here it only has to be a JSON object.
export const defineBody = z.object({ definition: z.record(z.string(), z.unknown()), effectiveFrom: z.iso.datetime({ offset: true }).optional() }).strict();
export const reviseBody = z.object({ definition: z.record(z.string(), z.unknown()), effectiveFrom: z.iso.datetime({ offset: true }) }).strict();
