/**
 * Test doubles for the app: a `Publisher` over `MemorySink` whose outcome a test can switch, and a
 * config with two write keys. Used by this package's tests (not part of the public entry).
 */
import type { SinkRecord } from '@inlet/streams';
import { MemorySink } from '@inlet/streams/testing';
import { Registry } from 'prom-client';
import { createApp } from '../app/create-app';
import type { AppDeps, NodeBindings } from '../app/types';
import { type GatewayConfig, type GatewayConfigInput, GatewayConfigSchema } from '../config/schema';
import type { Publisher, PublisherStatus, PublishResult } from '../delivery/publisher';

export const WEB_KEY = 'wk_web_0123456789';
export const SERVER_KEY = 'wk_server_0123456789';
export const ADMIN_TOKEN = 'admin-token-0123456789';

export function testConfig(overrides: GatewayConfigInput = {}): GatewayConfig {
  return GatewayConfigSchema.parse({
    writeKeys: [
      { key: WEB_KEY, source: 'web', allowedOrigins: ['https://shop.example'], ipPolicy: 'truncate' },
      { key: SERVER_KEY, source: 'backend', ipPolicy: 'keep', rateLimit: { perSecond: 1, burst: 2 } },
    ],
    adminToken: ADMIN_TOKEN,
    logLevel: 'silent',
    ...overrides,
  });
}

/** Stores into `sink` (answering `via: 'kafka'`) unless told otherwise. */
export class FakePublisher implements Publisher {
  readonly sink = new MemorySink();
  /** Every publish call's records, in order. */
  readonly calls: SinkRecord[][] = [];
  /** Results to answer next, before storing anything. */
  readonly nextResults: PublishResult[] = [];
  /** While set, publishes wait for it (to hold requests in flight). */
  gate: Promise<void> | undefined;
  currentStatus: PublisherStatus = {
    ready: true,
    sink: 'kafka',
    kafka: 'connected',
    spool: { bytes: 0, quotaBytes: 1024, oldestAgeMs: null },
  };

  async publish(records: readonly SinkRecord[]): Promise<PublishResult> {
    this.calls.push([...records]);
    await this.gate;
    const next = this.nextResults.shift();
    if (next !== undefined) return next;
    try {
      await this.sink.append(records);
      return { ok: true, via: 'kafka' };
    } catch (error) {
      return { ok: false, reason: 'unavailable', retryAfterSeconds: 7, message: String(error) };
    }
  }

  /** The next publish stores nothing and answers `ok: false` with this reason. */
  failNext(
    reason: 'spool-full' | 'unavailable' | 'shutting-down' = 'unavailable',
    retryAfterSeconds = 7,
  ): void {
    this.nextResults.push({ ok: false, reason, retryAfterSeconds, message: `test: ${reason}` });
  }

  status(): PublisherStatus {
    return this.currentStatus;
  }

  async close(): Promise<void> {
    await this.sink.close();
  }
}

export interface TestApp {
  readonly app: ReturnType<typeof createApp>;
  readonly publisher: FakePublisher;
  readonly registry: Registry;
}

/** An app over a `FakePublisher`, with a fixed clock unless the test passes one. */
export function testApp(config: GatewayConfigInput = {}, deps: Partial<AppDeps> = {}): TestApp {
  const publisher = new FakePublisher();
  const registry = new Registry();
  const app = createApp({
    config: testConfig(config),
    publisher,
    registry,
    now: () => Date.parse('2024-05-01T12:00:00.000Z'),
    ...deps,
  });
  return { app, publisher, registry };
}

/** A POST with a JSON body (or raw bytes/string) and headers; `application/json` unless overridden. */
export function post(
  app: TestApp['app'],
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  env?: NodeBindings,
): Promise<Response> | Response {
  const raw = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  return app.request(
    path,
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw },
    env,
  );
}

export const track = (fields: Record<string, unknown> = {}) => ({
  type: 'track',
  event: 'Order Completed',
  anonymousId: 'anon-1',
  properties: { total: 12.5 },
  ...fields,
});
