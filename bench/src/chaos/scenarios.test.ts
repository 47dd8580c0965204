import { describe, expect, it } from 'vitest';
import { pickScenarios, SCENARIOS } from './scenarios';

describe('pickScenarios', () => {
  it('takes every built scenario when --scenarios is absent, the eight of issue 16', () => {
    expect(pickScenarios(undefined)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(Object.keys(SCENARIOS)).toHaveLength(8);
  });

  it('takes the listed ones in the order given, spaces allowed', () => {
    expect(pickScenarios('8, 2')).toEqual(['8', '2']);
  });

  it('refuses an unknown or empty one, naming the known ones', () => {
    expect(() => pickScenarios('9')).toThrow(/expected some of 1,2,3,4,5,6,7,8, got "9"/);
    expect(() => pickScenarios('1,,2')).toThrow(/--scenarios/);
  });
});
