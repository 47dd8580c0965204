import { describe, expect, it, vi } from 'vitest';
import { filterLogger, type StructuredLogger, stderrLogger, toStreamLogger } from './logger';

describe('toStreamLogger', () => {
  it('calls the level’s method with the namespace and fields, then the message', () => {
    const calls: [string, object, string][] = [];
    const record =
      (level: string) =>
      (fields: object, message: string): void => {
        calls.push([level, fields, message]);
      };
    const logger: StructuredLogger = {
      error: record('error'),
      warn: record('warn'),
      info: record('info'),
      debug: record('debug'),
    };
    const log = filterLogger(toStreamLogger(logger), 'info');
    log({ level: 'warn', message: 'retrying', namespace: 'kafkajs:Producer', fields: { attempt: 2 } });
    log({ level: 'info', message: 'recovered', namespace: 'local-log' });
    log({ level: 'debug', message: 'dropped by the filter', namespace: 'local-log' });
    expect(calls).toEqual([
      ['warn', { namespace: 'kafkajs:Producer', attempt: 2 }, 'retrying'],
      ['info', { namespace: 'local-log' }, 'recovered'],
    ]);
  });
});

describe('stderrLogger', () => {
  it('writes an Error field with its type, message and stack, as pino does', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const err = new TypeError('disk full');
      stderrLogger({ level: 'error', message: 'write failed', namespace: 'local-log', fields: { err } });
      const line = JSON.parse(String(write.mock.calls[0]?.[0])) as Record<string, unknown>;
      expect(line).toMatchObject({
        level: 'error',
        namespace: 'local-log',
        fields: { err: { type: 'TypeError', message: 'disk full', stack: err.stack } },
      });
    } finally {
      write.mockRestore();
    }
  });
});
