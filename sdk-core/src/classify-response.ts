import type { RejectedEvent } from '@inlet/schemas';
import { isRetryableStatus, parseRetryAfter } from '@inlet/schemas/retry';
import type { SendResult } from './seams/transport';

interface Body {
  rejected?: unknown;
  error?: { message?: unknown };
}

/**
 * What one HTTP answer means for the dispatcher; every fetch transport (web, node) uses it.
 * `status` 0 stands for a network error (no answer): retry later. 2xx → ok, with the body's
 * `rejected` (an unreadable body counts as no rejections: the gateway said 2xx);
 * 408, 425, 429 and transient 5xx → retry later (`Retry-After` seconds or date); 413 → too
 * large; anything else (401, 403, 404, 400, 501…) → fatal, never retried.
 */
export function classifyResponse(
  status: number,
  retryAfterHeader?: string | null,
  bodyText?: string,
  now = Date.now(),
): SendResult {
  let body: Body = {};
  try {
    body = JSON.parse(bodyText ?? '') ?? {};
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status alone decides.
  }
  if (status > 199 && status < 300) {
    const { rejected } = body;
    return {
      kind: 'ok',
      rejected: Array.isArray(rejected)
        ? rejected.filter((r: RejectedEvent) => Number.isInteger(r?.index))
        : [],
    };
  }
  if (status === 413) return { kind: 'too-large' };
  const message = body.error?.message;
  const reason = status
    ? `HTTP ${status}${typeof message === 'string' ? `: ${message}` : ''}`
    : 'network error';
  if (status && !isRetryableStatus(status)) return { kind: 'fatal', reason, status };
  const retryAfterMs = parseRetryAfter(retryAfterHeader, now);
  return retryAfterMs === undefined
    ? { kind: 'retry-later', reason }
    : { kind: 'retry-later', reason, retryAfterMs };
}
