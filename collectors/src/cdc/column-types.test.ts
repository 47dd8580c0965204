import { describe, expect, it } from 'vitest';
import { columnValue, PG_TYPES as T, UNAVAILABLE_VALUE, zonedTime, zonedTimestamp } from './column-types';

describe('column values (Debezium JSON encoding)', () => {
  it.each([
    [T.bool, 't', true],
    [T.bool, 'f', false],
    [T.int2, '-7', -7],
    [T.int4, '2147483647', 2_147_483_647],
    [T.int8, '9007199254740991', 9_007_199_254_740_991],
    [T.int8, '9223372036854775807', '9223372036854775807'],
    [T.float8, '1.5', 1.5],
    [T.float4, 'NaN', 'NaN'],
    [T.float8, '-Infinity', '-Infinity'],
    [T.numeric, '12345678901234567890.0100', '12345678901234567890.0100'],
    [T.money, '$1,234.50', '$1,234.50'],
    [T.text, 'héllo', 'héllo'],
    [T.uuid, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
    [T.interval, 'P1Y2M3DT4H5M6.78S', 'P1Y2M3DT4H5M6.78S'],
    [T.bytea, '\\x0102ff', 'AQL/'],
    [T.date, '2024-02-29', '2024-02-29Z'],
    [T.time, '13:45:00.123456', '13:45:00.123456Z'],
    [T.timestamp, '2024-02-29 13:45:00.5', '2024-02-29T13:45:00.5Z'],
    [T.timestamptz, '2024-02-29 13:45:00.123456+00', '2024-02-29T13:45:00.123456Z'],
    [T.timestamptz, 'infinity', 'infinity'],
    [T.timetz, '10:00:00+02', '08:00:00Z'],
  ])('type %i: %j → %j', (oid, text, expected) => {
    expect(columnValue(oid, text)).toEqual(expected);
  });

  it('sends JSON columns as values, or as text on request', () => {
    expect(columnValue(T.jsonb, '{"a": [1, {"b": null}]}')).toEqual({ a: [1, { b: null }] });
    expect(columnValue(T.json, '"x"')).toBe('x');
    expect(columnValue(T.jsonb, '{"a": 1}', { jsonMode: 'string' })).toBe('{"a": 1}');
  });

  it('maps arrays element by element, nulls and nesting included', () => {
    expect(columnValue(1009, '{wifi,"sea view",NULL}')).toEqual(['wifi', 'sea view', null]);
    expect(columnValue(1007, '{{1,2},{3,4}}')).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(columnValue(1231, '{1.50,2}')).toEqual(['1.50', '2']);
    expect(columnValue(1185, '{"2024-01-01 00:00:00+00"}')).toEqual(['2024-01-01T00:00:00Z']);
    expect(columnValue(3807, '{"{\\"a\\": 1}"}')).toEqual([{ a: 1 }]);
  });

  it('keeps null and marks an unchanged TOAST value as unavailable', () => {
    expect(columnValue(T.text, null)).toBeNull();
    expect(columnValue(T.text, undefined)).toBe(UNAVAILABLE_VALUE);
    expect(UNAVAILABLE_VALUE).toBe('__debezium_unavailable_value');
  });

  it('passes unknown types (enums, ranges, inet) through as text', () => {
    expect(columnValue(999_999, 'gold')).toBe('gold');
  });
});

describe('time zones', () => {
  it('converts any offset to UTC, keeping the fraction', () => {
    expect(zonedTimestamp('2024-01-01 01:30:00.25+05:30')).toBe('2023-12-31T20:00:00.25Z');
    expect(zonedTimestamp('2024-01-01 23:00:00-02')).toBe('2024-01-02T01:00:00Z');
    expect(zonedTimestamp('0044-03-15 12:00:00+00 BC')).toBe('0044-03-15 12:00:00+00 BC');
  });

  it('wraps times with a zone around midnight', () => {
    expect(zonedTime('01:00:00+02')).toBe('23:00:00Z');
    expect(zonedTime('23:30:00.5-01')).toBe('00:30:00.5Z');
  });
});
