/**
 * The exported JSON Schemas checked with an independent validator (Ajv, draft 2020-12): they accept
 * what the zod schemas accept, so consumers outside TypeScript can rely on them.
 */
import { Ajv2020 } from 'ajv/dist/2020';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enrichEvent } from '../event/enrich';
import { parseEvent } from '../event/parse';
import { TOPIC_RECORD_SCHEMAS } from '../records';
import { routeEvent } from '../routing';
import { anyEventArb } from '../testing/arbitraries';
import { RECORD_SAMPLES } from '../testing/record-samples';
import { TOPIC_KEYS, type TopicKey } from '../topics';
import { topicJsonSchema } from './export';

// Formats are annotations in 2020-12; the schemas carry zod's own patterns for date-times.
const ajv = new Ajv2020({ allErrors: true, validateFormats: false, allowUnionTypes: true });
ajv.addVocabulary(['x-inlet-topic-key', 'x-inlet-schema-version']);
const validators = Object.fromEntries(
  TOPIC_KEYS.map((key) => [key, ajv.compile(topicJsonSchema(key))]),
) as Record<TopicKey, ReturnType<typeof ajv.compile>>;

describe('exported JSON Schemas, checked with Ajv', () => {
  it.each(TOPIC_KEYS)('accept the typical %s record', (key) => {
    const validate = validators[key];
    expect(validate(RECORD_SAMPLES[key]), JSON.stringify(validate.errors)).toBe(true);
  });

  it('reject what zod rejects: a missing required field, both ids missing, a bad timestamp', () => {
    const { source: _s, ...noSource } = RECORD_SAMPLES.appEvents;
    const { userId: _u, ...noIds } = RECORD_SAMPLES.appEvents;
    const badTime = { ...RECORD_SAMPLES.appEvents, timestamp: '2024-05-01 12:00' };
    for (const record of [noSource, noIds, badTime]) {
      expect(TOPIC_RECORD_SCHEMAS.appEvents.safeParse(record).success).toBe(false);
      expect(validators.appEvents(record)).toBe(false);
    }
  });

  it('accept every enriched generated event in the topic it is routed to', () => {
    fc.assert(
      fc.property(anyEventArb, (input) => {
        const parsed = parseEvent(JSON.parse(JSON.stringify(input)));
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
        const stored = JSON.parse(
          JSON.stringify(
            enrichEvent(parsed.event, {
              receivedAt: '2024-05-01T12:00:00.000Z',
              source: 'web',
              newMessageId: () => 'm-1',
            }),
          ),
        ) as unknown;
        const { topicKey } = routeEvent(parsed.event);
        expect(TOPIC_RECORD_SCHEMAS[topicKey].safeParse(stored).success).toBe(true);
        const validate = validators[topicKey];
        expect(validate(stored), JSON.stringify(validate.errors)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
