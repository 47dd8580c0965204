/**
 * Reading a request body with a byte cap enforced while it streams in, then gunzip with a cap on
 * the decompressed size, then strict UTF-8 and JSON. Every failure is a `GatewayError` (400/413).
 */
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { GatewayError, invalidBody, payloadTooLarge } from '../../app/errors';

const gunzipAsync = promisify(gunzip);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

const unreadable = (cause: unknown) =>
  new GatewayError('invalid_body', 'the request body could not be read (connection closed early?)', {
    cause,
  });

const join = (chunks: Buffer[], size: number) =>
  chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, size);

/**
 * Straight from the Node request (no web-stream wrapper). Past the cap it stops reading and pauses
 * the socket; `@hono/node-server` drains or closes it after the 413 is sent.
 */
export function readNodeBody(incoming: Readable, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: Error) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (error === undefined) resolve(join(chunks, size));
      else reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else {
        incoming.pause();
        finish(payloadTooLarge(maxBytes));
      }
    };
    const onEnd = () => finish();
    const onError = (error: Error) => finish(unreadable(error));
    const onClose = () => {
      if (!incoming.readableEnded) finish(unreadable(new Error('closed before the end of the body')));
    };
    incoming.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** From a web `ReadableStream` (`app.request()`, other runtimes); cancels it past the cap. */
export async function readWebBody(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Buffer> {
  if (body === null) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const next = await reader.read().catch((error: unknown) => {
      throw unreadable(error);
    });
    if (next.done) return join(chunks, size);
    size += next.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge(maxBytes);
    }
    chunks.push(Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength));
  }
}

/**
 * Decompresses with zlib's `maxOutputLength`: inflation stops as soon as the output passes the cap,
 * so a gzip bomb costs at most `maxBytes` of memory and never finishes inflating.
 */
export async function gunzipLimited(compressed: Buffer, maxBytes: number): Promise<Buffer> {
  try {
    return await gunzipAsync(compressed, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw payloadTooLarge(maxBytes, 'decompressed request body');
    }
    throw invalidBody(
      `the body is not valid gzip (${(error as Error).message}); send Content-Encoding: gzip only with gzip data`,
    );
  }
}

/** Strict UTF-8 (a byte-order mark is dropped), then `JSON.parse`. */
export function parseJsonBody(bytes: Buffer): { text: string; value: unknown } {
  if (bytes.length === 0) throw invalidBody('the request body is empty; send a JSON object');
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw invalidBody('the request body is not valid UTF-8; encode JSON as UTF-8');
  }
  try {
    return { text, value: JSON.parse(text) };
  } catch (error) {
    throw invalidBody(`the request body is not valid JSON: ${(error as Error).message}`);
  }
}
