import { describe, expect, it } from 'vitest';
import { parseWithIssues } from '../issues';
import { LIMITS } from '../limits';
import {
  BatchRequestSchema,
  ERROR_CODES,
  ERROR_STATUS,
  GatewayResponseSchema,
  HTTP_STATUS,
  SINGLE_EVENT_PATHS,
  SINGLE_EVENT_TYPES,
} from './contract';

describe('BatchRequestSchema', () => {
  it('validates the envelope only, leaving events to parseEvent', () => {
    const result = parseWithIssues(BatchRequestSchema, {
      batch: [{ type: 'track' }, 'not even an object', 3],
      sentAt: '2024-05-01T12:00:00.000Z',
      writeKey: 'wk',
      context: { library: { name: 'analytics-node', version: '2.0.0' } },
      metadata: { nodeVersion: '20' },
    });
    expect(result.ok).toBe(true);
  });

  it(`rejects more than ${LIMITS.maxBatchEvents} events, a non-array batch and a bad sentAt`, () => {
    const tooMany = parseWithIssues(BatchRequestSchema, {
      batch: new Array(LIMITS.maxBatchEvents + 1).fill({}),
    });
    expect(tooMany).toEqual({
      ok: false,
      issues: [{ path: 'batch', message: 'must have at most 2500 items, got 2501' }],
    });
    const wrong = parseWithIssues(BatchRequestSchema, { batch: {}, sentAt: 'now' });
    expect(wrong.ok ? [] : wrong.issues.map((i) => i.path)).toEqual(['batch', 'sentAt']);
  });

  it('rejects forbidden keys in the batch context', () => {
    const body: unknown = JSON.parse('{"batch":[],"context":{"__proto__":{"admin":true}}}');
    expect(parseWithIssues(BatchRequestSchema, body)).toEqual({
      ok: false,
      issues: [{ path: 'context.__proto__', message: expect.stringContaining('is not allowed') }],
    });
  });
});

describe('responses', () => {
  it('parses a partial success and an error body', () => {
    const partial = {
      ok: true,
      accepted: 2,
      rejected: [
        {
          index: 1,
          messageId: 'm',
          errors: [{ path: 'batch[1].event', message: 'expected string, got number' }],
        },
      ],
    };
    expect(GatewayResponseSchema.parse(partial)).toEqual(partial);
    const error = { ok: false, error: { code: 'invalid_body', message: 'body is not JSON' } };
    expect(GatewayResponseSchema.parse(error)).toEqual(error);
    expect(
      GatewayResponseSchema.safeParse({ ok: false, error: { code: 'teapot', message: '' } }).success,
    ).toBe(false);
  });
});

describe('codes', () => {
  it('gives every error code a status of the contract', () => {
    const statuses = new Set<number>(Object.values(HTTP_STATUS));
    for (const code of Object.values(ERROR_CODES)) expect(statuses.has(ERROR_STATUS[code])).toBe(true);
    expect(ERROR_STATUS.rate_limited).toBe(429);
    expect(ERROR_STATUS.unavailable).toBe(503);
  });

  it('has a route for each single-event type', () => {
    for (const type of SINGLE_EVENT_TYPES) expect(SINGLE_EVENT_PATHS[type]).toBe(`/v1/${type}`);
  });
});
