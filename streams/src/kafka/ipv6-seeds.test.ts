import { describe, expect, it } from 'vitest';
import { kafkajsSeeds } from './ipv6-seeds';

describe('kafkajsSeeds', () => {
  it('passes host:port seeds through and keeps kafkajs its default socket factory', () => {
    expect(kafkajsSeeds(['127.0.0.1:9092', 'kafka-1:19092'])).toEqual({
      brokers: ['127.0.0.1:9092', 'kafka-1:19092'],
    });
  });

  it('hands bracketed IPv6 seeds over under stand-in hosts kafkajs can split, with a factory that dials them', () => {
    const seeds = kafkajsSeeds(['[::1]:9092', 'h:1', '[2001:db8::7]:19092']);
    expect(seeds.brokers).toEqual(['inlet-ipv6-seed-0:9092', 'h:1', 'inlet-ipv6-seed-1:19092']);
    expect(seeds.socketFactory).toBeTypeOf('function');
  });
});
