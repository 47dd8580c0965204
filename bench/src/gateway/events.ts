/** The benchmark's request body: a batch of ~330-byte track events, each with a unique messageId per request. */

/** autocannon replaces every `[<id>]` in a body with a fresh id (`idReplacement: true`), 32 characters in all. */
const ID_TAG = '[<id>]';

const event = (n: number) => ({
  type: 'track',
  event: 'Product Viewed',
  userId: `user-${(n * 7919) % 10_000}`,
  messageId: ID_TAG,
  timestamp: '2024-05-01T12:00:00.000Z',
  properties: { productId: `sku-${10_000 + n}`, price: 19.99, currency: 'EUR', category: 'shoes' },
  context: { page: { path: `/products/sku-${10_000 + n}`, url: `https://shop.example/p/${10_000 + n}` } },
});

/** The body template; `sentBytes` is its size once autocannon has put the ids in. */
export function batchBody(events: number): { template: string; sentBytes: number; eventBytes: number } {
  const template = JSON.stringify({ batch: Array.from({ length: events }, (_, n) => event(n)) });
  const grow = 32 - ID_TAG.length;
  const sentBytes = Buffer.byteLength(template) + events * grow;
  const eventBytes = Math.round(Buffer.byteLength(JSON.stringify(event(0))) + grow);
  return { template, sentBytes, eventBytes };
}
