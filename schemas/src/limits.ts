/**
 * Size and shape limits of events and requests, and the one check that enforces them. Zod-free
 * on purpose: the browser SDK imports this through `@inlet/schemas/limits` and must stay small.
 * The zod schemas call `findLimitViolations` from a refinement, so the logic lives only here.
 */
import { errorMessage } from './error-message';
import { formatPath, type Issue, type PathSegment } from './issue-path';

export const LIMITS = {
  /** One event, measured as the UTF-8 bytes of its JSON (Segment's 32 KB). */
  maxEventBytes: 32_768,
  /**
   * One stored (enriched) event: the gateway adds messageId, timestamps, source and the client ip,
   * so a record may exceed the sent event by this allowance.
   */
  maxStoredEventBytes: 32_768 + 4_096,
  /** One request body after decompression (Segment's 500 KB). */
  maxRequestBytes: 512_000,
  /** Events in one `POST /v1/batch`. */
  maxBatchEvents: 2_500,
  /** Objects/arrays may nest this many levels below the event root (`properties` is level 1). */
  maxDepth: 10,
  /** Characters in any object key, anywhere in the event. */
  maxKeyLength: 256,
  /** Characters in an identifier: messageId, userId, anonymousId, groupId, previousId. */
  maxIdLength: 512,
  /** Characters in a name: track `event`, page/screen `name` and `category`. */
  maxNameLength: 512,
} as const;

export type Limits = { readonly [K in keyof typeof LIMITS]: number };

/** Keys that could reach an object's prototype when a consumer merges events naively. */
export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** A limit broken at `path` (segments, so callers can prefix them before formatting). */
export interface LimitViolation {
  readonly path: readonly PathSegment[];
  readonly message: string;
}

/** At most this many violations are reported per event; the rest add nothing a person can use. */
const MAX_VIOLATIONS = 20;

// Plain comparisons rather than a module-level Set: nothing to build at import, so a bundle that
// imports only LIMITS drops this code. Keys from JSON.parse are internalised, so each is a pointer check.
const isForbiddenKey = (key: string) => key === '__proto__' || key === 'constructor' || key === 'prototype';

/** `TextEncoder`: in every runtime Inlet runs on (browsers, Node), not in the ES lib this package compiles with. */
const encoding = globalThis as unknown as { TextEncoder: new () => { encode(text: string): Uint8Array } };

/** UTF-8 byte length of a string. */
export function utf8ByteLength(text: string): number {
  // All-ASCII text (most JSON) is one byte a character, and a regular expression finds that out.
  // Written as a range, not as the negation `[^\0-\x7f]` (the same set): Chromium 156 scans 735
  // characters for it in 0.07 µs against 2 µs (counting character by character: 1.3 µs).
  if (!/[\x80-\uffff]/.test(text)) return text.length;
  // The rest is rare: encoding it is the shortest code (8 KB browser budget). A lone surrogate
  // counts as U+FFFD, 3 bytes (JSON.stringify escapes them, so JSON holds none).
  return new encoding.TextEncoder().encode(text).byteLength;
}

/** Bytes of `JSON.stringify(value)` in UTF-8, or an error message when it cannot be serialised. */
export function jsonByteLength(value: unknown): number | { error: string } {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? 0 : utf8ByteLength(json);
  } catch (error) {
    return { error: errorMessage(error) };
  }
}

function isTraversable(value: unknown): value is Record<string, unknown> | unknown[] {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Every limit `value` breaks: forbidden or over-long keys, nesting deeper than `maxDepth`, and a
 * serialised size over `maxEventBytes`. Works on anything (also non-objects) and never throws.
 */
export function findLimitViolations(value: unknown, limits: Limits = LIMITS): LimitViolation[] {
  const bound = jsonBytesBound(value, 0, limits);
  return bound !== UNSURE && bound <= limits.maxEventBytes ? [] : violations(value, limits);
}

/** `UNSURE` from `jsonBytesBound`: a limit is broken, or only JSON.stringify can tell the size. */
const UNSURE = -1;

/**
 * The happy path of `findLimitViolations`, run on every event: one walk with no allocation that
 * returns an upper bound of the UTF-8 bytes of `JSON.stringify(node)`, or `UNSURE` when `node`
 * breaks a limit or holds something only JSON.stringify can measure (bigint, functions that may be
 * `toJSON`, class instances). A bound within `maxEventBytes` proves the event is fine without
 * serialising it; anything else goes to the exact walk, `violations`.
 */
function jsonBytesBound(node: unknown, depth: number, limits: Limits): number {
  switch (typeof node) {
    // An escape is at most 6 bytes per UTF-16 unit (`\u001f`, lone surrogates), a character at most 3.
    case 'string':
      return node.length * 6 + 2;
    case 'number':
      return 24; // the longest: -2.2250738585072014e-308
    case 'boolean':
      return 5;
    case 'undefined':
    case 'symbol':
      return 4; // null in an array, left out of an object
    case 'object':
      if (node === null) return 4;
      break;
    default:
      return UNSURE;
  }
  if (depth > limits.maxDepth || !isTraversable(node)) return UNSURE;
  let bytes = 2;
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index++) {
      const item = jsonBytesBound(node[index], depth + 1, limits);
      if (item === UNSURE) return UNSURE;
      bytes += item + 1;
    }
    return bytes;
  }
  // for…in also visits inherited enumerable keys (only on a polluted Object.prototype): that only
  // raises the bound or sends the event to the exact walk, never hides a violation.
  for (const key in node) {
    if (isForbiddenKey(key) || key.length > limits.maxKeyLength) return UNSURE;
    const item = jsonBytesBound(node[key], depth + 1, limits);
    if (item === UNSURE) return UNSURE;
    bytes += key.length * 6 + 4 + item;
  }
  return bytes;
}

/** The exact walk: every violation with its path, and the size from JSON.stringify. */
function violations(value: unknown, limits: Limits): LimitViolation[] {
  const found: LimitViolation[] = [];
  // One shared path stack, copied only when something is reported: events are walked per request.
  const path: PathSegment[] = [];
  const add = (message: string) => {
    if (found.length < MAX_VIOLATIONS) found.push({ path: [...path], message });
  };

  const walk = (node: unknown, depth: number): void => {
    if (!isTraversable(node) || found.length >= MAX_VIOLATIONS) return;
    if (depth > limits.maxDepth) {
      add(`is nested ${depth} levels deep; at most ${limits.maxDepth} are allowed`);
      return;
    }
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        path.push(index);
        walk(node[index], depth + 1);
        path.pop();
      }
      return;
    }
    // Object.keys sees the own `__proto__` key that JSON.parse creates.
    for (const key of Object.keys(node)) {
      path.push(key);
      if (isForbiddenKey(key)) add(`key "${key}" is not allowed (reserved: ${FORBIDDEN_KEYS.join(', ')})`);
      else if (key.length > limits.maxKeyLength) {
        add(`key must be at most ${limits.maxKeyLength} characters, got ${key.length}`);
      } else walk(node[key], depth + 1);
      path.pop();
    }
  };
  walk(value, 0);

  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    const reason = errorMessage(error);
    found.push({ path: [], message: `cannot be serialised as JSON: ${reason}` });
    return found;
  }
  // A UTF-16 code unit is at most 3 UTF-8 bytes: most events are clearly small enough without counting.
  if (json !== undefined && json.length * 3 > limits.maxEventBytes) {
    const size = utf8ByteLength(json);
    if (size > limits.maxEventBytes) {
      found.push({ path: [], message: `must be at most ${limits.maxEventBytes} bytes as JSON, got ${size}` });
    }
  }
  return found;
}

/** `findLimitViolations` with formatted paths (`properties.a.b`), ready to show to a person. */
export function checkEventLimits(value: unknown, limits: Limits = LIMITS): Issue[] {
  return findLimitViolations(value, limits).map((v) => ({ path: formatPath(v.path), message: v.message }));
}

export type { Issue, PathSegment } from './issue-path';
export { formatPath } from './issue-path';
