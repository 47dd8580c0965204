/**
 * Checkout: the traveller's details and a (pretend) card, the booking summary, "Pay now". Opening
 * it tracks `Checkout Started`; paying identifies a guest by email, tracks `Order Completed` and
 * shows the confirmation.
 */
import { addBooking, currentUser, signIn } from '../account-store';
import { scene } from '../artwork';
import { findProperty } from '../catalogue';
import { formatDay, formatTotal, plural, round2 } from '../format';
import { html, mount } from '../html';
import { inlet } from '../inlet-api';
import type { Route } from '../router';
import { trackCheckoutStarted, trackOrderCompleted } from '../tracking';
import { loadTrip, saveTrip, tripNights } from '../trip';

const orderId = () => `CL-${Date.now().toString(36).toUpperCase()}-${Math.floor(Math.random() * 1e4)}`;

export const checkoutRoute: Route = {
  path: '/checkout',
  title: () => 'Checkout · Coastline',
  render(view, ctx) {
    const trip = loadTrip();
    const p = trip.propertyId ? findProperty(trip.propertyId) : undefined;
    if (!p) {
      mount(
        view,
        html`<section class="wrap empty page-empty"><h1>Nothing to check out yet</h1><p>Pick a stay first. <a href="/search?q=">Browse stays</a>.</p></section>`,
      );
      return;
    }
    const user = currentUser();
    const nights = tripNights(trip);
    const total = round2(p.price * nights * 1.08);
    trackCheckoutStarted(p, trip);
    mount(
      view,
      html`<section class="wrap checkout">
        <h1>Confirm and pay</h1>
        <div class="checkout-grid">
          <form id="checkout-form" class="panel" novalidate>
            <h2>Your details</h2>
            <div class="row2">
              <label class="field"><span>Full name</span><input id="name" name="name" autocomplete="name" required value="${user?.name ?? ''}" /></label>
              <label class="field"><span>Email</span><input id="email" name="email" type="email" autocomplete="email" required value="${user?.email ?? ''}" /></label>
            </div>
            <h2>Payment</h2>
            <label class="field"><span>Card number</span><input id="card" name="card" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required /></label>
            <div class="row2">
              <label class="field"><span>Expiry</span><input id="expiry" name="expiry" placeholder="MM/YY" autocomplete="cc-exp" required /></label>
              <label class="field"><span>CVC</span><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="123" required /></label>
            </div>
            <p id="checkout-error" class="warn" role="alert" hidden></p>
            <button id="pay" class="btn btn-primary btn-lg btn-block" type="submit">Pay now · ${formatTotal(total)}</button>
            <p class="muted small">Demo shop: no card is charged and card fields are never sent anywhere.</p>
          </form>
          <aside class="panel summary">
            <div class="summary-media">${scene(p.hue, 0, p.name)}</div>
            <h3>${p.name}</h3><p class="muted">${p.category} · ${p.city}</p>
            <dl class="breakdown">
              <dt>Dates</dt><dd>${formatDay(trip.checkin)} – ${formatDay(trip.checkout)}</dd>
              <dt>Guests</dt><dd>${trip.guests}</dd>
              <dt>${plural(nights, 'night')}</dt><dd>${formatTotal(p.price * nights)}</dd>
              <dt class="total">Total (EUR)</dt><dd class="total">${formatTotal(total)}</dd>
            </dl>
          </aside>
        </div>
      </section>`,
    );
    const form = view.querySelector('#checkout-form') as HTMLFormElement;
    const error = view.querySelector('#checkout-error') as HTMLElement;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const name = String(data.get('name') ?? '').trim();
      const email = String(data.get('email') ?? '').trim();
      const missing = ['name', 'email', 'card', 'expiry', 'cvc'].filter(
        (k) => !String(data.get(k) ?? '').trim(),
      );
      if (missing.length > 0 || !email.includes('@')) {
        error.textContent = missing.length
          ? `Please fill in: ${missing.join(', ')}.`
          : 'Please enter a valid email address.';
        error.hidden = false;
        return;
      }
      // A guest who gives an email is known from now on, as a signed-in traveller is.
      if (!user) {
        const account = signIn(email, name);
        inlet().identify(account.userId, { email: account.email, name: account.name, guest: true });
      }
      const id = orderId();
      trackOrderCompleted(p, trip, { orderId: id, paymentMethod: 'card' });
      addBooking({
        orderId: id,
        propertyId: p.id,
        name: p.name,
        city: p.city,
        checkin: trip.checkin,
        checkout: trip.checkout,
        guests: trip.guests,
        total,
      });
      const { propertyId: _booked, ...rest } = trip;
      saveTrip(rest);
      document.dispatchEvent(new CustomEvent('coastline:account'));
      ctx.navigate(`/checkout/done?order=${encodeURIComponent(id)}`);
    });
  },
};
