import { describe, expect, it } from 'vitest';
import { batchJson, eventJson, keepJson } from './event-json';
import { createCore, memoryStore } from './index';
import { fakeTransport } from './testing';

describe('event JSON', () => {
  it('serializes a batch body exactly as JSON.stringify would', () => {
    const batch = [
      { type: 'track' as const, event: 'a', properties: { n: 1 } },
      { type: 'page' as const, name: 'é' },
    ];
    const sentAt = '2025-01-01T00:00:00.000Z';
    expect(batchJson({ batch, sentAt })).toBe(JSON.stringify({ batch, sentAt }));
    expect(batchJson({ batch, sentAt, writeKey: 'wk' })).toBe(
      JSON.stringify({ batch, sentAt, writeKey: 'wk' }),
    );
    expect(batchJson({ batch: [], sentAt })).toBe(JSON.stringify({ batch: [], sentAt }));
  });

  it('reuses the JSON kept for an event, and serializes any other', () => {
    const kept = { type: 'track', event: 'kept' };
    keepJson(kept, '{"kept":true}');
    expect(eventJson(kept)).toBe('{"kept":true}');
    expect(eventJson({ type: 'track', event: 'other' })).toBe('{"type":"track","event":"other"}');
  });

  it('keeps the JSON the core made of each queued event: sent as it was when tracked', async () => {
    const transport = fakeTransport();
    const core = createCore(
      { writeKey: 'wk' },
      { transport, store: memoryStore, library: { name: 'test', version: '0' } },
    );
    const properties = { step: 1 };
    core.track('Viewed', properties);
    properties.step = 2; // the page changes its object after the call
    await core.flush();
    const [event] = transport.calls[0]?.body.batch ?? [];
    expect(event && JSON.parse(eventJson(event))).toMatchObject({ properties: { step: 1 } });
  });

  it('sends an event whose toJSON() gives nothing as null, keeping the body valid', async () => {
    const transport = fakeTransport();
    const core = createCore(
      { writeKey: 'wk' },
      { transport, store: memoryStore, library: { name: 'test', version: '0' } },
    );
    core.use((e) => ({ ...e, toJSON: () => undefined }));
    core.track('Odd');
    await core.flush();
    const body = transport.calls[0]?.body;
    expect(body && JSON.parse(batchJson(body)).batch).toEqual([null]);
  });
});
