/**
 * The cookie/consent banner: "Accept all" opts the SDK in, "Reject" opts it out (which also
 * empties its queue). The choice is remembered and applied on every load; "Privacy settings" in
 * the footer opens the banner again.
 */
import { html, mount } from './html';
import { type InletApi, inlet } from './inlet-api';

export const CONSENT_KEY = 'coastline.consent';
export const CONSENT = { granted: 'granted', denied: 'denied' } as const;
export type Consent = (typeof CONSENT)[keyof typeof CONSENT];

export function savedConsent(storage: Storage = localStorage): Consent | undefined {
  const value = storage.getItem(CONSENT_KEY);
  return value === CONSENT.granted || value === CONSENT.denied ? value : undefined;
}

/** Records the choice and tells the SDK. */
export function applyConsent(
  choice: Consent,
  sdk: InletApi = inlet(),
  storage: Storage = localStorage,
): void {
  storage.setItem(CONSENT_KEY, choice);
  if (choice === CONSENT.granted) sdk.optIn();
  else void sdk.optOut();
}

/** Shows the banner in `host` (when no choice was made yet, or `force`); resolves nothing, the buttons act. */
export function showConsentBanner(
  host: HTMLElement,
  force = false,
  onChoice?: (choice: Consent) => void,
): void {
  if (!force && savedConsent()) return;
  mount(
    host,
    html`<section id="cookie-banner" class="consent" role="dialog" aria-live="polite" aria-label="Privacy choices">
      <div class="consent-text">
        <strong>Your privacy, your choice</strong>
        <p>We use analytics to see which stays people look for and to fix what breaks. Nothing is
        sold. Accept to help us improve Coastline, or reject and we collect nothing.</p>
      </div>
      <div class="consent-actions">
        <button id="cookie-reject" class="btn btn-ghost" type="button">Reject</button>
        <button id="cookie-accept" class="btn btn-primary" type="button">Accept all</button>
      </div>
    </section>`,
  );
  const choose = (choice: Consent) => () => {
    applyConsent(choice);
    host.replaceChildren();
    onChoice?.(choice);
  };
  host.querySelector('#cookie-accept')?.addEventListener('click', choose(CONSENT.granted));
  host.querySelector('#cookie-reject')?.addEventListener('click', choose(CONSENT.denied));
}
