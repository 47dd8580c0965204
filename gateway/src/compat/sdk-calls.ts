/**
 * The calls every compatibility test makes through a client SDK — two of each Segment type, each
 * with its own userId so its stored record can be found by key — and the check that each one landed
 * once, on the right topic, with its fields and the gateway's enrichment.
 */
import { expect } from 'vitest';
import { type CompatGateway, countByMessageId, type StoredEvent } from './compat-gateway';
import type { ProxyFault, SeenRequest } from './flaky-proxy';

export const SDK_CALL_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;
export type SdkCallType = (typeof SDK_CALL_TYPES)[number];

export interface SdkCall {
  readonly type: SdkCallType;
  /** What the SDK method is given; the same shape for Segment's and RudderStack's Node SDKs. */
  readonly params: Record<string, unknown> & { userId: string };
}

/** 12 calls with userIds `<prefix>-0` … `<prefix>-11`. */
export function sdkCalls(prefix: string): SdkCall[] {
  const calls: SdkCall[] = [];
  for (let round = 0; round < 2; round++) {
    for (const type of SDK_CALL_TYPES) {
      const userId = `${prefix}-${calls.length}`;
      calls.push({ type, params: { userId, ...fieldsOf(type, round) } });
    }
  }
  return calls;
}

function fieldsOf(type: SdkCallType, round: number): Record<string, unknown> {
  switch (type) {
    case 'identify':
      return { traits: { email: `user${round}@example.com`, name: 'Zoë Ünïcode ✓', plan: 'pro' } };
    case 'track':
      return {
        event: round === 0 ? 'Order Completed' : 'Product Viewed',
        properties: { revenue: 25.5, items: [{ sku: 'sku-1', qty: 2 }], nested: { a: { b: true } } },
      };
    case 'page':
      return { name: 'Pricing', category: 'Docs', properties: { path: '/pricing', referrer: '' } };
    case 'screen':
      return { name: 'Checkout', properties: { step: round + 1 } };
    case 'group':
      return { groupId: `org-${round}`, traits: { name: 'Initech', employees: 420 } };
    case 'alias':
      return { previousId: `anon-before-${round}` };
  }
}

/** Every call stored exactly once, under its userId, with its fields, headers and enrichment. */
export function expectLanded(
  calls: readonly SdkCall[],
  stored: readonly StoredEvent[],
  library: string,
  source = 'integration',
): void {
  expect(stored).toHaveLength(calls.length);
  expect([...countByMessageId(stored).values()].every((n) => n === 1)).toBe(true);
  for (const call of calls) {
    const found = stored.filter((s) => s.record.key === call.params.userId);
    expect(found, `${call.type} of ${call.params.userId}`).toHaveLength(1);
    const [{ record, event }] = found as [StoredEvent];
    expect(event).toMatchObject({
      type: call.type,
      ...call.params,
      source,
      context: { library: { name: library } },
    });
    expect(record.headers).toMatchObject({
      'event-type': call.type,
      'message-id': event.messageId,
      source,
    });
    expect(Date.parse(String(event.receivedAt))).not.toBeNaN();
    expect(Date.parse(String(event.timestamp))).not.toBeNaN();
  }
}

type Send = (params: unknown, callback: (error?: unknown) => void) => unknown;

/**
 * Makes every call through an SDK whose methods take `(params, callback)`, flushes with `flush`, and
 * waits for every callback; what the SDK reports as an error goes to `errors`.
 */
export async function sendAll(
  client: object,
  calls: readonly SdkCall[],
  errors: unknown[],
  flush: () => Promise<unknown>,
): Promise<void> {
  const settled = calls.map(
    (call) =>
      new Promise<void>((resolve) => {
        ((client as Record<SdkCallType, Send>)[call.type] as Send).call(client, call.params, (error) => {
          if (error) errors.push(error);
          resolve();
        });
      }),
  );
  await flush();
  await Promise.all(settled);
}

/**
 * The first requests got `faults`, in order; the gateway answered 200 to every one the proxy let
 * through (at least one); every request was a POST to /v1/batch with Basic auth and `headers`.
 */
export function expectThroughFlakyProxy(
  seen: readonly SeenRequest[],
  faults: readonly ProxyFault[],
  headers: Record<string, string | undefined>,
): void {
  expect(seen.slice(0, faults.length).map((r) => r.fault)).toEqual(faults);
  const answered = seen.filter((r) => r.fault === undefined);
  expect(answered.length).toBeGreaterThan(0);
  expect(answered.every((r) => r.status === 200)).toBe(true);
  for (const r of seen) {
    expect(r).toMatchObject({ method: 'POST', url: '/v1/batch' });
    for (const [name, value] of Object.entries(headers)) expect(r.headers[name]).toBe(value);
    expect(r.headers.authorization).toMatch(/^Basic /);
  }
}

/** The calls (userIds under `prefix`) landed once each on the gateway's topic, nothing dead-lettered. */
export async function expectGatewayStored(
  gateway: CompatGateway,
  prefix: string,
  calls: readonly SdkCall[],
  library: string,
): Promise<void> {
  const stored = (await gateway.appEvents()).filter((s) => s.record.key?.startsWith(prefix));
  expectLanded(calls, stored, library);
  expect(await gateway.deadLetters()).toEqual([]);
}
