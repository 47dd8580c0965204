/** Pieces several pages show: a stay's card, its rating badge, the search form. */
import { scene } from '../artwork';
import type { Property } from '../catalogue';
import { formatPrice } from '../format';
import { type Html, html } from '../html';
import type { Trip } from '../trip';

export const ratingBadge = (p: Property): Html =>
  html`<span class="rating"><b>${p.rating.toFixed(1)}</b> ${p.rating >= 9 ? 'Exceptional' : p.rating >= 8.5 ? 'Excellent' : p.rating >= 8 ? 'Very good' : 'Good'} · ${p.reviews.toLocaleString('en-GB')} reviews</span>`;

export const stayCard = (p: Property, nights?: number): Html =>
  html`<a class="product-card" href="/property/${encodeURIComponent(p.id)}" data-product-id="${p.id}">
    <div class="card-media">${scene(p.hue, p.name.length, `${p.name}, ${p.city}`)}
      ${p.freeCancellation ? html`<span class="tag">Free cancellation</span>` : ''}</div>
    <div class="card-body">
      <div class="card-kicker">${p.category} · ${p.neighbourhood}, ${p.city}</div>
      <h3>${p.name}</h3>
      ${ratingBadge(p)}
      <div class="card-price"><b>${formatPrice(p.price)}</b> <span class="muted">/ night${nights && nights > 1 ? html` · ${formatPrice(p.price * nights)} total` : ''}</span></div>
    </div>
  </a>`;

export const searchForm = (trip: Trip, compact = false): Html =>
  html`<form id="search-form" class="search-form ${compact ? 'compact' : ''}" role="search" action="/search">
    <label class="field grow"><span>Where to?</span>
      <input id="search" name="q" type="search" placeholder="Lisbon, Amsterdam, a villa…" value="${trip.query}" autocomplete="off" /></label>
    <label class="field"><span>Check-in</span><input id="checkin" name="checkin" type="date" value="${trip.checkin}" required /></label>
    <label class="field"><span>Check-out</span><input id="checkout" name="checkout" type="date" value="${trip.checkout}" required /></label>
    <label class="field narrow"><span>Guests</span>
      <select id="guests" name="guests">${[1, 2, 3, 4, 5, 6].map((n) => html`<option value="${n}" ${n === trip.guests ? 'selected' : ''}>${n}</option>`)}</select></label>
    <button id="search-submit" class="btn btn-primary btn-lg" type="submit">Search</button>
  </form>`;

/** Sends the search form to `/search?…` through the router (no reload). */
export function bindSearchForm(view: HTMLElement, navigate: (url: string) => void): void {
  const form = view.querySelector<HTMLFormElement>('#search-form');
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) params.set(key, String(value));
    navigate(`/search?${params}`);
  });
}
