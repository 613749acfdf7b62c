// The web client is typed from the API's OpenAPI document; a route change without `npm run gen:api`
// would leave the client typed against an API that no longer exists.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, generateApiTypes } from '../scripts/api-types.js';

describe('web client types', () => {
  it('match the OpenAPI document the routes produce (run `npm run gen:api` after changing a route)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await generateApiTypes());
  }, 60_000);
});
