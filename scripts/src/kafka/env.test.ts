import { describe, expect, it } from 'vitest';
import { brokersFromEnv, parseBrokerList } from './env';

describe('parseBrokerList', () => {
  it('splits a comma-separated host:port list, trimming blanks', () => {
    expect(parseBrokerList('127.0.0.1:9092')).toEqual(['127.0.0.1:9092']);
    expect(parseBrokerList(' localhost:9092 , kafka-1:19092,')).toEqual(['localhost:9092', 'kafka-1:19092']);
    expect(parseBrokerList('[::1]:9092')).toEqual(['[::1]:9092']);
  });

  it('names the setting, the bad entry and an example', () => {
    expect(() => parseBrokerList('localhost')).toThrow(
      /KAFKA_BROKERS has "localhost".*e\.g\. KAFKA_BROKERS=127\.0\.0\.1:9092/,
    );
    expect(() => parseBrokerList('h:70000')).toThrow(/"h:70000"/);
    expect(() => parseBrokerList('PLAINTEXT://h:9092', 'BROKERS')).toThrow(
      /BROKERS has "PLAINTEXT:\/\/h:9092"/,
    );
    expect(() => parseBrokerList(' , ')).toThrow(/KAFKA_BROKERS is empty/);
  });
});

describe('brokersFromEnv', () => {
  it('is undefined when KAFKA_BROKERS is unset or blank', () => {
    expect(brokersFromEnv({})).toBeUndefined();
    expect(brokersFromEnv({ KAFKA_BROKERS: '  ' })).toBeUndefined();
    expect(brokersFromEnv({ KAFKA_BROKERS: '127.0.0.1:1' })).toEqual(['127.0.0.1:1']);
    expect(brokersFromEnv({ KAFKA_BROKERS: '[::1]:9092' })).toEqual(['[::1]:9092']);
  });
});
