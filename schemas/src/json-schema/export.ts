/**
 * JSON Schema (draft 2020-12) of every topic's record value, from the zod schemas with zod's own
 * `z.toJSONSchema`, for consumers outside TypeScript and for the compatibility check.
 */
import * as z from 'zod';
import { TOPIC_RECORD_SCHEMAS } from '../records';
import { SCHEMA_VERSION } from '../routing';
import { DEFAULT_TOPIC_NAMES, TOPIC_KEYS, TOPICS, type TopicKey, type TopicNames } from '../topics';

export type JsonSchema = Record<string, unknown>;

/**
 * One topic's record schema. `io: 'output'` describes records as stored (the guards in front of
 * the event schemas are pipes whose output side is the real shape); anything zod cannot express
 * throws rather than silently becoming `{}`.
 */
export function topicJsonSchema(key: TopicKey, names: TopicNames = DEFAULT_TOPIC_NAMES): JsonSchema {
  const body = z.toJSONSchema(TOPIC_RECORD_SCHEMAS[key], {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'throw',
    cycles: 'throw',
    reused: 'inline',
    override: ({ jsonSchema }) => {
      // The "userId or anonymousId" rule is a refinement, invisible to toJSONSchema: spell it out.
      const props = jsonSchema.properties;
      if (props && 'type' in props && 'userId' in props && 'anonymousId' in props) {
        jsonSchema.allOf = [{ anyOf: [{ required: ['userId'] }, { required: ['anonymousId'] }] }];
      }
    },
  }) as JsonSchema;
  const { $schema, ...rest } = body;
  return {
    $schema,
    title: names[key],
    description: `Record value of ${names[key]}: ${TOPICS[key].description}.`,
    'x-inlet-topic-key': key,
    'x-inlet-schema-version': SCHEMA_VERSION,
    ...rest,
  };
}

/** Every topic's schema by topic name, in catalogue order. */
export function topicJsonSchemas(names: TopicNames = DEFAULT_TOPIC_NAMES): Record<string, JsonSchema> {
  return Object.fromEntries(TOPIC_KEYS.map((key) => [names[key], topicJsonSchema(key, names)]));
}

/** The file text for a schema: pretty-printed and newline-terminated, so regenerating is byte-stable. */
export function serialiseJsonSchema(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
