/// <reference types="node" />
/**
 * The package as others see it: only the public entry points, type-only imports, and the promise
 * that `@inlet/schemas/limits` pulls in no zod (the browser SDK's bundle depends on it).
 */
import { readFileSync } from 'node:fs';
import type { EnrichedEvent, Event, EventInput, Issue, TopicKey, TopicRecord } from '@inlet/schemas';
import {
  EventSchema,
  enrichEvent,
  parseEvent,
  routeEvent,
  SCHEMA_VERSION,
  TOPIC_KEYS,
  TOPIC_RECORD_SCHEMAS,
} from '@inlet/schemas';
import { checkEventLimits, LIMITS } from '@inlet/schemas/limits';
import { describe, expect, expectTypeOf, it } from 'vitest';

describe('@inlet/schemas', () => {
  it('runs the gateway path end to end: parse, enrich, route, validate as a record', () => {
    const parsed = parseEvent({ type: 'click', element: { tag: 'button' }, anonymousId: 7 }, 0);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const stored = enrichEvent(parsed.event, {
      receivedAt: '2024-05-01T12:00:00.000Z',
      source: 'web',
      newMessageId: () => 'm-1',
    });
    const route = routeEvent(stored);
    expect(route).toEqual({ topicKey: 'clickstream', topic: 'topic_clickstream', key: '7' });
    expect(TOPIC_RECORD_SCHEMAS[route.topicKey].safeParse(stored).success).toBe(true);
    expect(SCHEMA_VERSION).toBe('1');
  });

  it('has a record schema for every topic', () => {
    expect(Object.keys(TOPIC_RECORD_SCHEMAS).sort()).toEqual([...TOPIC_KEYS].sort());
  });

  it('exports types for type-only imports', () => {
    expectTypeOf<Event['type']>().toEqualTypeOf<
      'track' | 'page' | 'screen' | 'identify' | 'group' | 'alias' | 'click' | 'log'
    >();
    expectTypeOf<EnrichedEvent['messageId']>().toEqualTypeOf<string>();
    expectTypeOf<Issue>().toEqualTypeOf<{ readonly path: string; readonly message: string }>();
    expectTypeOf<TopicRecord<'cdcChanges'>['op']>().toEqualTypeOf<'c' | 'u' | 'd' | 'r' | 't'>();
    expectTypeOf<EventInput>().toMatchTypeOf<{ type: string }>();
    expectTypeOf<TopicKey>().toEqualTypeOf<(typeof TOPIC_KEYS)[number]>();
    expect(EventSchema).toBeDefined();
  });
});

describe('@inlet/schemas/limits', () => {
  it('works on its own', () => {
    expect(LIMITS.maxEventBytes).toBe(32_768);
    expect(checkEventLimits(JSON.parse('{"__proto__":1}'))).toHaveLength(1);
  });

  it('imports nothing but zod-free modules', () => {
    const seen = new Set<string>();
    const visit = (url: URL): void => {
      if (seen.has(url.href)) return;
      seen.add(url.href);
      const source = readFileSync(url, 'utf8');
      for (const [, spec] of source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)) {
        if (spec === undefined) continue;
        expect(spec.startsWith('.'), `${url.pathname} imports ${spec}`).toBe(true);
        visit(new URL(`${spec}.ts`, url));
      }
    };
    visit(new URL('./limits.ts', import.meta.url));
    expect(seen.size).toBeGreaterThanOrEqual(2);
  });
});
