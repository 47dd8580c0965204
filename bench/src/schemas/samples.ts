/**
 * The events the schemas benchmark parses: fixed, realistic batches (the gateway benchmark's ~330-byte
 * track event; an analytics.js-style call with everything it sends) and a seeded mix of all eight
 * types from the property-test arbitraries. Each sample is JSON text, as a request body holds it.
 */
import { anyEventArb } from '@inlet/schemas/testing';
import fc from 'fast-check';

export interface Sample {
  readonly name: string;
  readonly describe: string;
  /** One JSON text per event. */
  readonly events: readonly string[];
}

/** Deterministic ids, so runs compare like with like. */
const uuid = (n: number) => `4f1c2b7e-9a3d-4e5f-8b6a-${(0x100000000000 + n).toString(16).slice(-12)}`;

/** The same event as `bench/src/gateway/events.ts` sends (with a real id in place of the template tag). */
const gatewayTrack = (n: number) => ({
  type: 'track',
  event: 'Product Viewed',
  userId: `user-${(n * 7919) % 10_000}`,
  messageId: uuid(n),
  timestamp: '2024-05-01T12:00:00.000Z',
  properties: { productId: `sku-${10_000 + n}`, price: 19.99, currency: 'EUR', category: 'shoes' },
  context: { page: { path: `/products/sku-${10_000 + n}`, url: `https://shop.example/p/${10_000 + n}` } },
});

/** What analytics.js puts in one track call: null userId, sentAt, library, page, user agent, integrations. */
const analyticsJsTrack = (n: number) => ({
  type: 'track',
  event: 'Order Completed',
  properties: { orderId: `o-${n}`, revenue: 25.5, currency: 'EUR', products: [{ sku: 'a', quantity: 2 }] },
  anonymousId: `507f191e-810c-4972-9de8-${(0x100000000000 + n).toString(16).slice(-12)}`,
  userId: null,
  messageId: `ajs-next-1714564800000-${uuid(n)}`,
  timestamp: '2024-05-01T12:00:00.123Z',
  sentAt: '2024-05-01T12:00:01.000Z',
  context: {
    library: { name: 'analytics.js', version: 'npm:next-1.66.0' },
    page: {
      path: '/checkout/thanks',
      referrer: 'https://shop.example/checkout',
      search: '',
      title: 'Thank you',
      url: 'https://shop.example/checkout/thanks',
    },
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
    locale: 'en-US',
    timezone: 'Europe/Paris',
  },
  integrations: { All: true },
  _metadata: { bundled: ['Segment.io'], unbundled: [] },
});

export function samples(batchSize: number): Sample[] {
  const each = (make: (n: number) => unknown) =>
    Array.from({ length: batchSize }, (_, n) => JSON.stringify(make(n)));
  const mixed = fc.sample(anyEventArb, { numRuns: batchSize, seed: 20_240_501 });
  return [
    { name: 'track', describe: "the gateway benchmark's track event", events: each(gatewayTrack) },
    {
      name: 'analytics.js',
      describe: 'an analytics.js track call, sentAt set',
      events: each(analyticsJsTrack),
    },
    {
      name: 'mixed',
      describe: 'all eight types from `anyEventArb` (fast-check, fixed seed)',
      events: mixed.map((e) => JSON.stringify(e)),
    },
  ];
}
