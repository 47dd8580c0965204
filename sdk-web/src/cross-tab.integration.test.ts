/**
 * Two tabs of one origin in a real Chromium share the IndexedDB queue; Web Locks let one send
 * at a time. A tab that dies mid-send leaves its events to the other, which delivers them.
 */
import { describe, expect, it } from 'vitest';
import { queuedNames, sdkReady, useChromiumAndFakeGateway } from './testing/browser-harness';
import { chromiumPath } from './testing/chromium';

const executablePath = chromiumPath();

describe.skipIf(!executablePath)('two tabs in Chromium', () => {
  const suite = useChromiumAndFakeGateway(executablePath);

  const named = (prefix: string) =>
    suite.gateway.received.filter((e) => e.event?.startsWith(prefix)).map((e) => e.event);

  it('sends the shared queue once when both tabs track at the same time', async () => {
    const [a, b] = await Promise.all([suite.browser.context.newPage(), suite.browser.context.newPage()]);
    if (!a || !b) throw new Error('could not open two tabs');
    await Promise.all([a.goto(`${suite.gateway.origin}/`), b.goto(`${suite.gateway.origin}/`)]);
    await Promise.all([sdkReady(a), sdkReady(b)]);
    await Promise.all(
      [a, b].map((tab, t) =>
        tab.evaluate((t) => {
          for (let i = 0; i < 30; i++) window.inlet.track(`both-${t}-${i}`);
          void window.inlet.flush();
        }, t),
      ),
    );
    await expect.poll(() => named('both-').length, { timeout: 30_000 }).toBeGreaterThanOrEqual(60);
    await expect.poll(async () => (await queuedNames(a)).length, { timeout: 15_000 }).toBe(0);
    expect(new Set(named('both-')).size).toBe(60);
    const ids = suite.gateway.received.map((e) => e.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    await Promise.all([a.close(), b.close()]);
  });

  it('hands the events of a tab that dies mid-send to the other tab', async () => {
    const dying = await suite.browser.context.newPage();
    await dying.goto(`${suite.gateway.origin}/`);
    await sdkReady(dying);
    await expect.poll(async () => (await queuedNames(dying)).length, { timeout: 15_000 }).toBe(0);

    suite.gateway.hold = true; // the next send stays in flight: no answer, nothing recorded
    await dying.evaluate(() => {
      for (let i = 0; i < 3; i++) window.inlet.track(`dies-${i}`);
      void window.inlet.flush();
    });
    await expect.poll(() => suite.gateway.held(), { timeout: 15_000 }).toBe(1);

    const survivor = await suite.browser.context.newPage();
    await survivor.goto(`${suite.gateway.origin}/`);
    await sdkReady(survivor);
    expect((await queuedNames(survivor)).filter((n) => n.startsWith('dies-'))).toHaveLength(3);
    // While the dying tab holds the lock, the survivor's flush sends nothing (it would hang here).
    await survivor.evaluate(() => window.inlet.flush());
    expect(suite.gateway.held()).toBe(1);

    suite.gateway.hold = false;
    await dying.close(); // the tab dies holding the send lock; the browser releases it
    await expect
      .poll(() => named('dies-').sort(), { timeout: 30_000 })
      .toEqual(['dies-0', 'dies-1', 'dies-2']);
    await expect.poll(async () => (await queuedNames(survivor)).length, { timeout: 15_000 }).toBe(0);
    expect(named('dies-')).toHaveLength(3);
  });
});
