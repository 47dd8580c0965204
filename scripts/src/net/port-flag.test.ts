import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config-error';
import { parsePortFlag } from './port-flag';

describe('parsePortFlag', () => {
  it('takes a whole number from 1 to 65535', () => {
    expect(parsePortFlag('port', '1')).toBe(1);
    expect(parsePortFlag('stand-in-port', '65535')).toBe(65_535);
  });

  it.each(['0', '65536', '-1', '80.5', '1e3', ' 80', 'abc', ''])('refuses "%s", naming the flag', (text) => {
    expect(() => parsePortFlag('stand-in-port', text)).toThrow(
      new ConfigError(`--stand-in-port must be a whole number from 1 to 65535, got "${text}".`),
    );
  });
});
