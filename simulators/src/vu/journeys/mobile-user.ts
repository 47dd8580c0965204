import type { Emit, Journey } from '../journey';
import { exponential, lognormal } from '../think';
import { APP } from '../users';
import type { VuApi } from '../vu-api';

const e = (type: Emit['type'], run: (u: VuApi) => void): Emit => ({ type, run });

const stayProps = (u: VuApi) => {
  const s = u.vars.stay;
  return s ? { stay_id: s.id, city: s.city, name: s.name, nightly: s.nightly, currency: 'EUR' } : {};
};
const network = (u: VuApi) =>
  (u.user.context.network as { wifi?: boolean } | undefined)?.wifi ? 'wifi' : 'cellular';

/**
 * A travel-app user: opened from the icon or a push notification → screens → search → a stay →
 * booking, with app logs along the way (a slow request, an API error) and the occasional crash,
 * which ends the session with a `fatal` log. Screens and tracks go to the app events topic, logs
 * to the app logs topic.
 */
export const mobileUser: Journey = {
  name: 'mobile',
  start: { open: 82, push: 18 },
  between: exponential(30_000),
  states: {
    open: {
      emit: [
        e('track', (u) =>
          u.track('Application Opened', {
            from_background: u.rng.chance(0.4),
            version: APP.version,
            build: APP.build,
          }),
        ),
        e('identify', (u) => u.identify()),
        e('screen', (u) => u.screen('Home')),
        e('log', (u) =>
          u.log('info', 'app started', {
            logger: 'app.lifecycle',
            attributes: { coldStartMs: 300 + u.rng.int(1_500) },
          }),
        ),
      ],
      think: lognormal(5_000, 0.6),
      next: { explore: 35, search: 45, slow: 5, background: 15 },
    },
    push: {
      emit: [
        e('track', (u) =>
          u.track('Push Notification Opened', {
            campaign: u.rng.pick(['weekend-deals', 'price-drop', 'trip-reminder']),
          }),
        ),
        e('screen', (u) => {
          u.vars.stay = u.rng.pick(u.catalog.stays);
          u.screen('Offer', stayProps(u));
        }),
      ],
      think: lognormal(6_000, 0.6),
      next: { listing: 50, search: 25, background: 25 },
    },
    explore: {
      emit: [
        e('screen', (u) => u.screen('Explore', { city: u.rng.pick(u.catalog.cities) })),
        e('track', (u) => u.track('Destination Viewed', { city: u.rng.pick(u.catalog.cities) })),
      ],
      think: lognormal(8_000, 0.7),
      next: { search: 40, explore: 20, error: 4, background: 36 },
    },
    search: {
      emit: [
        e('track', (u) => {
          u.vars.query = u.rng.pick(u.catalog.cities);
          u.track('Search Performed', {
            destination: u.vars.query,
            nights: 1 + u.rng.int(7),
            guests: 1 + u.rng.int(4),
          });
        }),
        e('screen', (u) => u.screen('Search Results', { destination: u.vars.query })),
      ],
      think: lognormal(9_000, 0.6),
      next: { listing: 55, search: 10, slow: 8, error: 3, background: 24 },
    },
    listing: {
      emit: [
        e('screen', (u) => {
          u.vars.stay ??= u.rng.pick(u.catalog.stays);
          u.screen('Listing Detail', stayProps(u));
        }),
        e('track', (u) => u.track('Listing Viewed', stayProps(u))),
      ],
      think: lognormal(14_000, 0.6),
      next: { book: 25, search: 30, crash: 1.5, background: 43.5 },
    },
    book: {
      emit: [
        e('screen', (u) => u.screen('Booking', stayProps(u))),
        e('track', (u) => u.track('Booking Started', stayProps(u))),
      ],
      think: lognormal(30_000, 0.5),
      next: { booked: 65, error: 5, background: 30 },
    },
    booked: {
      emit: [
        e('track', (u) =>
          u.track('Booking Completed', {
            ...stayProps(u),
            booking_id: `b-${u.rng.uuid().slice(0, 13)}`,
            nights: 1 + u.rng.int(7),
          }),
        ),
        e('log', (u) =>
          u.log('info', 'booking confirmed', { logger: 'booking.flow', attributes: { screen: 'Booking' } }),
        ),
      ],
      think: lognormal(8_000, 0.5),
      next: { background: 1 },
    },
    slow: {
      emit: [
        e('log', (u) =>
          u.log('warn', 'request slow', {
            logger: 'net.http',
            attributes: { path: '/v2/search', latencyMs: 2_000 + u.rng.int(6_000), network: network(u) },
          }),
        ),
      ],
      think: lognormal(3_000, 0.5),
      next: { search: 50, listing: 30, background: 20 },
    },
    error: {
      emit: [
        e('log', (u) =>
          u.log('error', 'API request failed', {
            logger: 'net.http',
            error: {
              name: 'HttpError',
              message: `HTTP ${u.rng.pick([500, 502, 503, 504])} from /v2/availability`,
            },
            attributes: { screen: u.vars.screen ?? 'unknown', network: network(u) },
          }),
        ),
        e('screen', (u) => u.screen('Error', { retryable: true })),
      ],
      think: lognormal(4_000, 0.5),
      next: { search: 40, explore: 20, background: 40 },
    },
    crash: {
      emit: [
        e('log', (u) =>
          u.log('fatal', 'app crashed', {
            logger: 'app.crash',
            error: {
              name: u.rng.pick(['NullPointerException', 'EXC_BAD_ACCESS', 'IllegalStateException']),
              message: 'listing image view released while decoding',
              stack:
                'at ListingImageView.onDecoded(ListingImageView.kt:88)\nat ImageLoader.dispatch(ImageLoader.kt:214)',
            },
            attributes: { screen: u.vars.screen ?? 'unknown' },
          }),
        ),
      ],
      think: lognormal(1_000, 0.3),
      next: { exit: 1 },
    },
    background: {
      emit: [e('track', (u) => u.track('Application Backgrounded'))],
      think: lognormal(1_000, 0.3),
      next: { exit: 1 },
    },
  },
};
