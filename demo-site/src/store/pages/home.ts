/** The landing page: the search hero, destinations, featured stays and flight deals. */
import { scene } from '../artwork';
import { DESTINATIONS, FLIGHTS, PROPERTIES, SORTS } from '../catalogue';
import { formatPrice } from '../format';
import { html, mount } from '../html';
import type { Route } from '../router';
import { loadTrip } from '../trip';
import { bindSearchForm, searchForm, stayCard } from './cards';

const duration = (min: number) => `${Math.floor(min / 60)}h ${String(min % 60).padStart(2, '0')}m`;

export const homeRoute: Route = {
  path: '/',
  title: () => 'Coastline · Stays and flights',
  render(view, ctx) {
    const trip = loadTrip();
    const featured = [...PROPERTIES].sort(SORTS.recommended).slice(0, 4);
    mount(
      view,
      html`<section class="hero"><div class="wrap">
        <h1>Find your next stay by the water</h1>
        <p class="lead">${PROPERTIES.length} hand-picked hotels, apartments and villas in ${DESTINATIONS.length} cities. No booking fees.</p>
        ${searchForm(trip)}
      </div></section>
      <section class="wrap section">
        <div class="section-head"><h2>Popular destinations</h2><a href="/search?q=">See all stays →</a></div>
        <div class="dest-grid">${DESTINATIONS.slice(0, 8).map(
          (d, i) => html`<a class="dest-card" href="/search?q=${encodeURIComponent(d.city)}">
            ${scene(d.hue, i, d.city)}<div class="dest-label"><b>${d.city}</b><span>${d.tagline}</span></div></a>`,
        )}</div>
      </section>
      <section class="wrap section">
        <div class="section-head"><h2>Guests love these</h2></div>
        <div class="card-grid">${featured.map((p) => stayCard(p))}</div>
      </section>
      <section id="flights" class="wrap section">
        <div class="section-head"><h2>Flight deals this month</h2><span class="muted">Return fares, per person</span></div>
        <div class="flight-list">${FLIGHTS.slice(0, 6).map(
          (
            f,
          ) => html`<a class="flight" href="/search?q=${encodeURIComponent(f.toCity)}" data-flight-id="${f.id}">
            <span class="route"><b>${f.from}</b> → <b>${f.to}</b></span>
            <span class="muted">${f.toCity} · ${f.carrier} · ${duration(f.duration)} · ${f.stops ? '1 stop' : 'direct'}</span>
            <span class="fare">from <b>${formatPrice(f.price)}</b></span></a>`,
        )}</div>
      </section>
      <section class="wrap section trust">
        <div><b>Free cancellation</b><span>on most stays</span></div>
        <div><b>Verified reviews</b><span>from guests who stayed</span></div>
        <div><b>24/7 support</b><span>in eight languages</span></div>
      </section>`,
    );
    bindSearchForm(view, ctx.navigate);
  },
};
