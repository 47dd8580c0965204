/**
 * The fast paths of `parseEvent` (compiled parser, allocation-free limits walk) and `enrichEvent`
 * (copy by assignment, hand-rolled ISO dates) against the plain code they replaced, on generated
 * valid and mutated events: same verdict, same issues, same output down to the key order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { humanErrorMap, toIssues } from '../issues';
import { anyEventArb, isoDateArb } from '../testing/arbitraries';
import { type EnrichFacts, enrichEvent } from './enrich';
import { parseEvent } from './parse';
import { type Event, EventSchema } from './types';

type Obj = Record<string, unknown>;
const runs = { numRuns: 150 };
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

/** `parseEvent` as it was: the runtime schema for every event. */
function referenceParse(input: unknown, index: number) {
  const result = EventSchema.safeParse(input, { error: humanErrorMap });
  return result.success
    ? { ok: true, event: result.data }
    : { ok: false, issues: toIssues(result.error, ['batch', index]) };
}

const millis = (iso: string | undefined) => {
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
};

/** `enrichEvent` as it was: spreads and Date. */
function referenceEnrich(event: Event, facts: EnrichFacts) {
  const clientTime = event.timestamp ?? event.originalTimestamp;
  const sentAt = event.sentAt ?? facts.sentAt;
  const client = millis(clientTime);
  const sent = millis(sentAt);
  const received = millis(facts.receivedAt);
  const timestamp =
    client === undefined || received === undefined
      ? (clientTime ?? facts.receivedAt)
      : new Date(sent === undefined ? client : received - (sent - client)).toISOString();
  const context =
    facts.ip !== undefined && event.context?.ip === undefined
      ? { ...event.context, ip: facts.ip }
      : event.context;
  return {
    ...event,
    messageId: event.messageId ?? facts.newMessageId(),
    timestamp,
    receivedAt: facts.receivedAt,
    source: facts.source,
    ...(clientTime === undefined ? {} : { originalTimestamp: event.originalTimestamp ?? clientTime }),
    ...(sentAt === undefined ? {} : { sentAt }),
    ...(context === undefined ? {} : { context }),
  };
}

function setAt(value: Obj, path: readonly string[], to: unknown): Obj {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const child = value[head];
  const next =
    rest.length === 0 ? to : setAt(typeof child === 'object' && child ? (child as Obj) : {}, rest, to);
  return { ...value, [head]: next };
}

const FIELDS: readonly (readonly string[])[] = [
  ['type'],
  ['event'],
  ['userId'],
  ['anonymousId'],
  ['messageId'],
  ['timestamp'],
  ['sentAt'],
  ['originalTimestamp'],
  ['context'],
  ['context', 'library'],
  ['context', 'ip'],
  ['context', 'page', 'url'],
  ['context', 'app', 'build'],
  ['properties'],
  ['properties', 'nested'],
  ['traits'],
  ['integrations', 'Mixpanel'],
  ['element', 'tag'],
  ['level'],
  ['message'],
  ['groupId'],
  ['previousId'],
  ['name'],
  ['x'],
  ['extra'],
];
const VALUES = fc.oneof(
  fc.constantFrom(undefined, null, '', 'x'.repeat(513), 'track', 'click', 'warn', 0, -1.5, true, [], {}),
  fc.constantFrom('2024-05-01T14:00:00+02:00', '2024-05-01T12:00:00Z', '2024-02-30T00:00:00.000Z'),
  fc.jsonValue({ maxDepth: 2 }),
);
const mutatedArb = fc
  .tuple(anyEventArb, fc.array(fc.tuple(fc.constantFrom(...FIELDS), VALUES), { maxLength: 3 }))
  .map(([event, edits]) => wire(edits.reduce((e, [path, value]) => setAt(e, path, value), event)));
/** Both ids set to anything (or left out), and maybe one more field broken: the id rule's corners. */
const idsArb = fc
  .tuple(anyEventArb, VALUES, VALUES, fc.constantFrom(...FIELDS), VALUES, fc.boolean())
  .map(([event, userId, anonymousId, path, value, more]) => {
    const withIds = { ...event, userId, anonymousId };
    return wire(more ? setAt(withIds, path, value) : withIds);
  });
/** Valid but for the id rule: analytics.js sends `userId: null`. */
const withoutIdsArb = anyEventArb.map(({ anonymousId: _a, userId: _u, ...rest }) =>
  wire({ ...rest, userId: null }),
);

describe('parseEvent fast path', () => {
  it('answers exactly as the runtime schema, for valid and mutated events', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyEventArb.map(wire), mutatedArb, withoutIdsArb, idsArb),
        fc.nat(2_499),
        (input, index) => {
          const actual = parseEvent(input, index);
          const expected = referenceParse(input, index);
          expect(actual.ok).toBe(expected.ok);
          if (actual.ok && expected.ok) {
            expect(actual.event).toStrictEqual(expected.event);
            expect(JSON.stringify(actual.event)).toBe(JSON.stringify(expected.event));
          }
          if (!actual.ok) expect(actual.issues).toEqual(expected.issues);
        },
      ),
      { numRuns: 600 },
    );
  });
});

describe('enrichEvent', () => {
  const clientTime = fc.option(fc.oneof(isoDateArb, fc.constantFrom('2024-05-01T14:00:00.5+02:00')), {
    nil: undefined,
  });
  const factsArb = fc.record({
    receivedAt: isoDateArb,
    source: fc.string({ minLength: 1 }),
    ip: fc.option(fc.ipV4(), { nil: undefined }),
    sentAt: fc.option(isoDateArb, { nil: undefined }),
  });
  const eventArb = fc
    .tuple(anyEventArb, clientTime, clientTime, clientTime)
    .map(([event, timestamp, originalTimestamp, sentAt]) => {
      const parsed = parseEvent(wire({ ...event, timestamp, originalTimestamp, sentAt }));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      return parsed.event;
    });

  it('gives what the spread-and-Date version gave, key order included', () => {
    fc.assert(
      fc.property(eventArb, factsArb, (event, someFacts) => {
        const facts = { ...someFacts, newMessageId: () => 'generated' };
        const actual = enrichEvent(event, facts);
        const expected = referenceEnrich(event, facts);
        expect(actual).toStrictEqual(expected);
        expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
      }),
      runs,
    );
  });

  it('keeps an own __proto__ key a plain key, never a prototype', () => {
    const event = JSON.parse('{"type":"track","event":"x","__proto__":{"polluted":true}}') as Event;
    const enriched = enrichEvent(event, {
      receivedAt: '2024-05-01T12:00:00.000Z',
      source: 'web',
      newMessageId: () => 'm',
    });
    expect(Object.getPrototypeOf(enriched)).toBe(Object.prototype);
    expect(Object.hasOwn(enriched, '__proto__')).toBe(true);
    expect((enriched as Obj).polluted).toBeUndefined();
  });
});
