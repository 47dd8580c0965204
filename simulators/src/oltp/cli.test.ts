import { describe, expect, it } from 'vitest';
import { parseOltpArgs, runOltpCli } from './cli';

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: {} } };
};

describe('inlet-sim oltp flags', () => {
  it('reads the documented flags', () => {
    expect(
      parseOltpArgs([
        '--profile',
        'load',
        '--duration',
        '60s',
        '--pg-url',
        'postgres://x@h/db',
        '--rate',
        '100',
      ]),
    ).toMatchObject({ profile: 'load', durationMs: 60_000, pgUrl: 'postgres://x@h/db', perSecond: 100 });
  });

  it('defaults to the seed profile with no end', () => {
    expect(parseOltpArgs([])).toMatchObject({ profile: 'seed', durationMs: undefined });
  });

  it.each([
    [['--profile', 'heavy'], /--profile must be one of seed, load/],
    [['--duration', 'forever'], /--duration must look like/],
    [['--concurrency', '1.5'], /--concurrency must be a positive integer/],
    [['--rate', '0'], /--rate must be a positive number/],
    [['--nope'], /Unknown option/],
  ])('exits 2 with a clear message for %j', async (argv, message) => {
    const t = io();
    expect(await runOltpCli(argv, t.io)).toBe(2);
    expect(t.err.join('')).toMatch(message);
    expect(t.err.join('')).toMatch(/Usage: inlet-sim oltp/);
  });

  it('prints the usage with --help', async () => {
    const t = io();
    expect(await runOltpCli(['--help'], t.io)).toBe(0);
    expect(t.out.join('')).toMatch(/--profile seed\|load/);
  });
});
