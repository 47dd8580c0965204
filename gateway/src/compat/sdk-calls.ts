/**
 * The calls every compatibility test makes through a client SDK — two of each Segment type, each
 * with its own userId so its stored record can be found by key — and the check that each one landed
 * once, on the right topic, with its fields and the gateway's enrichment.
 */
import { expect } from 'vitest';
import { countByMessageId, type StoredEvent } from './compat-gateway';

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
