import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isSinkRecordError, isSinkTimeoutError, isSinkUnavailableError } from '../errors';
import { toSinkError } from './kafka-errors';

// kafkajs's error classes are spread into its CommonJS exports, which ESM named imports cannot see.
const kafkajs = createRequire(import.meta.url)('kafkajs') as typeof import('kafkajs');
const retriesExceeded = (e: Error) =>
  new kafkajs.KafkaJSNumberOfRetriesExceeded(e, { retryCount: 5, retryTime: 100 });
const protocol = (type: string) =>
  new kafkajs.KafkaJSProtocolError({
    message: `broker says ${type}`,
    type,
    code: 1,
    retriable: false,
  } as never);

describe('toSinkError', () => {
  it('maps connection failures after retries to SinkUnavailableError', () => {
    const error = toSinkError(
      retriesExceeded(new kafkajs.KafkaJSConnectionError('Connection error: ECONNREFUSED')),
      ['t'],
    );
    expect(isSinkUnavailableError(error)).toBe(true);
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('Kafka is unavailable: Connection error: ECONNREFUSED');
  });

  it('maps request timeouts, however deeply wrapped, to SinkTimeoutError', () => {
    const timeout = new kafkajs.KafkaJSRequestTimeoutError('Request Produce(key: 0, version: 7) timed out');
    const error = toSinkError(retriesExceeded(timeout), ['t']);
    expect(isSinkTimeoutError(error)).toBe(true);
    expect(error.message).toContain('may or may not be stored');
  });

  it('maps records the broker will never take to a non-retryable SinkRecordError', () => {
    const error = toSinkError(protocol('MESSAGE_TOO_LARGE'), ['t']);
    expect(isSinkRecordError(error)).toBe(true);
    expect(error.retryable).toBe(false);
  });

  it('explains a missing topic', () => {
    const error = toSinkError(retriesExceeded(protocol('UNKNOWN_TOPIC_OR_PARTITION')), ['orders', 'users']);
    expect(isSinkUnavailableError(error)).toBe(true);
    expect(error.message).toContain('Kafka has no topic among orders, users: create the topics first');
  });
});
