// The published exchange standard cannot drift from the code: the JSON Schema is what the API's zod
// schema generates, every example file validates against it (ajv) and is read by the importers'
// own readers, and the example XML validates against the XSD (xmllint, from libxml2-utils).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { checkXmlRoot, readCsv, readXml, type ByteSource } from '../src/adapters/import-formats.js';
import { attestationJsonSchema } from '../src/core/exchange-schema.js';
import { checkCsvHeader, csvRecordToBody, validateRow, xmlRecordToBody } from '../src/core/imports.js';

const path = (name: string) => fileURLToPath(new URL(`../docs/exchange/${name}`, import.meta.url));
const file = (name: string) => readFileSync(path(name));
const sourceOf = (buf: Buffer): ByteSource =>
  async function* (offset) {
    yield buf.subarray(offset);
  };

const ajv = new Ajv2020({ allErrors: true, strict: false });
// ajv-formats is CommonJS: its default export is the module object under NodeNext typing.
(formats as unknown as { default: (a: Ajv2020) => void }).default(ajv);
const validate = ajv.compile(JSON.parse(file('attestation.schema.json').toString('utf8')));

describe('the exchange standard', () => {
  it('publishes the JSON Schema the API schema generates (npm run gen:exchange)', () => {
    expect(JSON.parse(file('attestation.schema.json').toString('utf8'))).toEqual(attestationJsonSchema());
  });

  it('refuses with the JSON Schema what the API refuses', () => {
    const ok = { ref: 'A-1', subject: { nationalId: '1101700230708' }, indicator: 'trc.blood.red-cell', occurredAt: '2026-05-01T09:00:00+07:00' };
    expect(validate(ok)).toBe(true);
    for (const bad of [
      { ...ok, subject: {} },
      { ...ok, hours: 1.1 },
      { ...ok, extra: 1 },
      { ...ok, occurredAt: '2026-05-01' },
    ]) {
      expect(validate(bad)).toBe(false);
      expect(validateRow(bad, 'jsonl').ok).toBe(false);
    }
  });

  it('validates every example row against the schema, read as the importers read them', async () => {
    const bodies: Record<string, unknown>[] = [];
    for (const line of file('attestations.example.jsonl').toString('utf8').split('\n').filter(Boolean)) bodies.push(JSON.parse(line));
    let columns: string[] | undefined;
    for await (const rec of readCsv(sourceOf(file('attestations.example.csv')))) {
      if (rec.kind !== 'cells') throw new Error('unreadable example row');
      if (!columns) {
        const h = checkCsvHeader(rec.cells);
        if (!h.ok) throw new Error('bad example header');
        columns = h.columns;
      } else bodies.push(csvRecordToBody(columns, rec.cells));
    }
    const xml = sourceOf(file('attestations.example.xml'));
    const root = await checkXmlRoot(xml);
    if (!root.ok) throw new Error(root.code);
    for await (const rec of readXml(xml, root.root)) {
      if (rec.kind !== 'element') throw new Error('unreadable example record');
      const b = xmlRecordToBody(rec.element);
      if (!b.ok) throw new Error('not an attestation');
      bodies.push(b.body);
    }
    expect(bodies).toHaveLength(9);
    for (const b of bodies) {
      expect(validate(b), JSON.stringify(validate.errors)).toBe(true);
      expect(validateRow(b, 'jsonl').ok).toBe(true);
    }
  });

  it('validates the example XML against the XSD, and the XSD refuses a bad one', () => {
    const out = execFileSync('xmllint', ['--noout', '--nonet', '--schema', path('attestations.xsd'), path('attestations.example.xml')], { encoding: 'utf8', stdio: 'pipe' });
    expect(out).toBe('');
    const bad = file('attestations.example.xml').toString('utf8').replace('<hours>1</hours>', '<hours>1.1</hours>');
    expect(() => execFileSync('xmllint', ['--noout', '--nonet', '--schema', path('attestations.xsd'), '-'], { input: bad, stdio: 'pipe' })).toThrow();
  });
});
