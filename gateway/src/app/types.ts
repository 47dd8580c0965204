/** What `createApp` takes, and the resolved runtime every middleware and route shares. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TopicNames } from '@inlet/schemas';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { GatewayConfig, WriteKeyConfig } from '../config/schema';
import type { Publisher } from '../delivery/publisher';
import type { Dedup } from '../ingest/dedup';
import type { LiveBus } from '../live/live-bus';
import type { GatewayMetrics } from '../metrics/metrics';
import type { RateLimiter } from '../middleware/rate-limit/token-bucket';

export interface AppDeps {
  readonly config: GatewayConfig;
  readonly publisher: Publisher;
  /** Default: pino JSON to stdout at `config.logLevel`, with write keys redacted (`createLogger`). */
  readonly logger?: Logger;
  /** Where the metrics register. Default: a new prom-client `Registry`. */
  readonly registry?: Registry;
  /** Clock in epoch milliseconds. Default: `Date.now`. */
  readonly now?: () => number;
  /** Uniform [0, 1) for sampling the live tap. Default: `Math.random`. */
  readonly random?: () => number;
  /**
   * The direct peer's address, asked of the server the app runs in: the Node server passes
   * `nodePeerAddress` (`@hono/node-server`'s `getConnInfo`). Default: unknown (undefined), so the
   * app itself depends on no server adapter.
   */
  readonly peerAddress?: (c: Context) => string | undefined;
  /** Aborting it ends live-tap streams, so `server.close()` is not held open by SSE clients. */
  readonly signal?: AbortSignal;
}

export interface ParsedBody {
  readonly value: unknown;
  /** The decoded text (dead-letter records keep it when an event cannot be re-serialised). */
  readonly text: string;
}

/** What `@hono/node-server` passes as `c.env`; absent under `app.request()` unless a test injects it. */
export interface NodeBindings {
  readonly incoming?: IncomingMessage;
  readonly outgoing?: ServerResponse;
}

export interface AppVariables {
  /** Epoch ms when the request arrived (the events' `receivedAt`). */
  receivedAt: number;
  /** The authenticated write key (set by the auth middleware). */
  writeKey: WriteKeyConfig;
  /** The request's JSON body, read once on first call (limits, gunzip, UTF-8 applied). */
  body: () => Promise<ParsedBody>;
  /** Pixel routes answer errors with the GIF too. */
  errorFormat: 'json' | 'gif';
  /** What an ingest request did, for the request log. */
  outcome: { accepted: number; rejected: number; deduplicated: number };
}

// `c.env` is undefined under `app.request()` without an env argument: read it through `nodeBindings(c)`.
export type AppEnv = { Bindings: NodeBindings; Variables: AppVariables };
export type AppContext = Context<AppEnv>;

/** `AppDeps` resolved once: defaults filled, shared state built. */
export interface Runtime {
  readonly config: GatewayConfig;
  readonly publisher: Publisher;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly now: () => number;
  readonly random: () => number;
  readonly peerAddress: (c: Context) => string | undefined;
  readonly topicNames: TopicNames;
  /** Write key → its config. */
  readonly writeKeys: ReadonlyMap<string, WriteKeyConfig>;
  readonly trustedProxies: ReadonlySet<string>;
  readonly dedup: Dedup;
  readonly rateLimiter: RateLimiter;
  readonly live: LiveBus;
  readonly signal: AbortSignal | undefined;
}
