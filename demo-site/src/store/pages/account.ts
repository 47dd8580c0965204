/**
 * The account page: sign in (identifies the traveller to the SDK, then `Signed In`), or, signed in,
 * the trips booked and "Sign out" (`Signed Out`, then `reset()`: the next visitor on this device
 * is someone new).
 */
import { bookings, currentUser, signIn, signOut } from '../account-store';
import { formatDay, formatTotal } from '../format';
import { html, mount } from '../html';
import { inlet } from '../inlet-api';
import type { Route } from '../router';
import { ACCOUNT } from '../tracking';

const accountChanged = () => document.dispatchEvent(new CustomEvent('coastline:account'));

export const accountRoute: Route = {
  path: '/account',
  title: () => 'Your account · Coastline',
  render(view, ctx) {
    const user = currentUser();
    if (!user) {
      mount(
        view,
        html`<section class="wrap narrow-page"><form id="signin-form" class="panel">
          <h1>Sign in</h1><p class="muted">See your trips and book faster next time.</p>
          <label class="field"><span>Email</span><input id="signin-email" name="email" type="email" autocomplete="email" required placeholder="you@example.com" /></label>
          <label class="field"><span>Name</span><input id="signin-name" name="name" autocomplete="name" required placeholder="Ada Lovelace" /></label>
          <p id="signin-error" class="warn" role="alert" hidden></p>
          <button id="signin" class="btn btn-primary btn-lg btn-block" type="submit">Sign in</button>
        </form></section>`,
      );
      const form = view.querySelector('#signin-form') as HTMLFormElement;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const data = new FormData(form);
        const email = String(data.get('email') ?? '').trim();
        const name = String(data.get('name') ?? '').trim();
        const error = view.querySelector('#signin-error') as HTMLElement;
        if (!email.includes('@') || !name) {
          error.textContent = 'Enter your email address and your name.';
          error.hidden = false;
          return;
        }
        const account = signIn(email, name);
        inlet().identify(account.userId, {
          email: account.email,
          name: account.name,
          created_at: account.since,
        });
        inlet().track(ACCOUNT.signedIn, { method: 'email' });
        accountChanged();
        ctx.navigate('/account', { replace: true });
      });
      return;
    }
    const trips = bookings();
    mount(
      view,
      html`<section class="wrap account">
        <div class="account-head panel">
          <span class="avatar avatar-lg" aria-hidden="true">${user.name.slice(0, 1).toUpperCase()}</span>
          <div><h1>Hello, ${user.name.split(' ')[0]}</h1><p class="muted">${user.email} · member since ${formatDay(user.since.slice(0, 10))}</p></div>
          <button id="signout" class="btn btn-ghost" type="button">Sign out</button>
        </div>
        <h2>Your trips</h2>
        ${
          trips.length
            ? html`<ul class="trips">${trips.map(
                (t) =>
                  html`<li class="panel trip"><div><b>${t.name}</b><span class="muted">${t.city} · ${formatDay(t.checkin)} – ${formatDay(t.checkout)} · ${t.guests} guests</span></div><div class="trip-side"><span class="mono">${t.orderId}</span><b>${formatTotal(t.total)}</b></div></li>`,
              )}</ul>`
            : html`<div class="empty panel"><p>No trips yet. <a href="/search?q=">Find a stay</a>.</p></div>`
        }
      </section>`,
    );
    view.querySelector('#signout')?.addEventListener('click', () => {
      inlet().track(ACCOUNT.signedOut);
      inlet().reset();
      signOut();
      accountChanged();
      ctx.navigate('/', { replace: false });
    });
  },
};
