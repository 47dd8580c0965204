/// <reference types="node" />
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEventLimits, findLimitViolations, LIMITS, utf8ByteLength } from './limits';

const nest = (levels: number): unknown => (levels === 0 ? 1 : { a: nest(levels - 1) });

describe('utf8ByteLength', () => {
  it('agrees with Buffer.byteLength for any string, including astral and lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        // Lone surrogates become U+FFFD (3 bytes) in Buffer; count the same way.
        expect(utf8ByteLength(s)).toBe(Buffer.byteLength(s, 'utf8'));
      }),
      { numRuns: 300 },
    );
    // ASCII-only text takes the fast path.
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(utf8ByteLength(s)).toBe(Buffer.byteLength(s, 'utf8'));
      }),
    );
  });

  it('counts multi-byte characters', () => {
    expect(utf8ByteLength('a')).toBe(1);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
  });
});

describe('checkEventLimits', () => {
  it('accepts an ordinary event', () => {
    expect(checkEventLimits({ type: 'track', event: 'x', properties: { a: [1, { b: 2 }] } })).toEqual([]);
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'rejects the key %s anywhere, as JSON.parse delivers it',
    (key) => {
      const event: unknown = JSON.parse(`{"type":"track","properties":{"list":[{"${key}":{"x":1}}]}}`);
      expect(checkEventLimits(event)).toEqual([
        {
          path: `properties.list[0].${key}`,
          message: expect.stringContaining(`key "${key}" is not allowed`),
        },
      ]);
    },
  );

  it('rejects nesting deeper than maxDepth and points at the first level too deep', () => {
    // The event root is level 0, so `deep` plus 9 more objects is exactly the limit.
    expect(checkEventLimits({ deep: nest(LIMITS.maxDepth) })).toEqual([]);
    const issues = checkEventLimits({ deep: nest(LIMITS.maxDepth + 1) });
    expect(issues).toEqual([
      {
        path: `deep${'.a'.repeat(LIMITS.maxDepth)}`,
        message: 'is nested 11 levels deep; at most 10 are allowed',
      },
    ]);
  });

  it('rejects over-long keys', () => {
    const long = 'k'.repeat(LIMITS.maxKeyLength + 1);
    expect(checkEventLimits({ properties: { [long]: 1 } })[0]?.message).toBe(
      `key must be at most 256 characters, got ${LIMITS.maxKeyLength + 1}`,
    );
  });

  it('measures the size in UTF-8 bytes of the JSON', () => {
    const event = { p: '€'.repeat(11_000) }; // 33,000 bytes + 8 of JSON
    expect(checkEventLimits(event)).toEqual([
      { path: '', message: 'must be at most 32768 bytes as JSON, got 33008' },
    ]);
    expect(checkEventLimits({ p: 'a'.repeat(32_000) })).toEqual([]);
  });

  it('reports a cycle as too deep and as not serialisable, without throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const messages = findLimitViolations(cyclic).map((v) => v.message);
    expect(messages.some((m) => m.startsWith('is nested'))).toBe(true);
    expect(messages.some((m) => m.startsWith('cannot be serialised as JSON'))).toBe(true);
  });

  it('measures any JSON value exactly as JSON.stringify does, whatever the limit', () => {
    // The happy path only bounds the size; this checks the bound never lets a too-large value through.
    const value = fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' });
    fc.assert(
      fc.property(value, fc.nat(3_000), (v, maxEventBytes) => {
        const size = Buffer.byteLength(JSON.stringify(v), 'utf8');
        const tooBig = findLimitViolations(v, { ...LIMITS, maxEventBytes }).some((x) =>
          x.message.includes('bytes'),
        );
        expect(tooBig).toBe(size > maxEventBytes);
      }),
      { numRuns: 300 },
    );
  });

  it('sizes what only JSON.stringify can: toJSON, class instances, bigint', () => {
    expect(checkEventLimits({ toJSON: () => 'x'.repeat(40_000) })).toEqual([
      { path: '', message: 'must be at most 32768 bytes as JSON, got 40002' },
    ]);
    expect(checkEventLimits({ at: new Date(0), tags: new Set(['a']) })).toEqual([]);
    expect(checkEventLimits({ n: 1n })[0]?.message).toMatch(/^cannot be serialised as JSON: /);
  });

  it('caps the number of reported violations', () => {
    const many = JSON.parse(`[${Array.from({ length: 100 }, () => '{"__proto__":1}').join(',')}]`) as unknown;
    expect(findLimitViolations(many)).toHaveLength(20);
  });
});
