/**
 * One HTTP exchange over a raw TCP socket: writes exactly the given bytes (honouring backpressure),
 * reads until one whole response arrived or the server closed, and says whether the connection was
 * reset and what came back.
 * For tests that must see what a hostile or broken client sees, byte for byte.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  /** Everything the server sent. */
  readonly bytes: Buffer;
  /** The socket error's code when the connection failed (ECONNRESET, EPIPE…), else undefined. */
  readonly error: string | undefined;
}

export interface ParsedAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface RawExchangeOptions {
  /** Bytes per write. Default 65 536. */
  readonly chunkBytes?: number;
  /** Give up (and report 'timeout') after this long, in ms. Default 15 000. */
  readonly timeoutMs?: number;
  /** Half-close our side once everything is written (what curl does not do). Default false. */
  readonly endAfterWrite?: boolean;
  /** The request is a HEAD: its answer ends with the head. Default false. */
  readonly head?: boolean;
}

export function rawExchange(
  port: number,
  request: Buffer,
  options: RawExchangeOptions = {},
): Promise<RawAnswer> {
  const chunkBytes = options.chunkBytes ?? 65_536;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const done = (error: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes: Buffer.concat(chunks), error });
    };
    const timer = setTimeout(() => done('timeout'), options.timeoutMs ?? 15_000);
    const socket = connect(port, '127.0.0.1');
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // A keep-alive answer leaves the connection open: one whole response is the end of it.
      if (parseAnswer(Buffer.concat(chunks), { headOnly: options.head ?? false }) !== undefined)
        done(undefined);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
    socket.on('end', () => done(undefined));
    socket.on('close', () => done(undefined));
    let offset = 0;
    const pump = () => {
      while (offset < request.length) {
        const piece = request.subarray(offset, offset + chunkBytes);
        offset += piece.length;
        if (!socket.write(piece)) return void socket.once('drain', pump);
      }
      if (options.endAfterWrite) socket.end();
    };
    socket.once('connect', pump);
  });
}

/**
 * The first response in `bytes` (Content-Length framed, as every gateway error is); `headOnly` for
 * the answer to a HEAD request, which has no body whatever its Content-Length says.
 */
export function parseAnswer(bytes: Buffer, options: { headOnly?: boolean } = {}): ParsedAnswer | undefined {
  const text = bytes.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [statusLine = '', ...lines] = text.slice(0, headEnd).split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!match) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  if (options.headOnly) return { status: Number(match[1]), headers, body: '' };
  const length = Number(headers['content-length']);
  const rest = bytes.subarray(Buffer.byteLength(text.slice(0, headEnd + 4), 'latin1'));
  const body = (Number.isFinite(length) ? rest.subarray(0, length) : rest).toString('utf8');
  if (Number.isFinite(length) && Buffer.byteLength(body) < length) return undefined;
  return { status: Number(match[1]), headers, body };
}
