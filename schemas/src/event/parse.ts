/**
 * Validating events one at a time, so a batch can accept the valid ones and reject the rest
 * individually, with paths that say where (`batch[3].properties.price`).
 */
import * as z from 'zod';
import { formatPath, humanErrorMap, type Issue, toIssues } from '../issues';
import { findLimitViolations, LIMITS } from '../limits';
import { type Event, EventSchema, EventShapeSchema } from './types';
import { MISSING_ID, namesAUser } from './variants';

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

let compiled: typeof EventShapeSchema | undefined;

/**
 * `EventShapeSchema` with zod's ahead-of-time compiled fast path (`z.compile`: several times faster
 * on valid input, the runtime parser on invalid input), compiled on first use so importing costs
 * nothing. Under `z.config({ jitless: true })` (no eval, e.g. a strict CSP) the runtime parser.
 */
function compiledShape(): typeof EventShapeSchema {
  compiled ??= z.config().jitless ? EventShapeSchema : z.compile(EventShapeSchema);
  return compiled;
}

const human = { error: humanErrorMap };
const pathPrefix = (index: number | undefined) => (index === undefined ? [] : ['batch', index]);

/**
 * Parse one event a client sent. `index` is its position in `POST /v1/batch`'s `batch`; when given,
 * paths start with `batch[index]`.
 *
 * Answers exactly as `EventSchema.safeParse(input, { error: humanErrorMap })` would, faster: within
 * the limits (checked by the allocation-free walk), `EventSchema` is the shape and then the id rule,
 * and the shape goes through zod's compiled parser.
 */
export function parseEvent(input: unknown, index?: number): ParseEventResult {
  let issues: Issue[];
  if (findLimitViolations(input).length === 0) {
    const shaped = compiledShape().safeParse(input, human);
    if (shaped.success && namesAUser(shaped.data)) return { ok: true, event: shaped.data };
    const prefix = pathPrefix(index);
    issues = shaped.success ? [] : toIssues(shaped.error, prefix);
    // The id rule sees what the shape made of the input; a failed field keeps the value given, so
    // the raw input answers the same (the fast-path property test holds this against EventSchema).
    if (isObject(input) && !namesAUser(shaped.success ? shaped.data : input)) {
      issues.push({ path: formatPath([...prefix, MISSING_ID.path]), message: MISSING_ID.message });
    }
  } else {
    // Broken limits stop the parse before the shape: EventSchema reports them.
    const result = EventSchema.safeParse(input, human);
    issues = result.success ? [] : toIssues(result.error, pathPrefix(index));
  }
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
