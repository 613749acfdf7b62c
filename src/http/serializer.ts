// Every response is checked against its zod schema before it is sent, as fastify-type-provider-zod's
// serializer does, but with safeParse wherever that gives the same answer: zod 4 encodes (the
// backward direction, which codecs need) about ten times slower than it parses, about 10 µs of a
// score read. A schema with anything that works differently backwards (transforms, pipes and codecs,
// defaults, catch, coercion, lazy) keeps safeEncode.
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { $ZodType, safeEncode, safeParse } from 'zod/v4/core';

interface Def {
  type: string;
  coerce?: boolean;
  shape?: Record<string, $ZodType>;
  catchall?: $ZodType;
  element?: $ZodType;
  innerType?: $ZodType;
  options?: $ZodType[];
  left?: $ZodType;
  right?: $ZodType;
  keyType?: $ZodType;
  valueType?: $ZodType;
  items?: $ZodType[];
  rest?: $ZodType | null;
}

const BACKWARD_DIFFERS = new Set(['pipe', 'transform', 'default', 'prefault', 'catch', 'lazy', 'promise', 'function', 'success']);

/** Whether parsing `schema` gives the same result as encoding with it (nothing in it works differently backwards). */
export function parsesAsItEncodes(schema: $ZodType, seen = new Set<$ZodType>()): boolean {
  if (seen.has(schema)) return true;
  seen.add(schema);
  const def = schema._zod.def as unknown as Def;
  if (BACKWARD_DIFFERS.has(def.type) || def.coerce) return false;
  const inner = [
    ...Object.values(def.shape ?? {}),
    def.catchall,
    def.element,
    def.innerType,
    ...(def.options ?? []),
    def.left,
    def.right,
    def.keyType,
    def.valueType,
    ...(def.items ?? []),
    def.rest,
  ];
  return inner.every((s) => !(s instanceof $ZodType) || parsesAsItEncodes(s, seen));
}

function zodSchemaOf(maybe: unknown): $ZodType {
  if (maybe instanceof $ZodType) return maybe;
  const properties = (maybe as { properties?: unknown } | null)?.properties;
  if (properties instanceof $ZodType) return properties;
  throw new Error(`a response schema that is not a zod schema: ${JSON.stringify(maybe)}`);
}

export const serializerCompiler: FastifySerializerCompiler<unknown> = ({ schema, method, url }) => {
  const zod = zodSchemaOf(schema);
  const check = parsesAsItEncodes(zod) ? safeParse : safeEncode;
  return (data) => {
    const result = check(zod, data);
    if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
};
