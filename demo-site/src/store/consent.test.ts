import { afterEach, describe, expect, it } from 'vitest';
import { applyConsent, CONSENT_KEY, savedConsent, showConsentBanner } from './consent';
import { absentInlet, type InletApi } from './inlet-api';

function fakeSdk(calls: string[]): InletApi {
  return {
    ...absentInlet,
    optOut: () => {
      calls.push('optOut');
      return Promise.resolve();
    },
    optIn: () => {
      calls.push('optIn');
    },
  };
}

afterEach(() => {
  localStorage.clear();
  delete (globalThis as { inlet?: unknown }).inlet;
  document.body.replaceChildren();
});

describe('consent', () => {
  it('remembers the choice and opts the SDK in or out', () => {
    const calls: string[] = [];
    expect(savedConsent()).toBeUndefined();
    applyConsent('denied', fakeSdk(calls));
    expect(savedConsent()).toBe('denied');
    applyConsent('granted', fakeSdk(calls));
    expect(savedConsent()).toBe('granted');
    expect(calls).toEqual(['optOut', 'optIn']);
    localStorage.setItem(CONSENT_KEY, 'maybe');
    expect(savedConsent()).toBeUndefined();
  });

  it('shows the banner until a choice is made; its buttons go to window.inlet', () => {
    const calls: string[] = [];
    (globalThis as { inlet?: unknown }).inlet = fakeSdk(calls);
    const host = document.createElement('div');
    document.body.append(host);
    const chosen: string[] = [];
    showConsentBanner(host, false, (choice) => chosen.push(choice));
    (host.querySelector('#cookie-reject') as HTMLButtonElement).click();
    expect(host.children).toHaveLength(0);
    expect(calls).toEqual(['optOut']);
    expect(chosen).toEqual(['denied']);

    showConsentBanner(host); // a choice exists: nothing shown
    expect(host.querySelector('#cookie-banner')).toBeNull();
    showConsentBanner(host, true); // "Privacy settings"
    (host.querySelector('#cookie-accept') as HTMLButtonElement).click();
    expect(calls).toEqual(['optOut', 'optIn']);
    expect(savedConsent()).toBe('granted');
  });
});
