/**
 * The booking funnel as track events. The names are the ones the virtual users' web journeys send
 * (simulators' web-visitor), so the processor's search → view → book funnel counts real visitors
 * and simulated ones alike; the stay's fields come on top.
 */
import type { Property } from './catalogue';
import { round2 } from './format';
import { type InletApi, inlet } from './inlet-api';
import { type Trip, tripNights } from './trip';

export const FUNNEL = {
  searched: 'Products Searched',
  viewed: 'Product Viewed',
  added: 'Product Added',
  checkoutStarted: 'Checkout Started',
  completed: 'Order Completed',
} as const;

export const ACCOUNT = { signedIn: 'Signed In', signedOut: 'Signed Out' } as const;

/** A stay as the `product` of the funnel events. */
export function stayProperties(p: Property, trip: Trip) {
  const nights = tripNights(trip);
  return {
    product_id: p.id,
    property_id: p.id,
    name: p.name,
    category: p.category,
    city: p.city,
    country: p.country,
    price: p.price,
    currency: 'EUR',
    nights,
    guests: trip.guests,
    checkin: trip.checkin,
    checkout: trip.checkout,
    value: round2(p.price * nights),
  };
}

export function trackSearch(trip: Trip, results: number, sdk: InletApi = inlet()): void {
  sdk.track(FUNNEL.searched, {
    query: trip.query,
    destination: trip.query,
    checkin: trip.checkin,
    checkout: trip.checkout,
    nights: tripNights(trip),
    guests: trip.guests,
    results,
  });
}

export function trackViewed(p: Property, trip: Trip, sdk: InletApi = inlet()): void {
  sdk.track(FUNNEL.viewed, stayProperties(p, trip));
}

export function trackAdded(p: Property, trip: Trip, sdk: InletApi = inlet()): void {
  sdk.track(FUNNEL.added, { ...stayProperties(p, trip), quantity: 1 });
}

export function trackCheckoutStarted(p: Property, trip: Trip, sdk: InletApi = inlet()): void {
  const stay = stayProperties(p, trip);
  sdk.track(FUNNEL.checkoutStarted, { ...stay, value: stay.value, items: 1 });
}

export function trackOrderCompleted(
  p: Property,
  trip: Trip,
  order: { orderId: string; paymentMethod: string },
  sdk: InletApi = inlet(),
): void {
  const stay = stayProperties(p, trip);
  sdk.track(FUNNEL.completed, {
    ...stay,
    order_id: order.orderId,
    revenue: stay.value,
    items: 1,
    payment_method: order.paymentMethod,
  });
}
