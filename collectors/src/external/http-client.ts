/**
 * One logical GET with timeout and bounded retries: 408/429/5xx, network errors, timeouts and
 * malformed JSON are retried with full-jitter backoff (or after `Retry-After`, capped); other 4xx fail
 * at once. Every attempt waits for a token of the provider's rate limit first.
 */
import { AbortedError, backoff, isRetryableStatus, parseRetryAfter, sleep } from '@inlet/schemas';
import { FetchError, type FetchFailure } from './errors';

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly initialDelay: number;
  readonly maxDelay: number;
  readonly maxRetryAfter: number;
}

export interface HttpDeps {
  readonly fetch: typeof fetch;
  readonly now: () => number;
  readonly random: () => number;
  /** Waits for a rate-limit token before each attempt. */
  readonly acquire: (signal: AbortSignal) => Promise<void>;
  /** Called before each retry (for logs): attempt that failed, why, and the wait. */
  readonly onRetry?: (info: { attempt: number; reason: string; delayMs: number }) => void;
}

export interface GetRequest {
  readonly url: string;
  /** The URL without secrets, for errors and logs. */
  readonly safeUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  /** Stops waiting and the request in flight (shutdown). */
  readonly signal: AbortSignal;
}

export type GetResult =
  | { readonly status: 'ok'; readonly body: unknown; readonly etag?: string; readonly attempts: number }
  | { readonly status: 'not-modified'; readonly attempts: number };

interface Failure {
  readonly failure: FetchFailure;
  readonly message: string;
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly body?: string;
}

async function attempt(req: GetRequest, deps: HttpDeps): Promise<GetResult | Failure> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = AbortSignal.any([timeout, req.signal]);
  let res: Response;
  try {
    res = await deps.fetch(req.url, { headers: req.headers, signal, redirect: 'follow' });
  } catch (error) {
    if (req.signal.aborted) return { failure: 'aborted', message: 'stopped', retryable: false };
    if (timeout.aborted)
      return { failure: 'timeout', message: `no response within ${req.timeoutMs} ms`, retryable: true };
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    return { failure: 'network', message: `network error (${cause})`, retryable: true };
  }
  if (res.status === 304) {
    await res.body?.cancel();
    return { status: 'not-modified', attempts: 0 };
  }
  let text: string;
  try {
    text = await res.text();
  } catch {
    if (req.signal.aborted) return { failure: 'aborted', message: 'stopped', retryable: false };
    const failure = timeout.aborted ? 'timeout' : 'network';
    return { failure, message: `the body did not arrive within ${req.timeoutMs} ms`, retryable: true };
  }
  if (!res.ok) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), deps.now());
    const hint =
      res.status === 401 || res.status === 403 ? ' (check the API key in the auth.env variable)' : '';
    return {
      failure: 'http',
      status: res.status,
      message: `HTTP ${res.status}${hint}: ${text.slice(0, 200)}`,
      retryable: isRetryableStatus(res.status),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  try {
    const etag = res.headers.get('etag');
    return { status: 'ok', body: JSON.parse(text), attempts: 0, ...(etag ? { etag } : {}) };
  } catch (error) {
    return {
      failure: 'malformed',
      message: `the body is not valid JSON (${(error as Error).message})`,
      retryable: true,
      body: text,
    };
  }
}

/** GETs `req.url`; resolves with the parsed JSON or not-modified, or throws `FetchError`. */
export async function getJson(req: GetRequest, deps: HttpDeps): Promise<GetResult> {
  for (let n = 1; ; n++) {
    try {
      await deps.acquire(req.signal);
    } catch {
      throw new FetchError(`GET ${req.safeUrl}: stopped`, 'aborted', n - 1);
    }
    if (req.signal.aborted) throw new FetchError(`GET ${req.safeUrl}: stopped`, 'aborted', n - 1);
    const result = await attempt(req, deps);
    if ('status' in result && (result.status === 'ok' || result.status === 'not-modified')) {
      return { ...result, attempts: n };
    }
    const failure = result as Failure;
    if (!failure.retryable || n >= req.retry.maxAttempts) {
      const after = n > 1 ? ` after ${n} attempts` : '';
      throw new FetchError(
        `GET ${req.safeUrl}: ${failure.message}${after}`,
        failure.failure,
        n,
        failure.status,
        failure.body,
      );
    }
    const delayMs =
      failure.retryAfterMs !== undefined
        ? Math.min(failure.retryAfterMs, req.retry.maxRetryAfter)
        : Math.floor(
            backoff({
              attempt: n - 1,
              base: req.retry.initialDelay,
              cap: req.retry.maxDelay,
              random: deps.random,
            }),
          );
    deps.onRetry?.({ attempt: n, reason: failure.message, delayMs });
    try {
      await sleep(delayMs, { signal: req.signal, onAbort: 'reject', unref: true });
    } catch (error) {
      if (error instanceof AbortedError) throw new FetchError(`GET ${req.safeUrl}: stopped`, 'aborted', n);
      throw error;
    }
  }
}
