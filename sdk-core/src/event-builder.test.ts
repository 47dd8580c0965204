import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEvent, type EventBase, isoTime } from './event-builder';

const base: EventBase = {
  messageId: 'm1',
  now: Date.parse('2025-01-01T00:00:00Z'),
  user: () => ({ anonymousId: 'anon', userId: 'u1', traits: { plan: 'pro' } }),
  library: { name: 'lib', version: '1' },
  sessionId: 1_735_689_600_000,
  context: { locale: 'fr-FR', page: { path: '/a' } },
  integrations: { All: true },
};

describe('buildEvent', () => {
  it('adds ids, time, library, session and platform context', () => {
    expect(buildEvent({ type: 'track', event: 'Clicked' }, {}, base)).toEqual({
      type: 'track',
      event: 'Clicked',
      messageId: 'm1',
      anonymousId: 'anon',
      userId: 'u1',
      timestamp: '2025-01-01T00:00:00.000Z',
      context: {
        library: { name: 'lib', version: '1' },
        sessionId: 1_735_689_600_000,
        locale: 'fr-FR',
        page: { path: '/a' },
      },
      integrations: { All: true },
    });
  });

  it('lets the call override context keys whole, time, messageId and integrations', () => {
    const event = buildEvent(
      { type: 'page' },
      {
        context: { page: { path: '/b' } },
        timestamp: new Date('2024-06-01T00:00:00Z'),
        messageId: 'own',
        integrations: { All: false },
      },
      base,
    );
    expect(event).toMatchObject({
      messageId: 'own',
      timestamp: '2024-06-01T00:00:00.000Z',
      context: { page: { path: '/b' }, locale: 'fr-FR' },
      integrations: { All: false },
    });
  });

  it("speaks for the call's user only, leaving the core's identity out", () => {
    const event = buildEvent({ type: 'track', event: 'E' }, { userId: 'server-user' }, base);
    expect(event.userId).toBe('server-user');
    expect(event.anonymousId).toBeUndefined();
  });

  it('leaves out what is not set', () => {
    const event = buildEvent(
      { type: 'track', event: 'E' },
      {},
      { ...base, sessionId: undefined, context: undefined, integrations: undefined },
    );
    expect(JSON.parse(JSON.stringify(event))).not.toHaveProperty('integrations');
    expect(event.context).toEqual({ library: { name: 'lib', version: '1' } });
  });
});

describe('isoTime', () => {
  it('is toISOString for any time, asked in any order and repeated', () => {
    const ms = fc.integer({ min: -8.64e15, max: 8.64e15 });
    fc.assert(
      fc.property(fc.array(ms, { minLength: 1, maxLength: 20 }), (times) => {
        for (const t of [...times, ...times.reverse()]) {
          expect(isoTime(t)).toBe(new Date(t).toISOString());
          expect(isoTime(t)).toBe(new Date(t).toISOString());
        }
      }),
    );
  });

  it('throws on an invalid time, as toISOString does, and answers the next time right', () => {
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
    expect(isoTime(1)).toBe('1970-01-01T00:00:00.001Z');
    expect(() => isoTime(9e15)).toThrow(RangeError);
    expect(() => isoTime(9e15)).toThrow(RangeError);
    expect(isoTime(0)).toBe('1970-01-01T00:00:00.000Z');
  });
});
