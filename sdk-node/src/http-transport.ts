import { promisify } from 'node:util';
import { gzip as gzipCallback, gzipSync } from 'node:zlib';
import { BATCH_PATH, WRITE_KEY_HEADER } from '@inlet/schemas';
import { classifyResponse, type SendResult, type Transport } from '@inlet/sdk-core';
import { Agent, type Dispatcher, request } from 'undici';

const gzip = promisify(gzipCallback);

/**
 * Smaller bodies are compressed on the main thread: the thread pool's round trip costs more than
 * the work (a 2.9 KB batch: ~29 µs in place, ~200 µs per request through the pool under load).
 */
const SYNC_GZIP_MAX = 64 * 1024;

/** What one request did, for metrics and the simulators' report. */
export interface ResponseInfo {
  /** HTTP status; 0 when no answer came (network error, timeout). */
  readonly status: number;
  /** From the start of the request (before compression) to the end of the response body. */
  readonly ms: number;
  readonly events: number;
  /** Bytes on the wire (after gzip). */
  readonly bytes: number;
  readonly result: SendResult;
  /** The network error or `timeout`, when there was no answer. */
  readonly error?: string;
}

export interface HttpTransportOptions {
  /** The gateway's base URL; batches go to `<endpoint>/v1/batch`. @default 'http://127.0.0.1:8787' */
  endpoint?: string;
  /** A request not answered in this many ms is aborted and retried later. @default 10_000 */
  timeoutMs?: number;
  /** Bodies larger than this many bytes are sent gzip-compressed; `Infinity` turns gzip off. @default 1_024 */
  compressAbove?: number;
  /** zlib level 1 (fast) … 9 (small). @default 6 */
  compressionLevel?: number;
  /** The undici dispatcher. @default an Agent of its own: keep-alive, at most `connections` sockets */
  dispatcher?: Dispatcher;
  /** Sockets of the default Agent per origin. @default 16 */
  connections?: number;
  /** Extra request headers (a `user-agent`, a trace id). @default none */
  headers?: Readonly<Record<string, string>>;
  /** Told about every request once it settled. Must not throw. @default none */
  onResponse?: (info: ResponseInfo) => void;
}

export interface HttpTransport extends Transport {
  readonly url: string;
  /**
   * Closes the default Agent's sockets at once, aborting requests still in flight (their events
   * stay queued); a dispatcher passed in is left alone.
   */
  close(): Promise<void>;
}

/** Throws a clear error for an endpoint that is not an absolute http(s) URL. */
export function batchUrl(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`endpoint must be an absolute URL such as http://127.0.0.1:8787, got "${endpoint}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`endpoint must use http: or https:, got "${endpoint}"`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}${BATCH_PATH}`;
}

/**
 * The Node transport: one keep-alive connection pool (undici), the write key in `X-Write-Key`,
 * bodies over `compressAbove` gzip-compressed, every request bounded by `timeoutMs`, and the
 * answer classified by sdk-core's `classifyResponse`. It never throws: a failure is `retry-later`.
 */
export function createHttpTransport(options: HttpTransportOptions = {}): HttpTransport {
  const url = batchUrl(options.endpoint ?? 'http://127.0.0.1:8787');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const compressAbove = options.compressAbove ?? 1_024;
  const level = options.compressionLevel ?? 6;
  const own = options.dispatcher
    ? undefined
    : new Agent({ connections: options.connections ?? 16, keepAliveTimeout: 30_000 });
  const dispatcher = options.dispatcher ?? (own as Agent);
  const extra = options.headers ?? {};
  const { onResponse } = options;

  async function send({ batch, sentAt, writeKey }: Parameters<Transport['send']>[0]): Promise<SendResult> {
    const started = performance.now();
    const headers: Record<string, string> = { ...extra, 'content-type': 'application/json' };
    if (writeKey) headers[WRITE_KEY_HEADER.toLowerCase()] = writeKey;
    let body: Buffer = Buffer.from(JSON.stringify({ batch, sentAt }));
    if (body.length > compressAbove) {
      body = body.length <= SYNC_GZIP_MAX ? gzipSync(body, { level }) : await gzip(body, { level });
      headers['content-encoding'] = 'gzip';
    }
    let status = 0;
    let result: SendResult;
    let error: string | undefined;
    try {
      const response = await request(url, {
        method: 'POST',
        headers,
        body,
        dispatcher,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.statusCode;
      const text = await response.body.text();
      const retryAfter = response.headers['retry-after'];
      result = classifyResponse(status, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, text);
    } catch (cause) {
      const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
      error = timedOut
        ? `timeout after ${timeoutMs} ms`
        : cause instanceof Error
          ? cause.message
          : String(cause);
      result = {
        kind: 'retry-later',
        reason: `${status ? `HTTP ${status}, body lost` : 'network error'}: ${error}`,
      };
    }
    const ms = performance.now() - started;
    onResponse?.({
      status,
      ms,
      events: batch.length,
      bytes: body.length,
      result,
      ...(error ? { error } : {}),
    });
    return result;
  }

  return {
    url,
    send,
    close: async () => {
      await own?.destroy();
    },
  };
}
