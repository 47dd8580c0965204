import { describe, expect, it } from 'vitest';
import { parseHelp } from './cli-help';
import { effectiveFlags, listeners, parseCommand, reachableFromOtherContainers } from './service-args';

describe('parseCommand', () => {
  it('splits bin, subcommand and flags (with values, =values and bare switches)', () => {
    const parsed = parseCommand([
      'inlet-sim',
      'run',
      '--profile',
      'seed',
      '--quiet',
      '--write-key=k',
      '--tag',
      'a',
      '--tag',
      'b',
    ]);
    expect(parsed.bin).toBe('inlet-sim');
    expect(parsed.subcommand).toEqual(['run']);
    expect(Object.fromEntries(parsed.flags)).toEqual({
      '--profile': ['seed'],
      '--quiet': [''],
      '--write-key': ['k'],
      '--tag': ['a', 'b'],
    });
    expect(parseCommand(['inlet-kafka', 'topics']).subcommand).toEqual(['topics']);
    expect(parseCommand([]).bin).toBe('');
  });
});

describe('effectiveFlags and listeners', () => {
  const help = parseHelp(`  --port <n>   (env APP_PORT)\n  --host <h>   (env APP_HOST)\n  --health <port>\n`);

  it('adds the flags the environment sets, the command line winning', () => {
    const flags = effectiveFlags(
      parseCommand(['app', '--port', '1']),
      { APP_PORT: '2', APP_HOST: '0.0.0.0' },
      help,
    );
    expect(Object.fromEntries(flags)).toEqual({ '--port': ['1'], '--host': ['0.0.0.0'] });
  });

  it('pairs each port flag with its host flag, and only a non-loopback host is reachable', () => {
    const [main, health] = listeners(
      parseCommand([
        'app',
        '--port',
        '80',
        '--host',
        '0.0.0.0',
        '--health',
        '9',
        '--health-host',
        '127.0.0.1',
      ]).flags,
    );
    expect(main).toEqual({ port: 80, flag: '--port', host: '0.0.0.0' });
    expect(health).toEqual({ port: 9, flag: '--health', host: '127.0.0.1' });
    expect(main && reachableFromOtherContainers(main)).toBe(true);
    expect(health && reachableFromOtherContainers(health)).toBe(false);
    expect(reachableFromOtherContainers({ port: 1, flag: '--port', host: undefined })).toBe(false);
  });
});
