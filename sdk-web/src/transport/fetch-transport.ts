import { utf8ByteLength } from '@inlet/schemas/limits';
import { batchJson, classifyResponse, type SendResult, type Transport } from '@inlet/sdk-core';
import { gzip, shouldGzip } from './gzip';

export interface WebTransportOptions {
  /** Base URL of the gateway; the transport posts to `${endpoint}/v1/batch`. */
  readonly endpoint: string;
  readonly writeKey: string;
}

/** How long a send may take before it is given up and retried later. */
export const SEND_TIMEOUT_MS = 30_000;

/** What browsers let keepalive requests carry in flight: 64 KiB. */
export const KEEPALIVE_MAX_BYTES = 65_536;

/**
 * `fetch` to `POST /v1/batch` with the write key in `X-Write-Key`, gzipped when it pays.
 * Unloading sends go as keepalive `fetch`, `text/plain` with the write key in the body — no CORS
 * preflight, so the request leaves at once — and their answer is read like any other. The core
 * cuts them into requests of at most `maxUnloadBytes` (60,000; under the browsers' 64 KB).
 */
export function createFetchTransport(options: WebTransportOptions): Transport {
  const url = `${options.endpoint.replace(/\/$/, '')}/v1/batch`;

  const request = async (body: BodyInit, headers: Record<string, string>, keepalive: boolean) => {
    try {
      // A request that hangs would hold up every later send: it counts as failed after 30 s.
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        keepalive,
        signal: AbortSignal.timeout?.(SEND_TIMEOUT_MS),
      });
      return classifyResponse(response.status, response.headers.get('Retry-After'), await response.text());
    } catch {
      return classifyResponse(0); // network error (or the browser refused): retry later
    }
  };

  const post = async (json: string) => {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'X-Write-Key': options.writeKey,
    };
    let body: string | Uint8Array<ArrayBuffer> = json;
    // Characters, not bytes, decide on gzip (never more than the bytes): counting bytes would
    // read the whole body once more, and a gzipped body's size is known anyway.
    if (shouldGzip(json.length)) {
      try {
        body = (await gzip(json)) as Uint8Array<ArrayBuffer>;
        headers['Content-Encoding'] = 'gzip';
      } catch {
        // Sent plain: compression is an optimisation.
      }
    }
    // keepalive lets a send started just before unload finish; browsers allow it up to 64 KB.
    const bytes = body === json ? utf8ByteLength(json) : (body as Uint8Array).byteLength;
    return request(body, headers, bytes <= KEEPALIVE_MAX_BYTES);
  };

  return {
    send: ({ batch, sentAt, writeKey = options.writeKey }, sendOptions): Promise<SendResult> =>
      sendOptions?.unloading
        ? // Not sendBeacon: its answer cannot be read, and an event leaves the queue only on one.
          // Chrome and Safari refuse keepalive requests beyond 64 KB in flight in total: those
          // events stay queued (retry-later) for a later send.
          request(batchJson({ batch, sentAt, writeKey }), { 'Content-Type': 'text/plain' }, true)
        : post(batchJson({ batch, sentAt })),
  };
}
