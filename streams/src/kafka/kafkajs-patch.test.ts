/**
 * `patches/kafkajs+2.2.4.patch` (applied by `npm install`'s postinstall) makes kafkajs encode records
 * with far fewer allocations and checksum batches eight bytes at a time. These tests hold the patched
 * code to the Kafka record format itself, through a reference encoder written from the protocol spec.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
type RecordInput = {
  offsetDelta: number;
  timestampDelta: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
};
const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (r: RecordInput) => {
  buffer: Buffer;
};
const crc32C = require('kafkajs/src/protocol/recordBatch/crc32C/crc32C') as (b: Buffer) => number;

/** Zigzag varint as the spec defines it (numbers within ±2^31 here, so bigint keeps it exact). */
function varint(n: number): number[] {
  let z = (BigInt(n) << 1n) ^ (BigInt(n) < 0n ? -1n : 0n);
  const out: number[] = [];
  do {
    const byte = Number(z & 0x7fn);
    z >>= 7n;
    out.push(z === 0n ? byte : byte | 0x80);
  } while (z !== 0n);
  return out;
}
const bytes = (b: Buffer | null) => (b === null ? varint(-1) : [...varint(b.length), ...b]);

/** Record (magic v2): length, attributes, timestampDelta, offsetDelta, key, value, headers. */
function referenceRecord(r: RecordInput): Buffer {
  const headers = Object.entries(r.headers).flatMap(([k, v]) => [
    ...bytes(Buffer.from(k)),
    ...bytes(Buffer.from(v)),
  ]);
  const body = [
    0,
    ...varint(r.timestampDelta),
    ...varint(r.offsetDelta),
    ...bytes(r.key),
    ...bytes(r.value),
    ...varint(Object.keys(r.headers).length),
    ...headers,
  ];
  return Buffer.from([...varint(body.length), ...body]);
}

/** CRC-32C bit by bit (reflected polynomial 0x82F63B78). */
function referenceCrc32C(data: Uint8Array): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0x82f63b78 & -(crc & 1));
  }
  return ~crc >>> 0;
}

describe('the kafkajs patch', () => {
  it('is applied (npm install runs patch-package)', () => {
    const encoder = readFileSync(require.resolve('kafkajs/src/protocol/encoder.js'), 'utf8');
    expect(encoder).toContain('inlet patch');
  });

  it('encodes a record byte for byte as the protocol says', () => {
    const record = { offsetDelta: 1, timestampDelta: 2, key: Buffer.from('k'), value: Buffer.from('v') };
    expect([...encodeRecord({ ...record, headers: { h: 'x' } }).buffer]).toEqual([
      0x18, 0x00, 0x04, 0x02, 0x02, 0x6b, 0x02, 0x76, 0x02, 0x02, 0x68, 0x02, 0x78,
    ]);
  });

  it('matches the reference encoder for any record', () => {
    const buffer = fc.option(
      fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a)),
      { nil: null },
    );
    fc.assert(
      fc.property(
        fc.record({
          offsetDelta: fc.integer({ min: 0, max: 100_000 }),
          timestampDelta: fc.integer({ min: -1_000_000, max: 2 ** 31 - 1 }),
          key: buffer,
          value: buffer,
          headers: fc.dictionary(
            fc.string({ unit: 'grapheme', maxLength: 20 }),
            fc.string({ maxLength: 60 }),
            {
              maxKeys: 6,
            },
          ),
        }),
        (record) => {
          expect(encodeRecord(record).buffer.equals(referenceRecord(record))).toBe(true);
        },
      ),
    );
  });

  it('checksums like CRC-32C bit by bit, at every length and alignment', () => {
    expect(crc32C(Buffer.from('123456789'))).toBe(0xe3069283); // the standard check value
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), fc.nat(7), (data, start) => {
        const view = Buffer.from(data).subarray(Math.min(start, data.length));
        expect(crc32C(view)).toBe(referenceCrc32C(view));
      }),
    );
  });
});
