/**
 * Requests Node's HTTP parser refuses before the app sees them (a head over `parserMaxHeadBytes`,
 * broken syntax or framing, a head that never finished) get the contract's JSON error, and the
 * connection is closed cleanly: the answer is written, our side ends, and what the client is still
 * sending is read and dropped until it stops. Node's default writes a bare status line and destroys
 * the socket at once, and closing a socket with unread bytes sends a TCP reset, which often reaches
 * the client before it has read the answer ("connection reset by peer").
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ERROR_STATUS, type ErrorCode } from '@inlet/schemas';
import type { Logger } from 'pino';
import { errorBody } from '../app/errors';
import { REQUEST_LIMITS } from '../app/request-limits';

export interface ClientErrorOptions {
  /** Longest wait for the client to stop sending after the answer, in ms. Default 5 000. */
  readonly drainTimeoutMs?: number;
  /** Most bytes read and dropped after the answer before the socket is destroyed. Default 8 MiB. */
  readonly drainMaxBytes?: number;
  /** Logs each answer at debug level. Default: none. */
  readonly logger?: Logger;
}

export interface ClientErrorAnswer {
  readonly code: ErrorCode;
  readonly message: string;
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  404: 'Not Found',
  408: 'Request Timeout',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
};

/** An over-long request line overflows before its first line break. */
function requestLineUnfinished(raw: unknown): boolean {
  return (
    Buffer.isBuffer(raw) && /^[A-Za-z]+ /.test(raw.subarray(0, 16).toString('latin1')) && !raw.includes(10)
  );
}

/** What to answer for a parser error; undefined when the client is gone (nothing to answer). */
export function classifyClientError(
  error: NodeJS.ErrnoException & { rawPacket?: unknown },
): ClientErrorAnswer | undefined {
  const limit = REQUEST_LIMITS.parserMaxHeadBytes;
  switch (error.code) {
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_DESTROYED':
      return undefined;
    case 'HPE_HEADER_OVERFLOW':
      return requestLineUnfinished(error.rawPacket)
        ? {
            code: 'uri_too_long',
            message: `the request line is longer than ${limit} bytes; send the event in a POST body`,
          }
        : {
            code: 'headers_too_large',
            message: `the request line and headers take more than ${limit} bytes; send fewer or smaller headers`,
          };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'request_timeout', message: 'the request did not arrive in time; send it again' };
    default:
      return {
        code: 'invalid_request',
        message: `the HTTP request is malformed (${error.code ?? 'parse error'}: ${error.message}); send valid HTTP/1.1`,
      };
  }
}

/** A complete HTTP/1.1 response carrying the contract's error body, closing the connection. */
export function rawErrorResponse(answer: ClientErrorAnswer): string {
  const status = ERROR_STATUS[answer.code];
  const body = JSON.stringify(errorBody(answer.code, answer.message));
  return [
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Whether an answer can still be written: no response of this connection has started. */
function canAnswer(socket: Socket): boolean {
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return socket.writable && !inFlight?.headersSent;
}

/** Installs the `clientError` handler on `server`. */
export function answerClientErrors(server: Server, options: ClientErrorOptions = {}): void {
  const drainTimeoutMs = options.drainTimeoutMs ?? 5_000;
  const drainMaxBytes = options.drainMaxBytes ?? 8 * 1024 * 1024;
  const draining = new WeakMap<Socket, number>();

  const answerAndDrain = (socket: Socket, answer: ClientErrorAnswer) => {
    draining.set(socket, socket.bytesRead);
    socket.end(rawErrorResponse(answer));
    const timer = setTimeout(() => socket.destroy(), drainTimeoutMs).unref();
    socket.once('close', () => clearTimeout(timer));
    socket.resume();
  };

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // The parser stays attached and reports every later chunk as another error: that is the drain.
    const answeredAt = draining.get(socket);
    if (answeredAt !== undefined) {
      if (socket.bytesRead - answeredAt > drainMaxBytes) socket.destroy();
      return;
    }
    const answer = classifyClientError(error);
    if (answer === undefined || !canAnswer(socket)) {
      socket.destroy();
      return;
    }
    options.logger?.debug(
      { code: answer.code, parserError: error.code },
      'answered a request the parser refused',
    );
    answerAndDrain(socket, answer);
  });

  // Without a listener Node closes a CONNECT (or Upgrade) request's socket with no answer at all.
  const noTunnel = (req: IncomingMessage, socket: Duplex) => {
    const message = `no route ${req.method} ${req.url?.slice(0, 100)}; this server takes plain HTTP requests (see /docs)`;
    answerAndDrain(socket as Socket, { code: 'not_found', message });
  };
  server.on('connect', noTunnel);
  server.on('upgrade', noTunnel);
}
