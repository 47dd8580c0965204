/**
 * Request-body middleware for the ingest routes: checks `Content-Type`, `Content-Encoding` and
 * `Content-Length` up front (415/413 before a byte is read), then exposes `c.var.body()`, which
 * reads the body once — capped while streaming, gunzipped with a decompressed-size cap, strict
 * UTF-8, JSON — whenever auth or the handler first needs it.
 */
import { Readable } from 'node:stream';
import { CONTENT_ENCODINGS, CONTENT_TYPES } from '@inlet/schemas';
import { createMiddleware } from 'hono/factory';
import { GatewayError, invalidBody, isGatewayError, payloadTooLarge } from '../../app/errors';
import { nodeBindings } from '../../app/node-bindings';
import type { AppContext, AppEnv, ParsedBody } from '../../app/types';
import { gunzipLimited, parseJsonBody, readNodeBody, readWebBody } from './read-body';

export interface JsonBodyOptions {
  /** Byte cap on the body as sent and, for gzip, after decompression. */
  readonly maxBytes: number;
}

const contentTypes = new Set<string>(CONTENT_TYPES);

/** The media type, lower-cased, once it is one of the accepted ones. */
function checkContentType(header: string | undefined): string {
  const [mediaType = '', ...params] = (header ?? '').split(';');
  const type = mediaType.trim().toLowerCase();
  if (!contentTypes.has(type)) {
    throw new GatewayError(
      'unsupported_media_type',
      `Content-Type ${header === undefined ? 'is missing' : `"${header}" is not supported`}; send ${CONTENT_TYPES.join(' or ')} (the body is JSON either way)`,
    );
  }
  for (const param of params) {
    const [name = '', value = ''] = param.split('=');
    const charset = value.trim().replace(/^"|"$/g, '').toLowerCase();
    if (name.trim().toLowerCase() === 'charset' && charset !== 'utf-8' && charset !== 'utf8') {
      throw new GatewayError('unsupported_media_type', `charset "${charset}" is not supported; send UTF-8`);
    }
  }
  return type;
}

const FORM = 'application/x-www-form-urlencoded';

/** A form-typed body that is not JSON is most likely real form fields: say that they are not read. */
function explainForm(error: unknown): never {
  if (isGatewayError(error) && error.code === 'invalid_body') {
    throw invalidBody(
      `${error.message} (${FORM} is accepted only with a JSON body; form fields are not read)`,
    );
  }
  throw error;
}

/** True for gzip; identity and none are plain. */
function isGzip(header: string | undefined): boolean {
  const encoding = (header ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return false;
  if ((CONTENT_ENCODINGS as readonly string[]).includes(encoding)) return true;
  throw new GatewayError(
    'unsupported_encoding',
    `Content-Encoding "${header}" is not supported; send ${CONTENT_ENCODINGS.join(', ')} or no encoding`,
  );
}

function checkContentLength(header: string | undefined, maxBytes: number): void {
  if (header === undefined) return;
  const length = Number(header);
  if (Number.isFinite(length) && length > maxBytes) throw payloadTooLarge(maxBytes);
}

async function readRaw(c: AppContext, maxBytes: number): Promise<Buffer> {
  const incoming = nodeBindings(c)?.incoming;
  return incoming instanceof Readable
    ? readNodeBody(incoming, maxBytes)
    : readWebBody(c.req.raw.body, maxBytes);
}

/** Reads and parses once; later calls get the same promise. */
function lazyBody(c: AppContext, maxBytes: number, gzip: boolean, form: boolean): () => Promise<ParsedBody> {
  let parsed: Promise<ParsedBody> | undefined;
  return () => {
    parsed ??= (async () => {
      const raw = await readRaw(c, maxBytes);
      const bytes = gzip ? await gunzipLimited(raw, maxBytes) : raw;
      if (!form) return parseJsonBody(bytes);
      try {
        return parseJsonBody(bytes);
      } catch (error) {
        return explainForm(error);
      }
    })();
    return parsed;
  };
}

export function jsonBody(options: JsonBodyOptions) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const form = checkContentType(c.req.header('content-type')) === FORM;
    const gzip = isGzip(c.req.header('content-encoding'));
    checkContentLength(c.req.header('content-length'), options.maxBytes);
    c.set('body', lazyBody(c, options.maxBytes, gzip, form));
    await next();
  });
}
