/** Shapes and shared pieces of the OpenAPI document. */
import {
  AliasEventSchema,
  CONTENT_TYPES,
  GroupEventSchema,
  IdentifyEventSchema,
  PageEventSchema,
  ScreenEventSchema,
  type SingleEventType,
  TrackEventSchema,
} from '@inlet/schemas';
import type * as z from 'zod';
import { ref, type SchemaObject } from './json-schema';

export interface Response {
  description: string;
  headers?: Record<string, SchemaObject>;
  content?: Record<string, { schema: SchemaObject }>;
}

export interface Operation {
  tags: string[];
  operationId: string;
  summary: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: SchemaObject[];
  requestBody?: { required: boolean; content: Record<string, { schema: SchemaObject }> };
  responses: Record<string, Response>;
}

export const SINGLE_EVENT_SCHEMAS: Readonly<Record<SingleEventType, { name: string; schema: z.ZodType }>> = {
  track: { name: 'TrackEvent', schema: TrackEventSchema },
  page: { name: 'PageEvent', schema: PageEventSchema },
  screen: { name: 'ScreenEvent', schema: ScreenEventSchema },
  identify: { name: 'IdentifyEvent', schema: IdentifyEventSchema },
  group: { name: 'GroupEvent', schema: GroupEventSchema },
  alias: { name: 'AliasEvent', schema: AliasEventSchema },
};

/** The same JSON schema under every accepted content type (the body is JSON under each). */
export const jsonBodies = (schema: SchemaObject) =>
  Object.fromEntries(CONTENT_TYPES.map((type) => [type, { schema }]));

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Malformed request: not JSON, not UTF-8, or a wrong envelope (the message says what)',
  401: 'Missing or unknown key (or an origin the key does not allow)',
  404: 'No such route, type or topic',
  413: 'Body (or decompressed body) over the limit',
  415: 'Unsupported Content-Type or Content-Encoding',
  429: 'Rate limited; retry after Retry-After seconds',
  503: 'Not stored (Kafka and spool unavailable, or shutting down); retry after Retry-After seconds',
};

const retryAfter = { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } };

export function statusResponses(
  statuses: readonly number[],
  type = 'application/json',
): Record<string, Response> {
  const schema = type === 'application/json' ? ref('ErrorResponse') : { type: 'string' };
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: DESCRIPTIONS[status] ?? String(status),
        content: { [type]: { schema } },
        ...(status === 429 || status === 503 ? { headers: retryAfter } : {}),
      },
    ]),
  );
}
