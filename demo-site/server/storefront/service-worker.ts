/**
 * The storefront's service worker, served at `/sw.js`: pages and assets network-first with the
 * last copy as the fallback, so the shop opens offline (a traveller on a train) and the SDK's
 * queued events survive a reload made without network. Requests to the gateway are never touched.
 */
export const SERVICE_WORKER = `const CACHE = 'inlet-store-v1';
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(['/', '/inlet.js'])).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/v1/')) return;
  // Every history route is the same page: one cache entry for all of them.
  const key = e.request.mode === 'navigate' ? '/' : e.request;
  e.respondWith(
    fetch(e.request)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          e.waitUntil(caches.open(CACHE).then((c) => c.put(key, copy)));
        }
        return res;
      })
      .catch(() => caches.match(key, { ignoreSearch: true }).then((r) => r || Response.error())),
  );
});
`;
