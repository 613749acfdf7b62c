// The JSON Schema of one attestation (docs/exchange/attestation.schema.json), generated from the
// zod schema the API and the file imports validate with, so the published schema cannot drift:
// `npm run gen:exchange` writes it and test/exchange-standard.test.ts checks the file is current.
// What JSON Schema cannot say on its own (exactly one subject, quarter hours, ten evidence fields)
// is added by hand below; the national ID's check digit is only in the description.
import { z } from 'zod';
import { attestationBody } from './attestation-input.js';

type Json = Record<string, unknown>;

export function attestationJsonSchema(): Json {
  const generated = z.toJSONSchema(attestationBody, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  const properties = generated.properties as Record<string, Json>;
  const subject = properties.subject!;
  subject.minProperties = 1;
  subject.maxProperties = 1;
  subject.description = 'Exactly one of nationalId (13 digits, valid check digit), accountId, passport';
  properties.hours!.multipleOf = 0.25;
  properties.evidence!.maxProperties = 10;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: 'https://khwamdee.example/docs/exchange/attestation.schema.json',
    title: 'Khwamdee attestation (one row of a CSV file, one line of JSON Lines, one <attestation> of XML)',
    ...rest,
  };
}
