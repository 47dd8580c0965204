import { describe, expect, it } from 'vitest';
import { routeEvent } from './routing';
import { resolveTopicNames } from './topics';

describe('routeEvent', () => {
  it('sends clicks to the clickstream, logs to app logs and the rest to app events', () => {
    expect(routeEvent({ type: 'click', anonymousId: 'a' })).toEqual({
      topicKey: 'clickstream',
      topic: 'topic_clickstream',
      key: 'a',
    });
    expect(routeEvent({ type: 'log', userId: 'u' }).topicKey).toBe('appLogs');
    for (const type of ['track', 'page', 'screen', 'identify', 'group', 'alias']) {
      expect(routeEvent({ type, userId: 'u' }).topicKey).toBe('appEvents');
    }
  });

  it('keys by userId, else anonymousId, as a string', () => {
    expect(routeEvent({ type: 'track', userId: 'u', anonymousId: 'a' }).key).toBe('u');
    expect(routeEvent({ type: 'track', userId: null, anonymousId: 'a' }).key).toBe('a');
    expect(routeEvent({ type: 'track', userId: 42 }).key).toBe('42');
  });

  it('uses the deployment topic names', () => {
    const names = resolveTopicNames({ appEvents: 'prod.events' });
    expect(routeEvent({ type: 'page', userId: 'u' }, names).topic).toBe('prod.events');
  });
});
