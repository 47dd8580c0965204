/** A stay's page: gallery, description, amenities and the price box; "Reserve" starts the checkout. */
import { scene } from '../artwork';
import { findProperty } from '../catalogue';
import { formatDay, formatPrice, formatTotal, plural } from '../format';
import { html, mount } from '../html';
import type { Route } from '../router';
import { trackAdded, trackViewed } from '../tracking';
import { loadTrip, saveTrip, tripNights } from '../trip';
import { ratingBadge } from './cards';
import { notFoundRoute } from './not-found';

export const propertyRoute: Route = {
  path: '/property/:id',
  title: (ctx) => {
    const p = findProperty(ctx.params.id ?? '');
    return p ? `${p.name}, ${p.city} · Coastline` : 'Stay not found · Coastline';
  },
  render(view, ctx) {
    const p = findProperty(ctx.params.id ?? '');
    if (!p) {
      notFoundRoute.render(view, ctx);
      return;
    }
    const trip = loadTrip();
    const nights = tripNights(trip);
    const stay = p.price * nights;
    const fees = Math.round(stay * 0.08 * 100) / 100;
    trackViewed(p, trip);
    mount(
      view,
      html`<section class="wrap detail">
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/">Home</a> › <a href="/search?q=${encodeURIComponent(p.city)}">${p.city}</a> › <span>${p.name}</span></nav>
        <div class="detail-head">
          <div><div class="card-kicker">${p.category} · ${p.neighbourhood}, ${p.city}, ${p.country}</div><h1>${p.name}</h1>${ratingBadge(p)}</div>
        </div>
        <div class="gallery">
          <div class="gallery-main">${scene(p.hue, 0, p.name)}</div>
          <div class="gallery-side">${scene(p.hue + 20, 1, `${p.name}, view`)}${scene(p.hue - 20, 2, `${p.name}, room`)}</div>
        </div>
        <div class="detail-grid">
          <article>
            <h2>About this ${p.category.toLowerCase()}</h2>
            <p>${p.description}</p>
            <h3>What this place offers</h3>
            <ul class="amenities">${p.amenities.map((a) => html`<li>${a}</li>`)}</ul>
            <h3>Good to know</h3>
            <p class="muted">Sleeps up to ${p.maxGuests}. Check-in from 15:00, check-out by 11:00. ${p.freeCancellation ? 'Free cancellation up to 48 hours before arrival.' : 'Non-refundable rate.'}</p>
          </article>
          <aside class="price-box">
            <div class="price-line"><b>${formatPrice(p.price)}</b> <span class="muted">/ night</span></div>
            <div class="dates"><div><span>Check-in</span><b>${formatDay(trip.checkin)}</b></div><div><span>Check-out</span><b>${formatDay(trip.checkout)}</b></div><div><span>Guests</span><b>${trip.guests}</b></div></div>
            <dl class="breakdown">
              <dt>${formatPrice(p.price)} × ${plural(nights, 'night')}</dt><dd>${formatTotal(stay)}</dd>
              <dt>Taxes and fees</dt><dd>${formatTotal(fees)}</dd>
              <dt class="total">Total</dt><dd class="total">${formatTotal(stay + fees)}</dd>
            </dl>
            ${trip.guests > p.maxGuests ? html`<p class="warn">This stay sleeps ${p.maxGuests}; you searched for ${trip.guests} guests.</p>` : ''}
            <button id="add-to-cart" class="btn btn-primary btn-lg btn-block" type="button">Reserve</button>
            <p class="muted small">You won't be charged yet.</p>
          </aside>
        </div>
      </section>`,
    );
    view.querySelector('#add-to-cart')?.addEventListener('click', () => {
      trackAdded(p, trip);
      saveTrip({ ...trip, propertyId: p.id });
      ctx.navigate('/checkout');
    });
  },
};
