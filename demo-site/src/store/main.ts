/**
 * The Coastline storefront: a small travel shop instrumented with Inlet the way a customer's
 * site is (snippet + script tag in index.html; this code only calls `window.inlet`).
 */
import './styles.css';
import { applyConsent, savedConsent, showConsentBanner } from './consent';
import { mountDebugDrawer } from './debug-drawer';
import { mountFrame } from './layout';
import { accountRoute } from './pages/account';
import { checkoutRoute } from './pages/checkout';
import { confirmationRoute } from './pages/confirmation';
import { homeRoute } from './pages/home';
import { notFoundRoute } from './pages/not-found';
import { propertyRoute } from './pages/property';
import { resultsRoute } from './pages/results';
import { createRouter } from './router';

const root = document.querySelector<HTMLElement>('#app');
if (root) {
  const frame = mountFrame(root);
  const router = createRouter({
    routes: [homeRoute, resultsRoute, propertyRoute, checkoutRoute, confirmationRoute, accountRoute],
    notFound: notFoundRoute,
    view: frame.view,
    onRender(pathname) {
      frame.refresh(pathname);
      if (!location.hash) scrollTo({ top: 0 });
      else document.querySelector(location.hash)?.scrollIntoView();
    },
  });
  // A choice made on an earlier visit holds before anything else is tracked.
  const consent = savedConsent();
  if (consent) applyConsent(consent);
  router.start();
  showConsentBanner(frame.consent);
  root
    .querySelector('#privacy-settings')
    ?.addEventListener('click', () => showConsentBanner(frame.consent, true));
  document.addEventListener('coastline:account', () => frame.refresh(location.pathname));
  mountDebugDrawer(frame.debug);
  // Offline support: the shop (and with it the SDK's queued events) opens without network.
  navigator.serviceWorker?.register('/sw.js').catch((error: unknown) => {
    console.warn('[coastline] offline support unavailable:', error);
  });
}
