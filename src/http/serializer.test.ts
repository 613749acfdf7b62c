import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsesAsItEncodes, serializerCompiler } from './serializer.js';

const compile = (schema: z.ZodType) => serializerCompiler({ schema, method: 'GET', url: '/x', httpStatus: '200' });

describe('response serializer', () => {
  it('parses a schema that works the same both ways, and encodes one that does not', () => {
    const plain = z.object({ a: z.string(), b: z.array(z.object({ n: z.number().int().nullable() })), c: z.union([z.literal('x'), z.enum(['y'])]).optional() });
    expect(parsesAsItEncodes(plain)).toBe(true);
    expect(parsesAsItEncodes(z.object({ a: z.string().transform((s) => s.length) }))).toBe(false);
    expect(parsesAsItEncodes(z.object({ a: z.array(z.string().default('x')) }))).toBe(false);
    expect(parsesAsItEncodes(z.object({ a: z.record(z.string(), z.coerce.number()) }))).toBe(false);
    expect(parsesAsItEncodes(z.object({ a: z.codec(z.string(), z.number(), { decode: Number, encode: String }).optional() }))).toBe(false);
  });

  it('sends only what the schema names, and refuses what does not match it', () => {
    const send = compile(z.object({ a: z.string(), n: z.number().int() }));
    expect(send({ a: 'ok', n: 1, secret: 'x' })).toBe('{"a":"ok","n":1}');
    let thrown: unknown;
    try {
      send({ a: 'ok', n: 1.5 });
    } catch (err) {
      thrown = err;
    }
    expect(isResponseSerializationError(thrown)).toBe(true);
  });

  it('encodes through a codec backwards', () => {
    const day = z.codec(z.iso.date(), z.date(), { decode: (s) => new Date(`${s}T00:00:00Z`), encode: (d) => d.toISOString().slice(0, 10) });
    expect(compile(z.object({ day }))({ day: new Date('2026-12-03T00:00:00Z') })).toBe('{"day":"2026-12-03"}');
  });
});
