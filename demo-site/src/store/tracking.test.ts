import { describe, expect, it } from 'vitest';
import { findProperty } from './catalogue';
import { absentInlet, type InletApi, type Properties } from './inlet-api';
import {
  FUNNEL,
  trackAdded,
  trackCheckoutStarted,
  trackOrderCompleted,
  trackSearch,
  trackViewed,
} from './tracking';
import type { Trip } from './trip';

function recorder(): { sdk: InletApi; calls: [string, Properties | undefined][] } {
  const calls: [string, Properties | undefined][] = [];
  const sdk: InletApi = {
    ...absentInlet,
    track: (event, properties) => {
      calls.push([event, properties]);
      return 'id';
    },
  };
  return { sdk, calls };
}

const trip: Trip = { query: 'Lisbon', checkin: '2027-01-10', checkout: '2027-01-13', guests: 2 };
const stay = findProperty('lis-101');

describe('the booking funnel as track events', () => {
  it('uses the names the virtual users send, in funnel order', () => {
    expect(Object.values(FUNNEL)).toEqual([
      'Products Searched',
      'Product Viewed',
      'Product Added',
      'Checkout Started',
      'Order Completed',
    ]);
  });

  it('gives each step the stay, dates, nights, guests and money fields', () => {
    if (!stay) throw new Error('lis-101 is in the catalogue');
    const { sdk, calls } = recorder();
    trackSearch(trip, 6, sdk);
    trackViewed(stay, trip, sdk);
    trackAdded(stay, trip, sdk);
    trackCheckoutStarted(stay, trip, sdk);
    trackOrderCompleted(stay, trip, { orderId: 'CL-1', paymentMethod: 'card' }, sdk);
    expect(calls.map(([name]) => name)).toEqual(Object.values(FUNNEL));
    expect(calls[0]?.[1]).toEqual({
      query: 'Lisbon',
      destination: 'Lisbon',
      checkin: '2027-01-10',
      checkout: '2027-01-13',
      nights: 3,
      guests: 2,
      results: 6,
    });
    const product = {
      product_id: 'lis-101',
      property_id: 'lis-101',
      name: stay.name,
      category: stay.category,
      city: 'Lisbon',
      price: stay.price,
      currency: 'EUR',
      nights: 3,
      guests: 2,
      value: stay.price * 3,
    };
    expect(calls[1]?.[1]).toMatchObject(product);
    expect(calls[2]?.[1]).toMatchObject({ ...product, quantity: 1 });
    expect(calls[3]?.[1]).toMatchObject({ ...product, items: 1 });
    expect(calls[4]?.[1]).toMatchObject({
      ...product,
      order_id: 'CL-1',
      revenue: stay.price * 3,
      items: 1,
      payment_method: 'card',
    });
  });
});
