/**
 * Validating events one at a time, so a batch can accept the valid ones and reject the rest
 * individually, with paths that say where (`batch[3].properties.price`).
 */
import { humanErrorMap, type Issue, toIssues } from '../issues';
import { LIMITS } from '../limits';
import { type Event, EventSchema } from './types';

export type ParseEventResult =
  | { readonly ok: true; readonly event: Event }
  | {
      readonly ok: false;
      readonly issues: Issue[];
      /** The event's own `messageId` when it had a usable one, to echo in the rejection. */
      readonly messageId?: string;
    };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parse one event a client sent. `index` is its position in `POST /v1/batch`'s `batch`; when given,
 * paths start with `batch[index]`.
 */
export function parseEvent(input: unknown, index?: number): ParseEventResult {
  const result = EventSchema.safeParse(input, { error: humanErrorMap });
  if (result.success) return { ok: true, event: result.data };
  const issues = toIssues(result.error, index === undefined ? [] : ['batch', index]);
  const messageId = isObject(input) ? input.messageId : undefined;
  return typeof messageId === 'string' && messageId.length > 0 && messageId.length <= LIMITS.maxIdLength
    ? { ok: false, issues, messageId }
    : { ok: false, issues };
}

/**
 * A batch's `context` merged under an event's: each top-level context key the event sets wins
 * whole (no deep merge, so an event's `library` never mixes with the batch's). Returns the input
 * unchanged when either side is not an object; never mutates.
 */
export function applyBatchContext(event: unknown, batchContext: unknown): unknown {
  if (!isObject(event) || !isObject(batchContext)) return event;
  const own = event.context;
  if (own !== undefined && !isObject(own)) return event; // let validation report the bad context
  return { ...event, context: { ...batchContext, ...own } };
}

/**
 * The body of a single-event route (`POST /v1/track`, …) as an event: the route names the type,
 * overriding any `type` in the body, and a `writeKey` in the body (sendBeacon's way to
 * authenticate) is removed so it is never stored. Non-objects are returned as they are, for
 * validation to reject.
 */
export function eventFromRoute(type: string, body: unknown): unknown {
  if (!isObject(body)) return body;
  const { writeKey: _authOnly, ...event } = body;
  return { ...event, type };
}
