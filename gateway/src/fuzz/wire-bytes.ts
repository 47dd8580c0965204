/**
 * A fuzz request as the bytes a raw client writes, with its body framed honestly or not: by
 * Content-Length, chunked, with a Content-Length shorter or longer than the body, with both headers
 * (a smuggling attempt), or with none.
 */
import fc from 'fast-check';
import type { FuzzRequest } from './hostile-requests';

export const FRAMINGS = ['length', 'chunked', 'short', 'long', 'both', 'none'] as const;
export type Framing = (typeof FRAMINGS)[number];

export const framingArb: fc.Arbitrary<Framing> = fc.oneof(
  { weight: 10, arbitrary: fc.constant('length' as const) },
  { weight: 3, arbitrary: fc.constant('chunked' as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('short' as const, 'long' as const, 'both' as const, 'none' as const),
  },
);

export interface WireRequest {
  readonly bytes: Buffer;
  /** Half-close after writing, so a server waiting for promised bytes sees the end instead. */
  readonly endAfterWrite: boolean;
}

function chunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < body.length; at += 8_192) {
    const piece = body.subarray(at, at + 8_192);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

export function toWire(request: FuzzRequest, framing: Framing): WireRequest {
  const body = request.body ? Buffer.from(request.body.bytes) : Buffer.alloc(0);
  const head = [`${request.method} ${request.target} HTTP/1.1`, 'Host: 127.0.0.1'];
  for (const [name, value] of request.headers) head.push(`${name}: ${value}`);
  let payload: Buffer = body;
  switch (framing) {
    case 'length':
      head.push(`Content-Length: ${body.length}`);
      break;
    case 'chunked':
      head.push('Transfer-Encoding: chunked');
      payload = chunked(body);
      break;
    case 'short':
      head.push(`Content-Length: ${Math.floor(body.length / 2)}`);
      break;
    case 'long':
      head.push(`Content-Length: ${body.length + 10}`);
      break;
    case 'both':
      head.push(`Content-Length: ${body.length}`, 'Transfer-Encoding: chunked');
      break;
    case 'none':
      break;
  }
  const headBytes = Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1');
  return { bytes: Buffer.concat([headBytes, payload]), endAfterWrite: framing === 'long' };
}
