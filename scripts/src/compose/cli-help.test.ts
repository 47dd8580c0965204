import { describe, expect, it } from 'vitest';
import { parseHelp } from './cli-help';

const HELP = `Usage: inlet-thing --pg-url <url> [options]

Options:
  --pg-url <url>        PostgreSQL (env PG_URL)
  --brokers <list>      Kafka (default: $KAFKA_BROKERS)
  --port <value>        port (env INLET_THING_PORT)
  --quiet               no progress bar
  -h, --help            this text

Environment:
  INLET_CACHE_DIR  where jars live (default: \${XDG_CACHE_HOME:-~/.cache}/inlet)
Exit codes: 0 stopped by SIGINT/SIGTERM.`;

describe('parseHelp', () => {
  const help = parseHelp(HELP);

  it('lists every --flag the text mentions', () => {
    expect([...help.flags].sort()).toEqual(['--brokers', '--help', '--pg-url', '--port', '--quiet']);
  });

  it('lists the environment variables it names, in any of the spellings the bins use', () => {
    expect([...help.envNames].sort()).toEqual([
      'INLET_CACHE_DIR',
      'INLET_THING_PORT',
      'KAFKA_BROKERS',
      'PG_URL',
      'XDG_CACHE_HOME',
    ]);
  });

  it('pairs a variable with the flag on its help line', () => {
    expect(help.envFlags.get('PG_URL')).toBe('--pg-url');
    expect(help.envFlags.get('KAFKA_BROKERS')).toBe('--brokers');
    expect(help.envFlags.get('INLET_THING_PORT')).toBe('--port');
    expect(help.envFlags.has('INLET_CACHE_DIR')).toBe(false);
  });
});
