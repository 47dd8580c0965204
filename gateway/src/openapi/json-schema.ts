/** Zod → JSON Schema (2020-12, what OpenAPI 3.1 uses) for request and response bodies. */
import * as z from 'zod';

export type SchemaObject = Record<string, unknown>;

export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    // Refinements and transforms have no JSON Schema form; the runtime checks them anyway.
    unrepresentable: 'any',
    reused: 'inline',
  }) as SchemaObject;
  return rest;
}

export const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
