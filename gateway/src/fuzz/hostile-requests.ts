/**
 * fast-check generators of whole HTTP requests against the gateway: methods, paths and query
 * strings (known routes, unknown ones, broken percent-encoding, oversized), header sets and sizes,
 * content types and encodings (declared truly or falsely), write keys in every place, and the
 * bodies of `hostile-bodies.ts`. `fetchSafe` requests can be built as a WHATWG `Request`
 * (`app.request()`); the others also carry bytes only a raw socket can send.
 */
import fc from 'fast-check';
import { ADMIN_TOKEN, SERVER_KEY, WEB_KEY } from '../testing/test-app';
import { type BodyCase, bodyArb } from './hostile-bodies';

export interface FuzzRequest {
  readonly method: string;
  /** Path and query string, as sent. */
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: BodyCase | undefined;
}

const INGEST_ROUTES = [
  '/v1/batch',
  '/v1/batch',
  '/v1/batch',
  '/v1/track',
  '/v1/page',
  '/v1/screen',
  '/v1/identify',
  '/v1/group',
  '/v1/alias',
] as const;

const OTHER_ROUTES = [
  '/v1/click',
  '/v1/pixel/track',
  '/v1/pixel/page',
  '/v1/pixel/nope',
  '/healthz',
  '/readyz',
  '/metrics',
  '/openapi.json',
  '/docs',
  '/schemas',
  '/schemas/topic_app_events',
  '/schemas/appEvents',
  '/schemas/..%2f..%2fetc%2fpasswd',
  '/v1/live',
  '/',
  '/v1/batch/',
  '//v1//batch',
  '/V1/BATCH',
  '/v1/%2e%2e/healthz',
] as const;

const KEYS = [WEB_KEY, SERVER_KEY, 'wk_unknown_0123456789', '', 'short'] as const;

const base64Json = fc
  .jsonValue({ maxDepth: 3 })
  .map((v) => Buffer.from(JSON.stringify(v)).toString('base64url'));

const queryPart = fc.oneof(
  fc.constantFrom(...KEYS).map((k) => `writeKey=${encodeURIComponent(k)}`),
  base64Json.map((d) => `data=${d}`),
  fc.constantFrom(
    'data=%zz',
    'data=%00',
    'data=%C3%28',
    'data=====',
    'a=1&a=2',
    '%',
    '&&&',
    '=x',
    'writeKey',
  ),
  fc.string({ maxLength: 30 }).map((s) => `q=${encodeURIComponent(s)}`),
);

/** Mostly small; sometimes past the app's 16 KiB limit or the parser's 60 KiB. */
const padding = fc.oneof(
  { weight: 20, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.integer({ min: 16_000, max: 20_000 }).map((n) => `&pad=${'p'.repeat(n)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 60_000, max: 120_000 }).map((n) => `&pad=${'p'.repeat(n)}`) },
);

const targetArb = fc
  .tuple(
    fc.oneof(
      { weight: 10, arbitrary: fc.constantFrom(...INGEST_ROUTES) },
      { weight: 4, arbitrary: fc.constantFrom(...OTHER_ROUTES) },
      { weight: 1, arbitrary: fc.webPath() },
    ),
    fc.array(queryPart, { maxLength: 3 }),
    padding,
  )
  .map(([path, query, pad]) => {
    const q = query.join('&') + pad;
    return q === '' ? path : `${path}?${q}`;
  });

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'image/png',
  '',
  ';;;',
  'application/json; charset="utf-8"; x=1',
);

const encodings = fc.constantFrom('gzip', 'identity', 'br', 'deflate', 'gzip, gzip', '', 'GZIP');

const authHeaders = fc.oneof(
  { weight: 3, arbitrary: fc.constant(['x-write-key', WEB_KEY] as const) },
  {
    weight: 2,
    arbitrary: fc.constant([
      'authorization',
      `Basic ${Buffer.from(`${WEB_KEY}:`).toString('base64')}`,
    ] as const),
  },
  fc.constantFrom(...KEYS).map((k) => ['x-write-key', k] as const),
  fc
    .constantFrom(...KEYS)
    .map((k) => ['authorization', `Basic ${Buffer.from(`${k}:`).toString('base64')}`] as const),
  fc
    .constantFrom('Basic', 'Basic !!!', 'Basic Og==', `Bearer ${ADMIN_TOKEN.slice(0, 5)}`, 'Digest x')
    .map((v) => ['authorization', v] as const),
);

/** Header names and values a WHATWG `Headers` accepts. */
const tokenChars = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-_!#$%&'*+.^`|~".split(''));
const headerName = fc.string({ unit: tokenChars, minLength: 1, maxLength: 24 });
const headerValue = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 64,
});

const otherHeaders = fc.oneof(
  fc.tuple(
    fc.constantFrom('origin'),
    fc.constantFrom('https://shop.example', 'https://evil.example', 'null'),
  ),
  fc.tuple(
    fc.constantFrom('x-forwarded-for'),
    fc.constantFrom('1.2.3.4', '::1, 10.0.0.1', 'garbage, , ,', ''),
  ),
  fc.tuple(fc.constantFrom('access-control-request-method'), fc.constantFrom('POST', 'DELETE')),
  fc.tuple(headerName, headerValue),
);

/** Mostly a few headers; sometimes one huge one, or very many. */
const bulkHeaders = fc.oneof(
  { weight: 20, arbitrary: fc.constant([] as [string, string][]) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 30_000, max: 100_000 })
      .map((n): [string, string][] => [['cookie', `c=${'c'.repeat(n)}`]]),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 90, max: 400 })
      .map((n): [string, string][] => Array.from({ length: n }, (_, i) => [`x-h${i}`, 'v'])),
  },
);

export const fetchSafeRequestArb: fc.Arbitrary<FuzzRequest> = fc
  .record({
    method: fc.oneof(
      { weight: 12, arbitrary: fc.constant('POST') },
      { weight: 3, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'HEAD') },
    ),
    target: targetArb,
    contentType: fc.oneof(
      { weight: 6, arbitrary: fc.constant('application/json') },
      { weight: 4, arbitrary: contentTypes },
      { weight: 1, arbitrary: fc.constant(undefined) },
    ),
    encoding: fc.option(encodings, { nil: undefined }),
    /** True: declare the body's real encoding; false: declare `encoding` whatever the body is. */
    honestEncoding: fc.boolean(),
    auth: fc.option(authHeaders, { nil: undefined }),
    others: fc.array(otherHeaders, { maxLength: 4 }),
    bulk: bulkHeaders,
    body: bodyArb,
  })
  .map((r) => {
    const headers: [string, string][] = [];
    if (r.contentType !== undefined) headers.push(['content-type', r.contentType]);
    const encoding = r.honestEncoding ? r.body.encoding : r.encoding;
    if (encoding !== undefined) headers.push(['content-encoding', encoding]);
    if (r.auth) headers.push([r.auth[0], r.auth[1]]);
    for (const [name, value] of r.others) headers.push([name, value]);
    headers.push(...r.bulk);
    const bodyless = r.method === 'GET' || r.method === 'HEAD';
    return { method: r.method, target: r.target, headers, body: bodyless ? undefined : r.body };
  });

/** What only a raw socket can send on top: any method token, CR/LF/NUL in header values. */
export const socketRequestArb: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fetchSafeRequestArb,
    fc.oneof(
      { weight: 9, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom('TRACE', 'CONNECT', 'BREW', 'GET\u0000', 'get', 'M-SEARCH') },
    ),
    fc.oneof(
      { weight: 9, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom('a\u0000b', 'a\rb', 'x\r\nInjected: 1', '\u00ff\u00fe', 'é') },
    ),
  )
  .map(([request, method, oddValue]) => ({
    ...request,
    method: method ?? request.method,
    headers: oddValue === undefined ? request.headers : [...request.headers, ['x-odd', oddValue] as const],
  }));
