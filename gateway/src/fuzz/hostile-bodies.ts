/**
 * fast-check generators of request bodies, from valid batches to hostile bytes: truncated and deeply
 * nested JSON, bodies over the limit, gzip (valid, bombs, corrupt), `__proto__`/`constructor` keys,
 * invalid UTF-8, numbers out of range and wrong types.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';

export type Body = Uint8Array;

const utf8 = (text: string): Body => new Uint8Array(Buffer.from(text, 'utf8'));

/** 20 MiB of zeros as ~20 KB of gzip: compressed once, shared by every case. */
let bomb: Body | undefined;
export const gzipBomb = (): Body => {
  bomb ??= new Uint8Array(gzipSync(Buffer.alloc(20 * 1024 * 1024), { level: 9 }));
  return bomb;
};

const ids = fc.constantFrom('u-1', 'a-1', '', ' ', 'x'.repeat(600), '\u0000', '😀', 42, null, {}, []);
const types = fc.constantFrom(
  'track',
  'page',
  'screen',
  'identify',
  'group',
  'alias',
  'click',
  'log',
  'nope',
  7,
);
const oddNumbers = fc.constantFrom(
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '-0',
  '1e-400',
  '0.1e309',
);

/** A plausible event: mostly valid, each field sometimes of the wrong type. */
export const eventArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    type: types,
    event: fc.oneof(fc.string({ maxLength: 40 }), ids),
    userId: ids,
    anonymousId: ids,
    messageId: fc.oneof(fc.uuid(), fc.string({ maxLength: 20 }), ids),
    timestamp: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom('2015-2-02T00:30:08.276Z', 'yesterday', '', 12, null),
    ),
    properties: fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })),
    ),
    traits: fc.jsonValue({ maxDepth: 3 }),
    context: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ ip: fc.oneof(fc.ipV4(), fc.ipV6(), fc.string()) }),
    ),
    groupId: ids,
    previousId: ids,
    element: fc.record({ tag: fc.oneof(fc.constantFrom('button', 'a'), ids) }),
    level: fc.constantFrom('info', 'error', 'loud'),
    message: fc.oneof(fc.string(), ids),
  },
  { requiredKeys: ['type'] },
);

/** Nesting far past the contract's 10 levels (and past what a naive recursive walk survives). */
const deepJson = fc
  .tuple(fc.integer({ min: 11, max: 20_000 }), fc.constantFrom('[', '{"a":'))
  .map(([depth, open]) => {
    const close = open === '[' ? ']' : '}';
    return `{"batch":[{"type":"track","event":"deep","anonymousId":"a","properties":{"x":${open.repeat(depth)}1${close.repeat(depth)}}}]}`;
  });

const protoKeys = fc.constantFrom(
  '{"batch":[{"type":"track","event":"p","anonymousId":"a","__proto__":{"polluted":true}}]}',
  '{"__proto__":{"polluted":true},"batch":[]}',
  '{"batch":[{"type":"track","event":"p","anonymousId":"a","properties":{"constructor":{"prototype":{"polluted":true}}}}]}',
  '{"batch":[{"type":"identify","userId":"u","traits":{"__proto__":{"isAdmin":true}}}],"__proto__":{"writeKey":"wk_web_0123456789"}}',
  '{"writeKey":{"toString":"wk_web_0123456789"},"batch":[]}',
);

const wrongTypes = fc.constantFrom(
  '{"batch":"x"}',
  '{"batch":[1,2,null,true,"s"]}',
  '{"batch":{}}',
  '{"batch":[],"sentAt":5}',
  '{"batch":[],"context":[]}',
  '[]',
  'null',
  '"str"',
  '0',
  '{}',
  '',
);

const numbersOutOfRange = oddNumbers.map(
  (n) =>
    `{"batch":[{"type":"track","event":"n","anonymousId":"a","properties":{"v":${n}},"timestamp":${n}}]}`,
);

const batchJson = fc
  .record({
    batch: fc.array(eventArb, { maxLength: 30 }),
    sentAt: fc.option(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      { nil: undefined },
    ),
    writeKey: fc.option(fc.constantFrom('wk_web_0123456789', 'wrong-key-123', ''), { nil: undefined }),
  })
  .map((b) => JSON.stringify(b));

/** A JSON text cut short somewhere. */
const truncated = fc
  .tuple(batchJson, fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([text, at]) => text.slice(0, Math.floor(text.length * at)));

/** Random bytes, often not UTF-8 (lone continuation bytes, overlongs, 0xFF). */
const rawBytes = fc.uint8Array({ maxLength: 512 });
const invalidUtf8 = fc.constantFrom(
  Buffer.concat([
    Buffer.from('{"batch":[{"type":"track","event":"'),
    Buffer.from([0xc3, 0x28, 0xff]),
    Buffer.from('"}]}'),
  ]),
  Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xc0, 0xaf]),
);

const overLimit = fc
  .integer({ min: 512_001, max: 1_200_000 })
  .map(
    (n) =>
      `{"batch":[{"type":"track","event":"big","anonymousId":"a","properties":{"pad":"${'x'.repeat(n)}"}}]}`,
  );

const manyEvents = fc.integer({ min: 2_490, max: 2_600 }).map((n) =>
  JSON.stringify({
    batch: Array.from({ length: n }, () => ({ type: 'track', event: 'e', anonymousId: 'a' })),
  }),
);

const textBody = fc.oneof(
  { weight: 6, arbitrary: batchJson },
  { weight: 2, arbitrary: eventArb.map((e) => JSON.stringify(e)) },
  { weight: 2, arbitrary: truncated },
  { weight: 1, arbitrary: deepJson },
  { weight: 2, arbitrary: protoKeys },
  { weight: 2, arbitrary: wrongTypes },
  { weight: 1, arbitrary: numbersOutOfRange },
  { weight: 1, arbitrary: overLimit },
  { weight: 1, arbitrary: manyEvents },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
);

/** The body bytes and the Content-Encoding they really have (undefined: none). */
export interface BodyCase {
  readonly bytes: Body;
  readonly encoding: 'gzip' | undefined;
}

export const bodyArb: fc.Arbitrary<BodyCase> = fc.oneof(
  { weight: 10, arbitrary: textBody.map((t) => ({ bytes: utf8(t), encoding: undefined })) },
  {
    weight: 3,
    arbitrary: textBody.map((t) => ({ bytes: new Uint8Array(gzipSync(t)), encoding: 'gzip' as const })),
  },
  { weight: 1, arbitrary: fc.constant(null).map(() => ({ bytes: gzipBomb(), encoding: 'gzip' as const })) },
  {
    weight: 1,
    arbitrary: rawBytes.map((b) => ({ bytes: b, encoding: 'gzip' as const })),
  },
  { weight: 2, arbitrary: rawBytes.map((b) => ({ bytes: b, encoding: undefined })) },
  { weight: 1, arbitrary: invalidUtf8.map((b) => ({ bytes: new Uint8Array(b), encoding: undefined })) },
);
