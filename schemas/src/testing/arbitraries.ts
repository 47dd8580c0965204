/**
 * fast-check arbitraries of valid events, as a client would send them, for property tests here
 * and in the gateway and SDKs (`@inlet/schemas/testing`; needs fast-check, a dev dependency).
 */
import fc from 'fast-check';
import { LOG_LEVELS } from '../event/variants';
import { FORBIDDEN_KEYS } from '../limits';

type Json = ReturnType<typeof fc.jsonValue> extends fc.Arbitrary<infer T> ? T : never;
type Obj = Record<string, unknown>;

const forbidden = new Set<string>(FORBIDDEN_KEYS);

/** Drops forbidden keys at any depth (fast-check deliberately generates `__proto__`). */
function withoutForbiddenKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutForbiddenKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, Json> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!forbidden.has(key) && item !== undefined) out[key] = withoutForbiddenKeys(item);
  }
  return out;
}

const text = (maxLength = 30) => fc.string({ minLength: 1, maxLength });
const key = text(20).filter((k) => !forbidden.has(k));

/** A free-form JSON object (properties, traits, attributes), shallow enough for the limits. */
export const jsonObjectArb: fc.Arbitrary<Obj> = fc
  .dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 })
  .map((o) => withoutForbiddenKeys(o) as Obj);

/** Ids as clients send them: strings, or numbers (normalised to strings by parsing). */
export const idArb: fc.Arbitrary<string | number> = fc.oneof(
  text(40),
  fc.uuid(),
  fc.integer({ min: 1, max: 1e12 }),
);

export const isoDateArb: fc.Arbitrary<string> = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const pageArb = fc.record(
  { path: fc.webPath(), url: fc.webUrl(), title: fc.string(), referrer: fc.string(), search: fc.string() },
  { requiredKeys: [] },
);

export const contextArb: fc.Arbitrary<Obj> = fc.record(
  {
    library: fc.record({ name: text(), version: text(10) }),
    page: pageArb,
    locale: fc.constantFrom('en-US', 'fr-FR', 'de'),
    timezone: fc.constantFrom('Europe/Paris', 'UTC'),
    userAgent: fc.string(),
    ip: fc.ipV4(),
    screen: fc.record({ width: fc.nat(8000), height: fc.nat(8000), density: fc.constantFrom(1, 2, 3) }),
    app: fc.record(
      { name: text(), version: text(10), build: fc.oneof(text(10), fc.nat()) },
      { requiredKeys: [] },
    ),
    campaign: fc.record({ name: text(), source: text(), medium: text() }, { requiredKeys: [] }),
    custom: jsonObjectArb,
  },
  { requiredKeys: [] },
);

/** Either id or both; analytics.js also sends `userId: null` next to an anonymousId. */
const idsArb: fc.Arbitrary<Obj> = fc.oneof(
  fc.record({ userId: idArb }),
  fc.record({ anonymousId: idArb }),
  fc.record({ anonymousId: idArb, userId: idArb }),
  fc.record({ anonymousId: idArb, userId: fc.constant(null) }),
);

const commonArb: fc.Arbitrary<Obj> = fc.record(
  {
    messageId: fc.uuid(),
    timestamp: isoDateArb,
    sentAt: isoDateArb,
    context: contextArb,
    integrations: fc.dictionary(key, fc.boolean(), { maxKeys: 3 }),
    unknownTopLevel: fc.string(),
  },
  { requiredKeys: [] },
);

const optional = { requiredKeys: [] as never[] };

const byType = {
  track: fc.record({ event: text(50), properties: jsonObjectArb }, { requiredKeys: ['event'] }),
  page: fc.record({ name: text(), category: text(), properties: jsonObjectArb }, optional),
  screen: fc.record({ name: text(), properties: jsonObjectArb }, optional),
  identify: fc.record({ traits: jsonObjectArb }, optional),
  group: fc.record({ groupId: idArb, traits: jsonObjectArb }, { requiredKeys: ['groupId'] }),
  alias: fc.record({ userId: idArb, previousId: idArb }),
  click: fc.record(
    {
      element: fc.record(
        {
          tag: fc.constantFrom('a', 'button', 'div', 'input'),
          id: fc.string(),
          classes: fc.array(text(15), { maxLength: 4 }),
          text: fc.string(),
          href: fc.webUrl(),
          selector: text(60),
        },
        { requiredKeys: ['tag'] },
      ),
      x: fc.nat(4000),
      y: fc.nat(4000),
      page: pageArb,
    },
    { requiredKeys: ['element'] },
  ),
  log: fc.record(
    {
      level: fc.constantFrom(...LOG_LEVELS),
      message: fc.string(),
      logger: text(),
      error: fc.record(
        { name: text(), message: fc.string(), stack: fc.string() },
        { requiredKeys: ['message'] },
      ),
      attributes: jsonObjectArb,
    },
    { requiredKeys: ['level', 'message'] },
  ),
} satisfies Record<string, fc.Arbitrary<Obj>>;

export type ArbitraryEventType = keyof typeof byType;

/** A valid event of `type`, as a plain JSON object. */
export function eventArb(type: ArbitraryEventType): fc.Arbitrary<Obj> {
  return fc
    .tuple(commonArb, idsArb, byType[type])
    .map(([common, ids, own]) => ({ ...common, ...ids, ...own, type }));
}

/** A valid event of any of the eight types. */
export const anyEventArb: fc.Arbitrary<Obj> = fc.oneof(
  ...(Object.keys(byType) as ArbitraryEventType[]).map((type) => eventArb(type)),
);
