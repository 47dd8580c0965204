import type { EventInput, LogLevel } from '@inlet/schemas';
import { utf8ByteLength } from '@inlet/schemas/limits';
import { createBatcher } from './batcher';
import { createDispatcher, type FlushOptions } from './dispatcher';
import { InletError } from './errors';
import { buildEvent, type CallOptions, type Context, type EventFields } from './event-builder';
import { keepJson } from './event-json';
import { host } from './host';
import { createIdentity, type Traits, type User } from './identity';
import { type CoreOptions, resolveOptions } from './options';
import type { KeyValueStore } from './seams/key-value-store';
import type { QueueCaps, QueueStore } from './seams/queue-store';
import type { SendLock } from './seams/send-lock';
import type { Timers } from './seams/timers';
import type { Transport } from './seams/transport';
import { createSession } from './session';
import { type DropReason, newStats, type Stats } from './stats';
import { uuid } from './uuid';

/** What the runtime (browser, Node, a virtual user) plugs in. */
export interface Platform {
  readonly transport: Transport;
  /**
   * Makes the queue where events wait for delivery, given the resolved `maxQueueEvents` /
   * `maxQueueBytes`: `memoryStore` itself in Node and the virtual users, IndexedDB in the browser,
   * a file queue. Required: a default here would put `memoryStore` in the browser bundle.
   */
  readonly store: (caps: QueueCaps) => QueueStore;
  /** Who may drain a shared queue. @default none: this core is the only sender */
  readonly lock?: SendLock;
  /** Identity, session and consent persistence. @default none: kept in memory by this core only */
  readonly kv?: KeyValueStore;
  /** The context each event starts from; a function is called per event (the page changes). */
  readonly context?: Context | (() => Context);
  /** `context.library` of every event, e.g. `{name: '@inlet/sdk-web', version: '0.1.0'}`. */
  readonly library: { readonly name: string; readonly version: string };
  /** @default Date.now */
  readonly now?: () => number;
  /** @default Math.random */
  readonly random?: () => number;
  /** @default the host's setTimeout/clearTimeout */
  readonly timers?: Timers;
}

/** Gets each event before it is queued; returns it (changed or not), or null to drop it. */
export type Middleware = (event: EventInput) => EventInput | null | undefined;

type Properties = Record<string, unknown>;
type ClickInput = Extract<EventInput, { type: 'click' }>;
type LogInput = Extract<EventInput, { type: 'log' }>;

/**
 * The tracking API the runtime packages wrap. Tracking methods return the event's messageId, or
 * undefined when it was not queued (opted out, dropped by middleware, too large).
 */
export interface Core {
  track(event: string, properties?: Properties, options?: CallOptions): string | undefined;
  page(name?: string, properties?: Properties, options?: CallOptions): string | undefined;
  screen(name?: string, properties?: Properties, options?: CallOptions): string | undefined;
  /** Sets (a new userId replaces the traits) or updates the user, then sends an identify event. */
  identify(userId?: string, traits?: Traits, options?: CallOptions): string | undefined;
  group(groupId: string, traits?: Traits, options?: CallOptions): string | undefined;
  /** `previousId` defaults to the current userId, else the anonymousId. */
  alias(userId: string, previousId?: string, options?: CallOptions): string | undefined;
  click(
    element: ClickInput['element'],
    fields?: Pick<ClickInput, 'x' | 'y' | 'page' | 'properties'>,
    options?: CallOptions,
  ): string | undefined;
  log(
    level: LogLevel,
    message: string,
    fields?: Pick<LogInput, 'logger' | 'error' | 'attributes'>,
    options?: CallOptions,
  ): string | undefined;
  /** Any event from its type-specific fields (`{type: 'page', name, category}`). */
  capture(fields: EventFields, options?: CallOptions): string | undefined;
  /** Persists what was captured and sends what is due. Never rejects. */
  flush(options?: FlushOptions): Promise<void>;
  /** New anonymousId and session; userId and traits cleared. */
  reset(): void;
  /** Stops collection: drops what is queued and forgets the persisted identity. Remembered in the KeyValueStore. */
  optOut(): Promise<void>;
  optIn(): void;
  isOptedOut(): boolean;
  /** Stops sending (offline); events are still captured and queued. */
  pause(): void;
  /** Sends again, at once, without waiting out the backoff. */
  resume(): Promise<void>;
  use(middleware: Middleware): void;
  user(): User;
  stats(): Stats;
  /**
   * Stops the timers and flushes until the queue is empty or `timeoutMs` passed: at once first,
   * even events waiting out a backoff, then waiting out backoffs. Resolves with the number of
   * events still queued.
   */
  close(timeoutMs?: number): Promise<number>;
}

/** The core reads each key once and keeps values in memory: no store at all is a memory store. */
const noKv: KeyValueStore = { get: () => undefined, set: () => {} };
const noLock: SendLock = { tryRun: async (fn) => ({ ran: true, value: await fn() }) };
const hostTimers: Timers = {
  setTimeout: (fn, ms) => host.setTimeout?.(fn, ms),
  clearTimeout: (handle) => host.clearTimeout?.(handle),
};

export function createCore(options: CoreOptions, platform: Platform): Core {
  const o = resolveOptions(options);
  const { transport, library, context, kv = noKv, now = Date.now, random = Math.random } = platform;
  const timers = platform.timers ?? hostTimers;
  const store = platform.store({ maxEvents: o.maxQueueEvents, maxBytes: o.maxQueueBytes });
  const stats = newStats();
  const debug = o.debug ? (...args: unknown[]) => host.console?.log('[inlet]', ...args) : () => {};
  const report = (error: InletError) => {
    debug(error.code, error.message);
    try {
      o.onError?.(error);
    } catch {
      // A throwing handler must not break delivery or its counts.
    }
  };
  const drop = (count: number, reason: DropReason, message?: string, detail?: unknown): undefined => {
    stats.dropped[reason] += count;
    if (message) report(new InletError(reason, `${count} events dropped (${reason}): ${message}`, detail));
  };
  const identity = createIdentity(kv, () => uuid(random));
  const session = createSession(kv, o.sessionTimeout);
  const middleware: Middleware[] = [];
  let optedOut = kv.get('optOut') === '1';
  let paused = false;

  const batcher = createBatcher({
    o,
    timers,
    now,
    flush: () => void flush(),
    push: (entries) => dispatcher.push(entries),
    discard: (entries, reason) => dispatcher.discard(entries, reason),
  });
  const dispatcher = createDispatcher({
    options: o,
    store,
    transport,
    lock: platform.lock ?? noLock,
    now,
    random,
    stats,
    drop,
    report,
    wakeAt: batcher.wakeAt,
    debug,
  });
  dispatcher.halt(optedOut);

  async function flush(flushOptions: FlushOptions = {}): Promise<void> {
    batcher.flushed();
    const written = batcher.persist();
    // Unloading: no waiting for durability; the push has started and a memory-backed store shows it.
    if (!flushOptions.unloading) await written;
    if (!paused) await dispatcher.drain(flushOptions);
  }

  function capture(fields: EventFields, call: CallOptions = {}): string | undefined {
    stats.generated++;
    if (optedOut) return drop(1, 'consent');
    const at = now();
    const messageId = uuid(random);
    let event = buildEvent(fields, call, {
      messageId,
      now: at,
      user: identity.get,
      library,
      sessionId: session.touch(at),
      context: typeof context === 'function' ? context() : context,
      integrations: o.integrations,
    });
    try {
      for (const fn of middleware) {
        const next = fn(event);
        if (!next) return drop(1, 'middleware');
        event = next;
      }
    } catch (error) {
      return drop(1, 'middleware', `a middleware threw: ${error}`, error);
    }
    let json: string;
    try {
      // `undefined` from a toJSON() returning it: sent as null, which the gateway rejects alone.
      json = JSON.stringify(event) ?? 'null';
    } catch (error) {
      return drop(1, 'invalid', `not JSON: ${error}`, event);
    }
    const bytes = utf8ByteLength(json);
    if (bytes > o.maxEventBytes) return drop(1, 'too-large', `${bytes} bytes > maxEventBytes`, event);
    keepJson(event, json); // the store and the transport reuse it rather than serializing again
    const id = event.messageId ?? messageId;
    stats.queued++;
    batcher.add({ id, event, bytes, enqueuedAt: at, attempts: 0 });
    return id;
  }

  // Events a previous run left in a persistent store go out soon after start.
  if (!optedOut) {
    store.size().then(
      (queued) => queued && batcher.wakeAt(now()),
      () => {},
    );
  }

  const within = (work: Promise<unknown>, ms: number) =>
    new Promise<void>((resolve) => {
      const timer = timers.setTimeout(resolve, Math.max(0, ms), true);
      void work.then(() => {
        timers.clearTimeout(timer);
        resolve();
      });
    });

  return {
    capture,
    track: (event, properties, call) => capture({ type: 'track', event, properties }, call),
    page: (name, properties, call) => capture({ type: 'page', name, properties }, call),
    screen: (name, properties, call) => capture({ type: 'screen', name, properties }, call),
    identify(userId, traits, call) {
      const user = optedOut ? undefined : identity.identify(userId, traits);
      return capture({ type: 'identify', traits: user?.traits ?? traits }, call);
    },
    group: (groupId, traits, call) => capture({ type: 'group', groupId, traits }, call),
    alias(userId, previousId, call) {
      const user = optedOut ? undefined : identity.get();
      return capture(
        { type: 'alias', userId, previousId: previousId ?? user?.userId ?? user?.anonymousId },
        call,
      );
    },
    click: (element, fields, call) => capture({ ...fields, type: 'click', element }, call),
    log: (level, message, fields, call) => capture({ ...fields, type: 'log', level, message }, call),
    flush,
    reset() {
      identity.reset();
      session.reset();
    },
    async optOut() {
      optedOut = true;
      kv.set('optOut', '1');
      identity.forget();
      session.reset();
      dispatcher.halt(true);
      batcher.dropPending('consent');
      await batcher.persist();
      await dispatcher.purge();
    },
    optIn() {
      optedOut = false;
      kv.set('optOut', undefined);
      dispatcher.halt(false);
    },
    isOptedOut: () => optedOut,
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      return flush({ ignoreBackoff: true });
    },
    use(fn) {
      middleware.push(fn);
    },
    user: () => (optedOut ? { anonymousId: '', traits: {} } : identity.get()),
    stats: () => ({ ...stats, dropped: { ...stats.dropped } }),
    async close(timeoutMs = 10_000) {
      batcher.stop();
      const deadline = now() + timeoutMs;
      // The last chance to send: events far into a backoff (up to backoffCap) try once more now.
      let flushOptions: FlushOptions = { ignoreBackoff: true };
      for (;;) {
        await within(flush(flushOptions), deadline - now());
        flushOptions = {};
        const [head] = await store.peek(1);
        if (!head || paused || now() >= deadline) return store.size();
        // Wait out the head's backoff (at least a little, when another sender holds the queue).
        const wait = Math.min(deadline, Math.max(head.notBefore ?? 0, now() + 50)) - now();
        await within(new Promise(() => {}), wait);
      }
    },
  };
}
