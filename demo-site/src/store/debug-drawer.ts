/**
 * The debug drawer a developer opens from the corner button: is the SDK loaded, online or
 * offline, opted in or out, how many events wait, the counters from `stats()`, and the last
 * delivery. The SDK has no delivery callback, so the last delivery is read from the browser's
 * resource timings of `/v1/batch` requests (status where the browser exposes it) and from what
 * the counters did since the previous look. Its own clicks are not captured (`data-inlet-ignore`).
 */
import { newStats } from '@inlet/sdk-core';
import { html, mount } from './html';
import { type InletStats, inlet, pendingEvents, sdkLoaded } from './inlet-api';

export interface Delivery {
  readonly at: number;
  readonly what: string;
  readonly ok: boolean;
}

/** What changed between two looks at the counters, as a delivery line (undefined: nothing happened). */
export function describeDelivery(before: InletStats, after: InletStats, at: number): Delivery | undefined {
  const acked = after.acknowledged - before.acknowledged;
  const rejected = after.rejected - before.rejected;
  const retried = after.retried - before.retried;
  if (rejected > 0) return { at, what: `${rejected} rejected by the gateway (dead-lettered)`, ok: false };
  if (retried > 0) return { at, what: `${retried} to retry (gateway unreachable or busy)`, ok: false };
  if (acked > 0) return { at, what: `${acked} delivered`, ok: true };
  return undefined;
}

const zero = newStats();

const time = (at: number) => new Date(at).toLocaleTimeString('en-GB');

export function mountDebugDrawer(host: HTMLElement): void {
  let open = false;
  let last: Delivery | undefined;
  let lastRequest: { at: number; status: number; kind: string } | undefined;
  let previous = zero;
  let timer: number | undefined;

  if (typeof PerformanceObserver !== 'undefined') {
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
          if (!entry.name.includes('/v1/batch')) continue;
          const status =
            (entry as PerformanceResourceTiming & { responseStatus?: number }).responseStatus ?? 0;
          lastRequest = { at: performance.timeOrigin + entry.responseEnd, status, kind: entry.initiatorType };
        }
      }).observe({ type: 'resource', buffered: true });
    } catch {
      // Resource timing unavailable: the counters still tell the story.
    }
  }

  const render = () => {
    const sdk = inlet();
    const loaded = sdkLoaded();
    const stats = loaded && sdk.stats ? sdk.stats() : zero;
    last = describeDelivery(previous, stats, Date.now()) ?? last;
    previous = stats;
    const dropped = Object.entries(stats.dropped).filter(([, n]) => n > 0);
    const user = loaded ? sdk.user?.() : undefined;
    const optedOut = loaded && sdk.isOptedOut?.();
    mount(
      host,
      html`<button id="debug-toggle" class="debug-toggle" type="button" aria-expanded="${open}">
          <span class="dot ${navigator.onLine ? 'dot-on' : 'dot-off'}"></span> Inlet debug
          ${loaded ? html`<span class="badge">${pendingEvents(stats)}</span>` : ''}
        </button>
        ${
          open
            ? html`<aside id="debug-drawer" class="debug-drawer" aria-label="Inlet debug drawer">
          <h2>Inlet SDK</h2>
          <dl>
            <dt>Script</dt><dd data-k="loaded">${loaded ? 'loaded' : 'loading… (calls queued by the snippet)'}</dd>
            <dt>Network</dt><dd data-k="network">${navigator.onLine ? 'online' : 'offline, events wait in the queue'}</dd>
            <dt>Consent</dt><dd data-k="consent">${optedOut ? 'opted out, nothing collected' : 'collecting'}</dd>
            <dt>Pending</dt><dd data-k="pending">${pendingEvents(stats)}</dd>
            <dt>Last delivery</dt><dd data-k="last">${last ? html`<span class="${last.ok ? 'ok' : 'warn'}">${last.what}</span> at ${time(last.at)}` : 'none yet'}</dd>
            <dt>Last request</dt><dd data-k="request">${lastRequest ? `${lastRequest.kind} → ${lastRequest.status || 'sent'} at ${time(lastRequest.at)}` : 'none yet'}</dd>
            <dt>anonymousId</dt><dd class="mono">${user?.anonymousId ?? '–'}</dd>
            <dt>userId</dt><dd class="mono">${user?.userId ?? '–'}</dd>
          </dl>
          <table class="counters">
            <tr><th>generated</th><th>queued</th><th>sent</th><th>acked</th><th>rejected</th><th>retried</th></tr>
            <tr><td>${stats.generated}</td><td>${stats.queued}</td><td>${stats.sent}</td><td>${stats.acknowledged}</td><td>${stats.rejected}</td><td>${stats.retried}</td></tr>
          </table>
          <p class="muted">Dropped: ${dropped.length ? dropped.map(([reason, n]) => `${reason} ${n}`).join(', ') : 'none'}</p>
          <div class="drawer-actions"><button id="debug-flush" class="btn btn-ghost" type="button">Flush now</button></div>
        </aside>`
            : ''
        }`,
    );
  };

  host.setAttribute('data-inlet-ignore', '');
  host.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('#debug-toggle')) {
      open = !open;
      clearInterval(timer);
      if (open) timer = window.setInterval(render, 500);
      render();
    } else if (target?.closest('#debug-flush')) {
      void inlet().flush();
    }
  });
  addEventListener('online', render);
  addEventListener('offline', render);
  render();
  // The badge stays current while the drawer is closed, at a slower pace.
  window.setInterval(() => {
    if (!open) render();
  }, 2_000);
}
