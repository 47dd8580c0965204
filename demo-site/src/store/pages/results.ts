/** Search results: the query's stays with sorting, and the search recorded as `Products Searched`. */
import { SORTS, type SortKey, searchProperties } from '../catalogue';
import { plural } from '../format';
import { html, mount } from '../html';
import type { Route } from '../router';
import { trackSearch } from '../tracking';
import { loadTrip, saveTrip, tripFromSearch, tripNights } from '../trip';
import { bindSearchForm, searchForm, stayCard } from './cards';

const SORT_LABELS: Record<SortKey, string> = { recommended: 'Recommended', price: 'Price', rating: 'Rating' };

export const resultsRoute: Route = {
  path: '/search',
  title: (ctx) => {
    const q = ctx.query.get('q')?.trim();
    return q ? `Stays in ${q} · Coastline` : 'All stays · Coastline';
  },
  render(view, ctx) {
    const trip = tripFromSearch(ctx.query, loadTrip());
    saveTrip(trip);
    const found = searchProperties(trip.query);
    const nights = tripNights(trip);
    trackSearch(trip, found.length);
    let sort: SortKey = 'recommended';
    const heading = trip.query ? `Stays in “${trip.query}”` : 'All stays';
    mount(
      view,
      html`<section class="subhero"><div class="wrap">${searchForm(trip, true)}</div></section>
      <section class="wrap results">
        <div class="results-head">
          <div><h1>${heading}</h1><p class="muted">${plural(found.length, 'stay')} · ${plural(nights, 'night')} · ${plural(trip.guests, 'guest')}</p></div>
          <div class="filters" role="group" aria-label="Sort by">${(Object.keys(SORTS) as SortKey[]).map(
            (key) =>
              html`<button class="filter" type="button" data-sort="${key}" aria-pressed="${key === sort}">${SORT_LABELS[key]}</button>`,
          )}</div>
        </div>
        <div id="result-list" class="card-grid"></div>
      </section>`,
    );
    const list = view.querySelector('#result-list') as HTMLElement;
    const draw = () => {
      view.querySelectorAll<HTMLButtonElement>('.filter').forEach((b) => {
        b.setAttribute('aria-pressed', String(b.dataset.sort === sort));
      });
      mount(
        list,
        found.length
          ? html`${[...found].sort(SORTS[sort]).map((p) => stayCard(p, nights))}`
          : html`<div class="empty"><h2>No stays match “${trip.query}”</h2><p>Try a city such as Lisbon or Vienna, or <a href="/search?q=">see every stay</a>.</p></div>`,
      );
    };
    view.querySelector('.filters')?.addEventListener('click', (event) => {
      const button =
        event.target instanceof Element ? event.target.closest<HTMLElement>('[data-sort]') : null;
      if (!button?.dataset.sort || !(button.dataset.sort in SORTS)) return;
      sort = button.dataset.sort as SortKey;
      draw();
    });
    draw();
    bindSearchForm(view, ctx.navigate);
  },
};
