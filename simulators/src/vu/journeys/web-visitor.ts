import type { Emit, Journey } from '../journey';
import { exponential, lognormal } from '../think';
import type { VuApi } from '../vu-api';

const e = (type: Emit['type'], run: (u: VuApi) => void): Emit => ({ type, run });

const productPath = (u: VuApi) => `/p/${u.vars.product?.id ?? 'unknown'}`;
const productProps = (u: VuApi) => {
  const p = u.vars.product;
  return p ? { product_id: p.id, name: p.name, category: p.category, price: p.price, currency: 'EUR' } : {};
};

/**
 * A shop visitor: landing → search → results → product → cart → checkout → payment, abandoning
 * at every step (most visitors leave before buying: about one journey in twenty ends in an order), going back to
 * the results, and clicking as they go. Page views and tracks go to the app events topic, clicks
 * to the clickstream.
 */
export const webVisitor: Journey = {
  name: 'web',
  start: { landing: 70, results: 20, detail: 10 },
  between: exponential(20_000),
  states: {
    landing: {
      emit: [
        e('page', (u) => u.page('Home', '/')),
        e('click', (u) =>
          u.click({
            tag: 'button',
            id: 'cookie-accept',
            text: 'Accept all',
            selector: '#cookie-banner #cookie-accept',
          }),
        ),
        e('click', (u) =>
          u.click({ tag: 'a', classes: ['nav-link'], text: 'Deals', selector: 'nav a.nav-link' }),
        ),
      ],
      think: lognormal(6_000, 0.6),
      next: { search: 55, results: 15, exit: 30 },
    },
    search: {
      emit: [
        e('click', (u) => u.click({ tag: 'input', id: 'search', selector: '#search' })),
        e('track', (u) => {
          u.vars.query = u.rng.pick(u.catalog.searches);
          u.track('Products Searched', { query: u.vars.query });
        }),
      ],
      think: lognormal(4_000, 0.5),
      next: { results: 85, exit: 15 },
    },
    results: {
      emit: [
        e('page', (u) =>
          u.page('Search Results', `/search?q=${encodeURIComponent(u.vars.query ?? 'deals')}`),
        ),
        e('click', (u) =>
          u.click({ tag: 'button', classes: ['filter'], text: 'Price', selector: '.filters button.filter' }),
        ),
        e('click', (u) => u.click({ tag: 'div', classes: ['carousel'], selector: '.results .carousel' })),
      ],
      think: lognormal(8_000, 0.7),
      next: { detail: 60, search: 15, exit: 25 },
    },
    detail: {
      emit: [
        e('click', (u) => {
          u.vars.product = u.rng.pick(u.catalog.products);
          u.click({ tag: 'a', classes: ['product-card'], text: u.vars.product.name, href: productPath(u) });
        }),
        e('page', (u) => u.page('Product', productPath(u), productProps(u))),
        e('track', (u) => u.track('Product Viewed', productProps(u))),
        e('click', (u) => u.click({ tag: 'img', classes: ['gallery'], selector: '.gallery img' })),
      ],
      think: lognormal(12_000, 0.7),
      next: { cart: 22, results: 38, detail: 12, exit: 28 },
    },
    cart: {
      emit: [
        e('click', (u) =>
          u.click({ tag: 'button', id: 'add-to-cart', text: 'Add to cart', selector: '#add-to-cart' }),
        ),
        e('track', (u) => {
          u.vars.cartItems++;
          u.vars.cartValue += u.vars.product?.price ?? 0;
          u.track('Product Added', { ...productProps(u), quantity: 1 });
        }),
        e('page', (u) => u.page('Cart', '/cart', { items: u.vars.cartItems })),
      ],
      think: lognormal(7_000, 0.5),
      next: { checkout: 45, results: 25, exit: 30 },
    },
    checkout: {
      emit: [
        e('click', (u) => u.click({ tag: 'a', id: 'checkout', text: 'Checkout', href: '/checkout' })),
        e('page', (u) => u.page('Checkout', '/checkout')),
        e('identify', (u) => u.identify()),
        e('track', (u) =>
          u.track('Checkout Started', {
            value: round(u.vars.cartValue),
            currency: 'EUR',
            items: u.vars.cartItems,
          }),
        ),
      ],
      think: lognormal(25_000, 0.6),
      next: { pay: 60, exit: 40 },
    },
    pay: {
      emit: [
        e('click', (u) => u.click({ tag: 'button', id: 'pay', text: 'Pay now', selector: 'form #pay' })),
        e('track', (u) =>
          u.track('Order Completed', {
            order_id: `o-${u.rng.uuid().slice(0, 13)}`,
            revenue: round(u.vars.cartValue),
            currency: 'EUR',
            items: u.vars.cartItems,
          }),
        ),
        e('page', (u) => u.page('Order Confirmation', '/checkout/done')),
      ],
      think: lognormal(10_000, 0.5),
      next: { exit: 1 },
    },
  },
};

const round = (n: number) => Math.round(n * 100) / 100;
