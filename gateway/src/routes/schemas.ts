/** `GET /schemas` (the catalogue) and `GET /schemas/:topic` (a topic's JSON Schema, by name or key). */
import { type JsonSchema, TOPIC_KEYS, topicJsonSchema } from '@inlet/schemas';
import type { Hono } from 'hono';
import { GatewayError } from '../app/errors';
import type { AppEnv, Runtime } from '../app/types';

export function schemaRoutes(app: Hono<AppEnv>, rt: Pick<Runtime, 'topicNames'>): void {
  const keyByName = new Map<string, (typeof TOPIC_KEYS)[number]>();
  for (const key of TOPIC_KEYS) {
    keyByName.set(key, key);
    keyByName.set(rt.topicNames[key], key);
  }
  // Built on first request: z.toJSONSchema is not free and most gateways are never asked.
  const cache = new Map<string, JsonSchema>();

  app.get('/schemas', (c) =>
    c.json({
      topics: TOPIC_KEYS.map((key) => ({
        key,
        name: rt.topicNames[key],
        url: `/schemas/${rt.topicNames[key]}`,
      })),
    }),
  );
  app.get('/schemas/:topic', (c) => {
    const topic = c.req.param('topic');
    const key = keyByName.get(topic);
    if (key === undefined) {
      throw new GatewayError('not_found', `no topic "${topic}"; GET /schemas lists them`);
    }
    let schema = cache.get(key);
    if (schema === undefined) {
      schema = topicJsonSchema(key, rt.topicNames);
      cache.set(key, schema);
    }
    c.header('Content-Type', 'application/schema+json');
    return c.body(JSON.stringify(schema));
  });
}
