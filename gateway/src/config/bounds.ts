/** Numeric ranges read from `GatewayConfigSchema`, so messages quote the same bounds the schema checks. */
import * as z from 'zod';
import { GatewayConfigSchema } from './schema';

export interface NumberBounds {
  readonly min: number;
  readonly max: number;
  readonly int: boolean;
}

export function numberBounds(field: string): NumberBounds | undefined {
  let schema: unknown = (GatewayConfigSchema.shape as Record<string, unknown>)[field];
  while (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) schema = schema.unwrap();
  if (!(schema instanceof z.ZodNumber)) return undefined;
  return {
    min: schema.minValue ?? Number.NEGATIVE_INFINITY,
    max: schema.maxValue ?? Number.POSITIVE_INFINITY,
    int: schema.isInt,
  };
}

/** `an integer from 0 to 65535`, `a number of at least 0`, … */
export function expectedNumber(field: string, int = false): string {
  const bounds = numberBounds(field);
  const noun = (bounds?.int ?? int) ? 'an integer' : 'a number';
  if (bounds === undefined) return noun;
  const { min, max } = bounds;
  if (Number.isFinite(min) && Number.isFinite(max)) return `${noun} from ${min} to ${max}`;
  if (Number.isFinite(min)) return `${noun} of at least ${min}`;
  if (Number.isFinite(max)) return `${noun} of at most ${max}`;
  return noun;
}
