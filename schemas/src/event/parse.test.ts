import { describe, expect, it } from 'vitest';
import { applyBatchContext, eventFromRoute, parseEvent } from './parse';

const ok = (input: unknown, index?: number) => {
  const result = parseEvent(input, index);
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.issues)}`);
  return result.event;
};
const issues = (input: unknown, index?: number) => {
  const result = parseEvent(input, index);
  if (result.ok) throw new Error('expected a failure');
  return result.issues;
};

describe('parseEvent', () => {
  it('accepts a Segment analytics.js track call as sent', () => {
    const event = ok({
      type: 'track',
      event: 'Order Completed',
      properties: { revenue: 25.5, products: [{ sku: 'a' }] },
      anonymousId: '507f191e810c19729de860ea',
      userId: null,
      messageId: 'ajs-next-1700000000000-abc',
      timestamp: '2024-05-01T12:00:00.123Z',
      sentAt: '2024-05-01T12:00:01.000Z',
      context: {
        library: { name: 'analytics.js', version: 'next-1.66.0' },
        page: { path: '/cart', referrer: '', search: '', title: 'Cart', url: 'https://shop.test/cart' },
        userAgent: 'Mozilla/5.0',
        locale: 'en-US',
        userAgentData: { mobile: false },
      },
      integrations: { All: true, Mixpanel: false, Amplitude: { session_id: 1 } },
      _metadata: { bundled: ['Segment.io'] },
    });
    expect(event.type).toBe('track');
    expect(event.userId).toBeUndefined();
    // Unknown keys pass through, at the top level and in context.
    expect(event).toMatchObject({
      _metadata: { bundled: ['Segment.io'] },
      context: { userAgentData: { mobile: false } },
    });
  });

  it('normalises numeric ids to strings', () => {
    const event = ok({ type: 'group', userId: 42, groupId: 7 });
    expect(event).toMatchObject({ userId: '42', groupId: '7' });
  });

  it('accepts every type in its minimal form', () => {
    const minimal = [
      { type: 'track', event: 'x' },
      { type: 'page' },
      { type: 'screen' },
      { type: 'identify' },
      { type: 'group', groupId: 'g' },
      { type: 'alias', userId: 'new', previousId: 'old' },
      { type: 'click', element: { tag: 'button' } },
      { type: 'log', level: 'warn', message: 'disk almost full' },
    ];
    for (const event of minimal) expect(ok({ anonymousId: 'a', ...event }).type).toBe(event.type);
  });

  it('requires userId or anonymousId', () => {
    expect(issues({ type: 'page', userId: null })).toEqual([
      { path: 'userId', message: 'userId or anonymousId is required; neither was given' },
    ]);
  });

  it('prefixes paths with the batch position and echoes the messageId', () => {
    const result = parseEvent(
      { type: 'track', event: 'x', userId: 'u', messageId: 'm-1', properties: 'nope' },
      3,
    );
    expect(result).toEqual({
      ok: false,
      messageId: 'm-1',
      issues: [{ path: 'batch[3].properties', message: 'expected object, got string' }],
    });
  });

  it('names the allowed types when type is wrong or missing', () => {
    expect(issues({ type: 'purchase', userId: 'u' })[0]).toEqual({
      path: 'type',
      message: expect.stringMatching(/^must be one of "track", .*"log", got "purchase"$/),
    });
    expect(issues({ userId: 'u' })[0]?.message).toMatch(/^is required \(one of "track"/);
  });

  it('reports nested context errors at their path', () => {
    expect(
      issues({ type: 'identify', userId: 'u', context: { library: { name: 5, version: '1' } } }),
    ).toEqual([{ path: 'context.library.name', message: 'expected string, got number' }]);
  });

  it('rejects non-objects', () => {
    expect(issues('hello', 0)).toEqual([{ path: 'batch[0]', message: 'expected object, got string' }]);
  });
});

describe('applyBatchContext', () => {
  it("puts the batch context under the event's, event keys winning whole", () => {
    const merged = applyBatchContext(
      { type: 'track', context: { library: { name: 'mine' } } },
      { library: { name: 'batch', version: '1' }, locale: 'fr' },
    );
    expect(merged).toEqual({ type: 'track', context: { library: { name: 'mine' }, locale: 'fr' } });
  });

  it('leaves events alone when there is nothing to merge', () => {
    const event = { type: 'track' };
    expect(applyBatchContext(event, undefined)).toBe(event);
    expect(applyBatchContext('x', { a: 1 })).toBe('x');
  });
});

describe('eventFromRoute', () => {
  it("sets the route's type and drops a body writeKey", () => {
    expect(eventFromRoute('track', { type: 'page', event: 'x', writeKey: 'wk' })).toEqual({
      type: 'track',
      event: 'x',
    });
    expect(eventFromRoute('track', null)).toBeNull();
  });
});
