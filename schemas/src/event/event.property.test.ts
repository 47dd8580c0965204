/**
 * Property tests: every generated valid event parses (as JSON text, the way it arrives), and each
 * kind of mutation fails with an issue whose path points where the mutation was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORBIDDEN_KEYS, LIMITS } from '../limits';
import { type ArbitraryEventType, anyEventArb, eventArb } from '../testing/arbitraries';
import { parseEvent } from './parse';
import { EVENT_TYPES } from './variants';

type Obj = Record<string, unknown>;
const runs = { numRuns: 60 };

/** Through JSON text, so the event is exactly what a request body would hold. */
const wire = (event: unknown): unknown => JSON.parse(JSON.stringify(event));

const pathsOf = (input: unknown, index?: number) => {
  const result = parseEvent(input, index);
  return result.ok ? [] : result.issues.map((i) => i.path);
};

/** A field of each type set to a value of the wrong type, and where the issue must point. */
const WRONG_TYPE: Readonly<Record<ArbitraryEventType, readonly [string[], unknown]>> = {
  track: [['event'], 42],
  page: [['name'], 5],
  screen: [['properties'], 'not an object'],
  identify: [['traits'], [1, 2]],
  group: [['groupId'], { id: 1 }],
  alias: [['previousId'], false],
  click: [['element', 'tag'], 1],
  log: [['level'], 'loud'],
};
const SHARED_WRONG_TYPE: readonly (readonly [string[], unknown])[] = [
  [['timestamp'], 'yesterday'],
  [['context', 'library'], { name: 7, version: '1' }],
  [['integrations'], 'all'],
  [['messageId'], 12],
];

function setAt(event: Obj, path: readonly string[], value: unknown): Obj {
  const [head, ...rest] = path;
  if (head === undefined) return event;
  if (rest.length === 0) return { ...event, [head]: value };
  const child = event[head];
  return {
    ...event,
    [head]: setAt(typeof child === 'object' && child !== null ? (child as Obj) : {}, rest, value),
  };
}

const expectedPath = (path: readonly string[], index: number) =>
  [`batch[${index}]`, ...path.map((p) => (p === 'library' ? 'library.name' : p))].join('.');

describe('valid events', () => {
  it.each(EVENT_TYPES)('every generated %s event parses', (type) => {
    fc.assert(
      fc.property(eventArb(type), (event) => {
        const result = parseEvent(wire(event));
        if (!result.ok) throw new Error(JSON.stringify(result.issues));
        expect(result.event.type).toBe(type);
      }),
      runs,
    );
  });
});

describe('mutated events fail where they were mutated', () => {
  const typeArb = fc.constantFrom(...EVENT_TYPES);
  const indexArb = fc.nat(LIMITS.maxBatchEvents - 1);

  it('a field of the wrong type', () => {
    const arb = typeArb.chain((type) =>
      fc.tuple(eventArb(type), fc.constantFrom(WRONG_TYPE[type], ...SHARED_WRONG_TYPE), indexArb),
    );
    fc.assert(
      fc.property(arb, ([event, [path, value], index]) => {
        expect(pathsOf(wire(setAt(event, path, value)), index)).toContain(expectedPath(path, index));
      }),
      runs,
    );
  });

  it('both ids missing', () => {
    fc.assert(
      fc.property(anyEventArb, indexArb, (event, index) => {
        const { userId: _u, anonymousId: _a, ...rest } = event;
        expect(pathsOf(wire(rest), index)).toContain(`batch[${index}].userId`);
      }),
      runs,
    );
  });

  it('a forbidden key anywhere', () => {
    const where = fc.constantFrom<string[]>([], ['context'], ['context', 'custom'], ['properties']);
    fc.assert(
      fc.property(
        anyEventArb,
        where,
        fc.constantFrom(...FORBIDDEN_KEYS),
        indexArb,
        (event, at, key, index) => {
          // Build JSON text with the key as an own property, as JSON.parse would hand it over.
          const target: Obj = {};
          Object.defineProperty(target, key, {
            value: { polluted: true },
            enumerable: true,
            writable: true,
            configurable: true,
          });
          const text = JSON.stringify(at.length === 0 ? { ...event, ...target } : setAt(event, at, target));
          const path = [`batch[${index}]`, ...at, key].join('.');
          expect(pathsOf(JSON.parse(text), index)).toContain(path);
        },
      ),
      runs,
    );
  });

  it('nesting too deep', () => {
    const chain = (levels: number): unknown => (levels === 0 ? 'leaf' : { n: chain(levels - 1) });
    fc.assert(
      fc.property(anyEventArb, fc.constantFrom('extra', 'payload'), indexArb, (event, field, index) => {
        const paths = pathsOf(wire({ ...event, [field]: chain(LIMITS.maxDepth + 2) }), index);
        expect(paths.some((p) => p.startsWith(`batch[${index}].${field}.n`))).toBe(true);
      }),
      runs,
    );
  });

  it('over 32 KB', () => {
    fc.assert(
      fc.property(anyEventArb, fc.integer({ min: 1, max: 5_000 }), indexArb, (event, extra, index) => {
        const padded = { ...event, padding: 'x'.repeat(LIMITS.maxEventBytes + extra) };
        const result = parseEvent(wire(padded), index);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.issues).toContainEqual({
            path: `batch[${index}]`,
            message: expect.stringMatching(/^must be at most 32768 bytes as JSON, got \d+$/),
          });
        }
      }),
      runs,
    );
  });
});
