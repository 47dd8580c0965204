/**
 * The ingest routes: `POST /v1/batch` and `POST /v1/{track,page,screen,identify,group,alias}`.
 * Middleware order: body checks (415/413) → write key (401) → rate limit (429) → handler.
 */
import {
  BATCH_PATH,
  BatchRequestSchema,
  type BatchResponse,
  eventFromRoute,
  LIMITS,
  parseWithIssues,
  SINGLE_EVENT_PATHS,
  SINGLE_EVENT_TYPES,
} from '@inlet/schemas';
import type { Hono } from 'hono';
import { GatewayError, invalidBody } from '../app/errors';
import type { AppContext, AppEnv, Runtime } from '../app/types';
import { type IngestInput, ingestEvents } from '../ingest/handle-events';
import { requestFacts } from '../ingest/request-facts';
import { writeKeyAuth } from '../middleware/auth';
import { jsonBody } from '../middleware/body';
import { rateLimit } from '../middleware/rate-limit';

/** Runs the events and returns the 200 body (errors are thrown, for `onError`). */
export async function runIngest(
  rt: Runtime,
  c: AppContext,
  input: IngestInput,
  sentAt?: string,
): Promise<BatchResponse> {
  const key = c.var.writeKey;
  const { response, deduplicated } = await ingestEvents(rt, input, requestFacts(rt, c, sentAt), key.key);
  c.set('outcome', { accepted: response.accepted, rejected: response.rejected.length, deduplicated });
  return response;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Over 2,500 events is a 413 (split the batch), not a 400: the contract's table. */
function checkBatchSize(body: unknown): void {
  const batch = isObject(body) ? body.batch : undefined;
  if (Array.isArray(batch) && batch.length > LIMITS.maxBatchEvents) {
    throw new GatewayError(
      'payload_too_large',
      `the batch has ${batch.length} events; at most ${LIMITS.maxBatchEvents} per request: split it`,
    );
  }
}

export function ingestRoutes(app: Hono<AppEnv>, rt: Runtime): void {
  const guards = [jsonBody({ maxBytes: rt.config.maxBodyBytes }), writeKeyAuth(rt), rateLimit(rt)] as const;

  app.post(BATCH_PATH, ...guards, async (c) => {
    const body = await c.var.body();
    checkBatchSize(body.value);
    const envelope = parseWithIssues(BatchRequestSchema, body.value);
    if (!envelope.ok) {
      const summary = envelope.issues.map((i) => `${i.path === '' ? 'body' : i.path}: ${i.message}`);
      throw invalidBody(`not a valid batch (${summary.join('; ')})`, envelope.issues);
    }
    const { batch, context, sentAt } = envelope.value;
    const input: IngestInput = {
      events: batch,
      indexed: true,
      rawText: () => body.text,
      // A beacon's or an unloading keepalive's body: its page may never read the answer.
      unload: c.req.header('content-type')?.startsWith('text/plain') === true,
      ...(context === undefined ? {} : { batchContext: context }),
    };
    return c.json(await runIngest(rt, c, input, sentAt), 200);
  });

  for (const type of SINGLE_EVENT_TYPES) {
    app.post(SINGLE_EVENT_PATHS[type], ...guards, async (c) => {
      const body = await c.var.body();
      if (!isObject(body.value)) throw invalidBody(`the body must be a JSON object: the ${type} event`);
      const input = { events: [eventFromRoute(type, body.value)], indexed: false, rawText: () => body.text };
      return c.json(await runIngest(rt, c, input), 200);
    });
  }
}
