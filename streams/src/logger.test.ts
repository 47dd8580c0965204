import { describe, expect, it } from 'vitest';
import { filterLogger, type StructuredLogger, toStreamLogger } from './logger';

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
