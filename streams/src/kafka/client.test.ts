import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../logger';
import { assertBrokers } from './broker-list';
import { createKafkaClient } from './client';

describe('createKafkaClient', () => {
  it('refuses a broker list that is not host:port strings, saying what is expected', () => {
    for (const bad of [[], ['localhost'], 'a:1', [':9092'], ['a b:1'], undefined]) {
      expect(() => assertBrokers(bad)).toThrow(/brokers must be a non-empty list of "host:port" strings/);
    }
    expect(() => assertBrokers(['127.0.0.1:9092', 'kafka-1:19092'])).not.toThrow();
  });

  it('routes kafkajs log entries to the logger, filtered by level', () => {
    const entries: LogEntry[] = [];
    const kafka = createKafkaClient({
      brokers: ['127.0.0.1:9092'],
      logger: (e) => entries.push(e),
      logLevel: 'warn',
    });
    const logger = kafka.logger();
    logger.info('not shown');
    logger.namespace('Producer').warn('shown', { broker: '127.0.0.1:9092' });
    logger.error('also shown');
    expect(entries).toEqual([
      {
        level: 'warn',
        namespace: 'kafkajs:Producer',
        message: 'shown',
        fields: { broker: '127.0.0.1:9092' },
      },
      { level: 'error', namespace: 'kafkajs', message: 'also shown', fields: {} },
    ]);
  });
});
