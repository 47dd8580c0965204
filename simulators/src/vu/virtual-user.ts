import type { EventType } from '@inlet/schemas';
import {
  type CallOptions,
  type Core,
  type CoreOptions,
  createCore,
  memoryKv,
  memoryStore,
  type Transport,
} from '@inlet/sdk-core';
import type { Catalog } from './catalog';
import { EXIT, firstState, type Journey, nextState } from './journey';
import { Rng } from './rng';
import type { Scheduler } from './scheduler';
import { sampleThink } from './think';
import type { UserKind, UserProfile } from './users';
import type { ClickTarget, JourneyVars, VuApi } from './vu-api';

/** What every virtual user of a run shares. */
export interface VuEnv {
  readonly scheduler: Scheduler;
  readonly transport: Transport;
  readonly catalog: Catalog;
  readonly seed: number;
  /** Starts every messageId of the run: `<runTag>-<user>-<n>`. */
  readonly runTag: string;
  readonly writeKey: string;
  /** Share of events made deliberately invalid (the gateway must dead-letter them). */
  readonly invalidShare: number;
  readonly coreOptions: Omit<CoreOptions, 'writeKey'>;
  /** Backoff jitter of every core: one seeded sequence, apart from the users' own, so a retry never changes what a user does. */
  readonly random: () => number;
  /** Told about every event the core queued. */
  readonly record: (messageId: string, type: EventType, invalid: boolean, kind: UserKind) => void;
  /** The journey ended (the user left). */
  readonly ended: (vu: VirtualUser) => void;
}

/** `context.library` of each kind: a simulator speaking through the real core, and saying so. */
export const LIBRARIES: Readonly<Record<UserKind, { name: string; version: string }>> = {
  web: { name: '@inlet/simulators/web', version: '0.1.0' },
  mobile: { name: '@inlet/simulators/mobile', version: '0.1.0' },
  service: { name: '@inlet/simulators/service', version: '0.1.0' },
};

/**
 * How each kind's SDK batches, as the SDKs it stands for do: browsers flush within seconds (the
 * tab may close), mobile SDKs every 30 s (radio and battery), server SDKs every 10 s. A run's
 * `coreOptions` override these.
 */
export const KIND_CORE_OPTIONS: Readonly<Record<UserKind, Omit<CoreOptions, 'writeKey'>>> = {
  web: { flushAt: 20, flushInterval: 5_000 },
  mobile: { flushAt: 20, flushInterval: 30_000 },
  service: { flushAt: 20, flushInterval: 10_000 },
};

/** The mark of a deliberately invalid event: the gateway requires `context.screen.width` to be a number. */
export const INVALID_SCREEN = { width: 'wide' } as const;

type Page = { path: string; url: string; title: string; referrer?: string };

/**
 * One simulated person: a real SDK core (its own queue, identity, session and counters), its own
 * random sequence, and a position in its journey. Its timers are the shared scheduler's.
 */
export class VirtualUser implements VuApi {
  readonly rng: Rng;
  readonly core: Core;
  readonly vars: JourneyVars = { cartItems: 0, cartValue: 0 };
  private state: string | undefined;
  private timer: unknown;
  private seq = 0;
  private current: Page | undefined;

  constructor(
    readonly index: number,
    readonly journey: Journey,
    readonly user: UserProfile,
    private readonly env: VuEnv,
    /** Think times are multiplied by this (the profile's calibration). */
    private readonly thinkScale: number,
  ) {
    this.rng = new Rng(env.seed, index);
    this.core = createCore(
      { ...KIND_CORE_OPTIONS[user.kind], ...env.coreOptions, writeKey: env.writeKey },
      {
        transport: env.transport,
        store: memoryStore,
        kv: memoryKv({ anonymousId: user.anonymousId }),
        library: LIBRARIES[user.kind],
        context: user.context,
        timers: env.scheduler,
        now: env.scheduler.now,
        random: env.random,
      },
    );
  }

  get catalog(): Catalog {
    return this.env.catalog;
  }

  get active(): boolean {
    return this.state !== undefined;
  }

  start(): void {
    this.state = firstState(this.journey, this.rng);
    this.enter();
  }

  /** Joins the journey already in `state` (its events happened before the run), moving on in `inMs`. */
  startIn(state: string, inMs: number): void {
    this.state = state;
    this.timer = this.env.scheduler.setTimeout(this.step, inMs);
  }

  /** Ends the journey where it is (the run is over); the core keeps its queue until closed. */
  halt(): void {
    this.env.scheduler.clearTimeout(this.timer);
    this.state = undefined;
  }

  private enter(): void {
    const spec = this.state === undefined ? undefined : this.journey.states[this.state];
    if (!spec) return;
    for (const emit of spec.emit) emit.run(this);
    this.timer = this.env.scheduler.setTimeout(this.step, sampleThink(spec.think, this.rng, this.thinkScale));
  }

  private readonly step = (): void => {
    if (this.state === undefined) return;
    const next = nextState(this.journey, this.state, this.rng);
    if (next === EXIT) {
      this.state = undefined;
      this.env.ended(this);
      return;
    }
    this.state = next;
    this.enter();
  };

  private call(type: EventType, send: (options: CallOptions) => string | undefined): void {
    const { env } = this;
    const messageId = `${env.runTag}-${this.index.toString(36)}-${(this.seq++).toString(36)}`;
    const invalid = env.invalidShare > 0 && this.rng.chance(env.invalidShare);
    const context: Record<string, unknown> = {};
    if (this.current && this.user.kind === 'web') context.page = this.current;
    if (invalid) context.screen = INVALID_SCREEN;
    const id = send({ messageId, context });
    if (id !== undefined) env.record(id, type, invalid, this.user.kind);
  }

  page(name: string, path: string, properties: Record<string, unknown> = {}): void {
    const url = `https://shop.example.com${path}`;
    this.current = {
      path,
      url,
      title: `${name} · Example Shop`,
      ...(this.current ? { referrer: this.current.url } : {}),
    };
    this.call('page', (o) => this.core.page(name, { ...properties, path, url }, o));
  }

  screen(name: string, properties?: Record<string, unknown>): void {
    this.vars.screen = name;
    this.call('screen', (o) => this.core.screen(name, properties, o));
  }

  track(event: string, properties?: Record<string, unknown>): void {
    this.call('track', (o) => this.core.track(event, properties, o));
  }

  click(target: ClickTarget, properties?: Record<string, unknown>): void {
    const x = this.rng.int(1280);
    const y = this.rng.int(2400);
    const { classes, ...rest } = target;
    const element = classes ? { ...rest, classes: [...classes] } : rest;
    this.call('click', (o) =>
      this.core.click(
        element,
        { x, y, ...(this.current ? { page: this.current } : {}), ...(properties ? { properties } : {}) },
        o,
      ),
    );
  }

  log(level: Parameters<VuApi['log']>[0], message: string, fields: Parameters<VuApi['log']>[2] = {}): void {
    this.call('log', (o) => this.core.log(level, message, fields, o));
  }

  identify(): void {
    const { userId, traits } = this.user;
    this.call('identify', (o) => this.core.identify(userId, traits, o));
  }
}
