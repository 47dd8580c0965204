/// <reference types="node" />
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseFlags, tryParseFlags } from './parse-flags';
import { isUsageError, UsageError } from './usage-error';

const options = {
  port: { type: 'string' },
  tag: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

describe('parseFlags', () => {
  it('parses strictly and keeps parseArgs’ types', () => {
    const { values, positionals } = parseFlags(['--port', '80', '--tag', 'a', '--tag', 'b', '-h'], {
      options,
    });
    expect(values).toEqual({ port: '80', tag: ['a', 'b'], help: true });
    expect(positionals).toEqual([]);
    expectTypeOf(values.port).toEqualTypeOf<string | undefined>();
    expectTypeOf(values.tag).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(values.help).toEqualTypeOf<boolean | undefined>();
  });

  it('takes positionals only when allowed', () => {
    expect(parseFlags(['run', '--port', '1'], { options, allowPositionals: true }).positionals).toEqual([
      'run',
    ]);
    expect(() => parseFlags(['run'], { options })).toThrow(/Unexpected argument 'run'/);
  });

  it.each([
    [['--bogus'], /^Unknown option '--bogus'/],
    [['--port'], /^Option '--port <value>' argument missing/],
    [['--help=yes'], /^Option '-h, --help' does not take an argument/],
  ])('turns %j into a UsageError with parseArgs’ message', (argv, message) => {
    let thrown: unknown;
    try {
      parseFlags(argv, { options });
    } catch (error) {
      thrown = error;
    }
    expect(isUsageError(thrown)).toBe(true);
    expect((thrown as UsageError).name).toBe('UsageError');
    expect((thrown as UsageError).message).toMatch(message);
  });

  it('throws what toError makes of the message', () => {
    class OtherError extends Error {}
    expect(() => parseFlags(['--bogus'], { options }, (m) => new OtherError(`${m}; see --help`))).toThrow(
      OtherError,
    );
    expect(() => parseFlags(['--bogus'], { options }, (m) => new OtherError(`${m}; see --help`))).toThrow(
      /^Unknown option '--bogus'.*; see --help$/,
    );
  });

  it('lets a bad config through as the bug it is, not as bad usage', () => {
    const bad = { options: { port: { type: 'number' } } } as unknown as { options: typeof options };
    expect(() => parseFlags([], bad)).toThrow(TypeError);
    expect(() => parseFlags([], bad)).not.toThrow(UsageError);
  });
});

describe('tryParseFlags', () => {
  it('answers ok with the values, or the message', () => {
    expect(tryParseFlags(['--port', '2'], { options })).toEqual({
      ok: true,
      values: { port: '2' },
      positionals: [],
    });
    expect(tryParseFlags(['--nope'], { options })).toEqual({
      ok: false,
      message: expect.stringMatching(/^Unknown option '--nope'/),
    });
  });
});
