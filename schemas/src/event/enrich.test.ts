import { describe, expect, it } from 'vitest';
import { correctedTimestamp, enrichEvent } from './enrich';
import { EnrichedEventSchema } from './enriched';
import { parseEvent } from './parse';

const facts = { receivedAt: '2024-05-01T12:00:10.000Z', source: 'web', newMessageId: () => 'generated-1' };

const parsed = (input: unknown) => {
  const result = parseEvent(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.event;
};

describe('correctedTimestamp', () => {
  it("shifts the client's time by its clock skew", () => {
    // The client clock is 1 h behind: it sent at 11:00:05 what the server received at 12:00:10.
    expect(correctedTimestamp('2024-05-01T11:00:00.000Z', '2024-05-01T11:00:05.000Z', facts.receivedAt)).toBe(
      '2024-05-01T12:00:05.000Z',
    );
  });

  it('keeps the client time without sentAt, and uses receivedAt without any client time', () => {
    expect(correctedTimestamp('2024-05-01T13:00:00+01:00', undefined, facts.receivedAt)).toBe(
      '2024-05-01T12:00:00.000Z',
    );
    expect(correctedTimestamp(undefined, '2024-05-01T11:00:05.000Z', facts.receivedAt)).toBe(
      facts.receivedAt,
    );
  });
});

describe('enrichEvent', () => {
  it('fills messageId, timestamp, receivedAt, source and context.ip, and the result is a valid record', () => {
    const event = parsed({ type: 'track', event: 'x', anonymousId: 'a', context: { locale: 'fr' } });
    const enriched = enrichEvent(event, { ...facts, ip: '203.0.113.9', sentAt: '2024-05-01T12:00:09.000Z' });
    expect(enriched).toMatchObject({
      messageId: 'generated-1',
      timestamp: facts.receivedAt,
      receivedAt: facts.receivedAt,
      sentAt: '2024-05-01T12:00:09.000Z',
      source: 'web',
      context: { locale: 'fr', ip: '203.0.113.9' },
    });
    expect(enriched).not.toHaveProperty('originalTimestamp');
    expect(EnrichedEventSchema.safeParse(enriched).success).toBe(true);
  });

  it("keeps the client's messageId and context.ip, and records the original timestamp", () => {
    const event = parsed({
      type: 'log',
      level: 'info',
      message: 'hi',
      userId: 1,
      messageId: 'client-1',
      timestamp: '2024-05-01T12:00:00.000Z',
      sentAt: '2024-05-01T12:00:00.000Z',
      context: { ip: '198.51.100.1' },
    });
    const enriched = enrichEvent(event, { ...facts, ip: '203.0.113.9' });
    expect(enriched).toMatchObject({
      messageId: 'client-1',
      userId: '1',
      originalTimestamp: '2024-05-01T12:00:00.000Z',
      timestamp: facts.receivedAt,
      context: { ip: '198.51.100.1' },
    });
  });
});
