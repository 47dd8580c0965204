import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { formatPath, parseWithIssues, toIssues } from './issues';

describe('formatPath', () => {
  it('writes paths the way a person reads them', () => {
    expect(formatPath(['batch', 3, 'properties', 'price'])).toBe('batch[3].properties.price');
    expect(formatPath(['properties', 'a.b', 'c d'])).toBe('properties["a.b"]["c d"]');
    expect(formatPath([0, 'x'])).toBe('[0].x');
    expect(formatPath([])).toBe('');
  });
});

describe('parseWithIssues', () => {
  const schema = z.object({
    name: z.string().min(1).max(5),
    price: z.number(),
    level: z.enum(['info', 'warn']),
    when: z.iso.datetime({ offset: true }).optional(),
    tags: z.array(z.string()).max(2).optional(),
    id: z.union([z.string(), z.number()]).optional(),
  });

  it('says what was expected and what came', () => {
    const result = parseWithIssues(
      schema,
      { name: '', price: '3', level: 'loud', when: 'yesterday', tags: ['a', 'b', 'c'], id: true },
      ['batch', 2],
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'batch[2].name', message: 'must not be empty' },
        { path: 'batch[2].price', message: 'expected number, got string' },
        { path: 'batch[2].level', message: 'must be one of "info", "warn", got "loud"' },
        {
          path: 'batch[2].when',
          message: expect.stringMatching(/^must be an ISO 8601 date-time .* got "yesterday"$/),
        },
        { path: 'batch[2].tags', message: 'must have at most 2 items, got 3' },
        { path: 'batch[2].id', message: 'expected string or number, got boolean' },
      ],
    });
  });

  it('calls a missing field required and reports over-long strings with their length', () => {
    const result = parseWithIssues(schema, { name: 'abcdefg', level: 'info' });
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'name', message: 'must be at most 5 characters, got 7' },
      { path: 'price', message: 'is required (expected number)' },
    ]);
  });

  it('returns the parsed value when valid', () => {
    expect(parseWithIssues(schema, { name: 'a', price: 1, level: 'warn' })).toEqual({
      ok: true,
      value: { name: 'a', price: 1, level: 'warn' },
    });
  });
});

describe('toIssues', () => {
  it('formats any ZodError, also one parsed without Inlet messages', () => {
    const result = z.object({ a: z.object({ b: z.string() }) }).safeParse({ a: { b: 1 } });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(toIssues(result.error)).toEqual([
        { path: 'a.b', message: expect.stringContaining('expected string') },
      ]);
    }
  });
});
