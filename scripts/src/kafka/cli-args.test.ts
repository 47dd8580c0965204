import { describe, expect, it } from 'vitest';
import { isConfigError } from '../config-error';
import { parseCliArgs } from './cli-args';

const failure = (argv: string[]) => {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(isConfigError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error(`expected ${argv.join(' ')} to be rejected`);
};

describe('parseCliArgs', () => {
  it('parses each command with its flags', () => {
    expect(parseCliArgs(['start'])).toEqual({ command: 'start', port: undefined, skipTopics: false });
    expect(parseCliArgs(['start', '--port', '9092', '--skip-topics'])).toEqual({
      command: 'start',
      port: 9092,
      skipTopics: true,
    });
    expect(parseCliArgs(['start', '--port=19092'])).toMatchObject({ port: 19092 });
    expect(parseCliArgs(['stop', '--purge'])).toEqual({ command: 'stop', purge: true });
    expect(parseCliArgs(['status'])).toEqual({ command: 'status' });
    expect(parseCliArgs(['topics', '--create'])).toEqual({ command: 'topics', create: true });
  });

  it('shows help for no command, help, --help and -h', () => {
    for (const argv of [[], ['help'], ['--help'], ['-h'], ['start', '--help']]) {
      expect(parseCliArgs(argv)).toEqual({ command: 'help' });
    }
  });

  it('rejects unknown commands, unknown flags, stray arguments and bad ports', () => {
    expect(failure(['launch'])).toContain('Unknown command "launch"');
    expect(failure(['stop', '--port', '1'])).toContain("stop: Unknown option '--port'");
    expect(failure(['status', 'now'])).toContain('status:');
    expect(failure(['start', '--port', '0'])).toContain(
      '--port must be a whole number from 1 to 65535, got "0"',
    );
    expect(failure(['start', '--port', '12ab'])).toContain('got "12ab"');
    expect(failure(['start', '--port'])).toContain("Option '--port <value>' argument missing");
  });
});
