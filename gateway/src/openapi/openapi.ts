/**
 * The OpenAPI 3.1 document of the gateway, built from the contract's zod schemas (request bodies
 * as clients send them, responses as the gateway writes them).
 */
import {
  BATCH_PATH,
  BatchRequestSchema,
  BatchResponseSchema,
  ERROR_CODES,
  ErrorResponseSchema,
  EventShapeSchema,
  SINGLE_EVENT_PATHS,
  SINGLE_EVENT_TYPES,
  TOPIC_KEYS,
  type TopicNames,
} from '@inlet/schemas';
import { jsonSchemaOf, ref, type SchemaObject } from './json-schema';
import {
  jsonBodies,
  type Operation,
  type Response,
  SINGLE_EVENT_SCHEMAS,
  statusResponses,
} from './operations';

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { title: string; version: string; description: string };
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: {
    schemas: Record<string, SchemaObject>;
    securitySchemes: Record<string, SchemaObject>;
  };
}

const WRITE_KEY_SECURITY = [{ writeKeyBasic: [] }, { writeKeyHeader: [] }, { writeKeyQuery: [] }];
const ADMIN_SECURITY = [{ adminToken: [] }];

const ingestErrors = statusResponses([400, 401, 413, 415, 429, 503]);
const ok = (description: string, body: SchemaObject, type = 'application/json'): Response => ({
  description,
  content: { [type]: { schema: body } },
});

const encodingHeader = {
  name: 'Content-Encoding',
  in: 'header',
  required: false,
  description: 'gzip, or none. The size limit applies before and after decompression.',
  schema: { type: 'string', enum: ['gzip', 'identity'] },
};

function singleEventPaths(): Record<string, Record<string, Operation>> {
  return Object.fromEntries(
    SINGLE_EVENT_TYPES.map((type) => [
      SINGLE_EVENT_PATHS[type],
      {
        post: {
          tags: ['ingest'],
          operationId: `send${type[0]?.toUpperCase()}${type.slice(1)}`,
          summary: `Send one ${type} event`,
          description: `The body is the event; the route sets its \`type\`. \`writeKey\` in the body authenticates (sendBeacon) and is never stored. An invalid event is answered 200 with it in \`rejected\` and dead-lettered.`,
          security: WRITE_KEY_SECURITY,
          parameters: [encodingHeader],
          requestBody: { required: true, content: jsonBodies(ref(SINGLE_EVENT_SCHEMAS[type].name)) },
          responses: { 200: ok('Stored, or rejected per event', ref('BatchResponse')), ...ingestErrors },
        },
      },
    ]),
  );
}

export function buildOpenApi(topicNames: TopicNames, version = '0.1.0'): OpenApiDocument {
  const batchRequest = jsonSchemaOf(BatchRequestSchema, 'input');
  const properties = batchRequest.properties as Record<string, SchemaObject>;
  properties.batch = { ...properties.batch, items: ref('Event') };
  properties.context = { type: 'object', description: 'Merged under each event’s own context.' };

  const schemas: Record<string, SchemaObject> = {
    Event: jsonSchemaOf(EventShapeSchema, 'input'),
    BatchRequest: batchRequest,
    BatchResponse: jsonSchemaOf(BatchResponseSchema, 'output'),
    ErrorResponse: jsonSchemaOf(ErrorResponseSchema, 'output'),
  };
  for (const { name, schema } of Object.values(SINGLE_EVENT_SCHEMAS)) {
    const body = jsonSchemaOf(schema, 'input');
    // The route names the type: `type` may be left out of the body.
    body.required = (body.required as string[] | undefined)?.filter((field) => field !== 'type');
    schemas[name] = body;
  }

  const paths: Record<string, Record<string, Operation>> = {
    [BATCH_PATH]: {
      post: {
        tags: ['ingest'],
        operationId: 'sendBatch',
        summary: 'Send a batch of events',
        description:
          'Each event is validated on its own: valid ones are stored, invalid ones are listed in `rejected` (do not retry them) and dead-lettered. 200 only once every record is stored; 503 with Retry-After otherwise. Auth, in order: Basic (write key as user name), X-Write-Key, `writeKey` in the body, `?writeKey=`. Content-Type application/json, text/plain (beacons) or application/x-www-form-urlencoded (RudderStack Node SDK); the body is JSON under each.',
        security: WRITE_KEY_SECURITY,
        parameters: [encodingHeader],
        requestBody: { required: true, content: jsonBodies(ref('BatchRequest')) },
        responses: { 200: ok('Stored, or rejected per event', ref('BatchResponse')), ...ingestErrors },
      },
    },
    ...singleEventPaths(),
    '/v1/pixel/{type}': {
      get: {
        tags: ['ingest'],
        operationId: 'pixel',
        summary: 'Send one event from an image tag',
        description:
          'Always answers a 1x1 transparent GIF; on errors the status is the contract’s and the error code is in X-Inlet-Error.',
        security: [{ writeKeyQuery: [] }],
        parameters: [
          {
            name: 'type',
            in: 'path',
            required: true,
            schema: { type: 'string', enum: [...SINGLE_EVENT_TYPES] },
          },
          {
            name: 'data',
            in: 'query',
            required: true,
            description: 'base64 (standard or URL-safe) of the event JSON',
            schema: { type: 'string' },
          },
        ],
        responses: {
          200: ok('The GIF', { type: 'string', contentMediaType: 'image/gif' }, 'image/gif'),
          ...statusResponses([400, 401, 404, 413, 429, 503], 'image/gif'),
        },
      },
    },
    '/healthz': {
      get: {
        tags: ['operations'],
        operationId: 'healthz',
        summary: 'Liveness',
        responses: { 200: { description: 'The process answers' } },
      },
    },
    '/readyz': {
      get: {
        tags: ['operations'],
        operationId: 'readyz',
        summary: 'Readiness: 200 only while the sink accepts writes',
        responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready, with a JSON reason' } },
      },
    },
    '/metrics': {
      get: {
        tags: ['operations'],
        operationId: 'metrics',
        summary: 'Prometheus metrics (admin token when protectMetrics is set)',
        responses: { 200: ok('Prometheus text format', { type: 'string' }, 'text/plain') },
      },
    },
    '/v1/live': {
      get: {
        tags: ['operations'],
        operationId: 'liveTap',
        summary: 'Live tap: Server-Sent Events of accepted events and per-topic counters',
        description:
          'Events `hello`, `event` (sampled, capped per second), `counters` (at once, then every second).',
        security: ADMIN_SECURITY,
        responses: {
          200: ok('An event stream', { type: 'string' }, 'text/event-stream'),
          ...statusResponses([401, 404]),
        },
      },
    },
    '/schemas': {
      get: {
        tags: ['schemas'],
        operationId: 'listSchemas',
        summary: 'The topic catalogue',
        responses: { 200: { description: 'Topics with their schema URLs' } },
      },
    },
    '/schemas/{topic}': {
      get: {
        tags: ['schemas'],
        operationId: 'topicSchema',
        summary: 'JSON Schema of a topic’s record value',
        parameters: [
          {
            name: 'topic',
            in: 'path',
            required: true,
            schema: { type: 'string', enum: [...TOPIC_KEYS, ...TOPIC_KEYS.map((k) => topicNames[k])] },
          },
        ],
        responses: {
          200: ok('JSON Schema (2020-12)', { type: 'object' }, 'application/schema+json'),
          ...statusResponses([404]),
        },
      },
    },
    '/openapi.json': {
      get: {
        tags: ['schemas'],
        operationId: 'openapi',
        summary: 'This document',
        responses: { 200: { description: 'OpenAPI 3.1' } },
      },
    },
    '/docs': {
      get: {
        tags: ['schemas'],
        operationId: 'docs',
        summary: 'This document as a page',
        responses: { 200: { description: 'HTML' } },
      },
    },
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Inlet ingestion gateway',
      version,
      description: `Validates, enriches and routes events to Kafka; answers 200 only once they are stored. Error codes: ${Object.values(ERROR_CODES).join(', ')}.`,
    },
    paths,
    components: {
      schemas,
      securitySchemes: {
        writeKeyBasic: {
          type: 'http',
          scheme: 'basic',
          description: 'The write key as the user name, empty password.',
        },
        writeKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Write-Key' },
        writeKeyQuery: { type: 'apiKey', in: 'query', name: 'writeKey' },
        adminToken: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}
