/** After paying: the booking reference and what happens next. */
import { bookings } from '../account-store';
import { formatDay, formatTotal } from '../format';
import { html, mount } from '../html';
import type { Route } from '../router';

export const confirmationRoute: Route = {
  path: '/checkout/done',
  title: () => 'Booking confirmed · Coastline',
  render(view, ctx) {
    const booking = bookings().find((b) => b.orderId === ctx.query.get('order'));
    mount(
      view,
      booking
        ? html`<section class="wrap confirm panel">
          <div class="check" aria-hidden="true">✓</div>
          <h1>You're going to ${booking.city}!</h1>
          <p class="lead">Booking <b id="order-id">${booking.orderId}</b> is confirmed. We've emailed the details.</p>
          <dl class="breakdown">
            <dt>Stay</dt><dd>${booking.name}</dd>
            <dt>Dates</dt><dd>${formatDay(booking.checkin)} – ${formatDay(booking.checkout)}</dd>
            <dt>Guests</dt><dd>${booking.guests}</dd>
            <dt class="total">Paid</dt><dd class="total">${formatTotal(booking.total)}</dd>
          </dl>
          <p><a class="btn btn-primary" href="/account">See your trips</a> <a class="btn btn-ghost" href="/">Keep exploring</a></p>
        </section>`
        : html`<section class="wrap empty page-empty"><h1>Booking not found</h1><p><a href="/account">Your trips</a></p></section>`,
    );
  },
};
