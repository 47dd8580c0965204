/** The benchmark's request body: a batch of ~330-byte track events, each with its own messageId. */

/**
 * autocannon replaces every `[<id>]` in a body with ONE fresh id per request (`idReplacement: true`, 33
 * characters), so each event appends its index: 20 distinct messageIds per request. (With the bare tag,
 * 19 of 20 events were in-request duplicates that the gateway's dedup dropped before storing.)
 */
const ID_TAG = '[<id>]';
const ID_LENGTH = 33;

const event = (n: number) => ({
  type: 'track',
  event: 'Product Viewed',
  userId: `user-${(n * 7919) % 10_000}`,
  messageId: `${ID_TAG}-${n}`,
  timestamp: '2024-05-01T12:00:00.000Z',
  properties: { productId: `sku-${10_000 + n}`, price: 19.99, currency: 'EUR', category: 'shoes' },
  context: { page: { path: `/products/sku-${10_000 + n}`, url: `https://shop.example/p/${10_000 + n}` } },
});

/** The body template; `sentBytes` is its size once autocannon has put the ids in. */
export function batchBody(events: number): { template: string; sentBytes: number; eventBytes: number } {
  const template = JSON.stringify({ batch: Array.from({ length: events }, (_, n) => event(n)) });
  const grow = ID_LENGTH - ID_TAG.length;
  const sentBytes = Buffer.byteLength(template) + events * grow;
  const eventBytes = Math.round(Buffer.byteLength(JSON.stringify(event(0))) + grow);
  return { template, sentBytes, eventBytes };
}
