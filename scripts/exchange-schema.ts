// Writes docs/exchange/attestation.schema.json from the API's zod schema (see src/core/exchange-schema.ts).
import { writeFileSync } from 'node:fs';
import { attestationJsonSchema } from '../src/core/exchange-schema.js';

writeFileSync(new URL('../docs/exchange/attestation.schema.json', import.meta.url), `${JSON.stringify(attestationJsonSchema(), null, 2)}\n`);
