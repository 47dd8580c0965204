import { describe, expect, it } from 'vitest';
import { compareLsn, formatLsn, LsnError, lsnNumber, maxLsn, parseLsn, parseOptionalLsn } from './lsn';

describe('LSN', () => {
  it('reads both spellings of the same position as one value', () => {
    expect(parseLsn('0/17893A0')).toBe(parseLsn('00000000/017893A0'));
    expect(parseLsn('0/17893a0')).toBe(0x17893a0n);
  });

  it('keeps the high half', () => {
    expect(parseLsn('1/0')).toBe(0x1_0000_0000n);
    expect(parseLsn('FFFFFFFF/FFFFFFFF')).toBe(0xffff_ffff_ffff_ffffn);
  });

  it('compares numerically, not as text', () => {
    // As text "0/9" > "0/10"; as positions it is smaller.
    expect(compareLsn(parseLsn('0/9'), parseLsn('0/10'))).toBe(-1);
    expect(compareLsn(parseLsn('00000000/00000010'), parseLsn('0/10'))).toBe(0);
    expect(compareLsn(parseLsn('1/0'), parseLsn('0/FFFFFFFF'))).toBe(1);
    expect(maxLsn(parseLsn('0/A'), parseLsn('0/B'))).toBe(0xbn);
  });

  it('formats as Postgres does and round-trips', () => {
    expect(formatLsn(parseLsn('00000000/017893A0'))).toBe('0/17893A0');
    expect(formatLsn(0x2_0000_00ffn)).toBe('2/FF');
    expect(parseLsn(formatLsn(123_456_789_012n))).toBe(123_456_789_012n);
  });

  it('treats a missing position as undefined', () => {
    expect(parseOptionalLsn(null)).toBeUndefined();
    expect(parseOptionalLsn('0/0')).toBeUndefined();
    expect(parseOptionalLsn('0/1')).toBe(1n);
  });

  it.each(['', '17893A0', '0/', 'x/1', '0/123456789', '1/2/3'])('rejects %j', (text) => {
    expect(() => parseLsn(text)).toThrow(LsnError);
  });

  it('gives Debezium its numeric lsn', () => {
    expect(lsnNumber(parseLsn('0/16E8D10'))).toBe(24_022_288);
  });
});
