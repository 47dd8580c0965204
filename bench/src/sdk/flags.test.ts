import { describe, expect, it } from 'vitest';
import { parseFlags } from './flags';

describe('parseFlags', () => {
  it('has defaults and reads every flag', () => {
    expect(parseFlags([])).toMatchObject({ calls: 10_000, anchorCalls: 2_000, rounds: 2, append: true });
    expect(
      parseFlags(['--calls', '500', '--per-task', '1', '--only', 'inlet,none', '--no-append']),
    ).toMatchObject({ calls: 500, perTask: 1, only: ['none', 'inlet'], append: false });
    expect(parseFlags([])).toMatchObject({ cpuProfile: undefined, baseline: undefined });
    expect(parseFlags(['--baseline', 'HEAD~1']).baseline).toBe('HEAD~1');
    expect(parseFlags(['--cpu-profile', '/tmp/p'])).toMatchObject({ cpuProfile: '/tmp/p', append: false });
    expect(parseFlags([]).inletAttrs).toEqual([]);
    expect(
      parseFlags(['--inlet-attr', 'data-max-queue-events=20000', '--inlet-attr', 'data-clicks=false'])
        .inletAttrs,
    ).toEqual([
      ['data-max-queue-events', '20000'],
      ['data-clicks', 'false'],
    ]);
  });

  it('refuses bad values and unknown flags with the usage', () => {
    expect(() => parseFlags(['--calls', '1e4'])).toThrow(
      /--calls: expected a positive whole number, got "1e4"/,
    );
    expect(() => parseFlags(['--only', 'inlet,mixpanel'])).toThrow(/unknown SDK "mixpanel"/);
    expect(() => parseFlags(['--cpu-profile', ' '])).toThrow(/--cpu-profile: expected a directory/);
    expect(() => parseFlags(['--fast'])).toThrow(/Usage: npm run bench -- sdk/);
    // Only data attributes, and nothing that could break out of the attribute's quotes.
    for (const bad of ['onload=x', 'data-x="1"', 'data-x=1 onload=y', 'data-x', 'data-X=1']) {
      expect(() => parseFlags(['--inlet-attr', bad])).toThrow(/--inlet-attr: expected data-<name>=<value>/);
    }
  });
});
