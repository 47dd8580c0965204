/**
 * Wires the demo server: builds the pages if needed, follows every topic (Kafka or the local logs),
 * polls the parts' health, and serves the app. `close()` ends the SSE streams and stops everything.
 */

import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { errorMessage, resolveTopicNames } from '@inlet/schemas';
import { type Tail, tailKafkaTopics, tailLocalLogs } from '@inlet/streams';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { SourceInfo } from '../src/console/model/protocol';
import { createDemoApp } from './app';
import type { DemoConfig, TopicSourceConfig } from './config';
import { ConsoleHub } from './console/console-hub';
import { ConsoleStore } from './console/console-store';
import { HealthMonitor } from './health/health-monitor';

/** The folders under the data root where each part keeps its local durable log. */
export const PART_DIRS = ['gateway', 'cdc', 'external', 'processor'] as const;

export interface DemoServer {
  readonly url: string;
  readonly port: number;
  /** Ends the console streams, stops reading and closes the server within `timeoutMs` (default 5 000). */
  close(timeoutMs?: number): Promise<void>;
}

export interface StartDemoOptions {
  readonly logger: Logger;
  /** The built pages and the storefront's routes. Default: `ensureDemoBuilt()` and `storefrontRoutes()`. */
  readonly site?: () => Promise<{ distDir?: string; storefront?: Hono }>;
  /** Records per partition shown from before the start. Default 100. */
  readonly backlog?: number;
}

/** A part of the demo server that could not start: which, why, and the fix in one line. */
export class DemoStartError extends Error {
  override readonly name = 'DemoStartError';
  constructor(
    readonly part: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
export const isDemoStartError = (error: unknown): error is DemoStartError => error instanceof DemoStartError;

const describeSource = (s: TopicSourceConfig) =>
  s.kind === 'kafka' ? `Kafka ${s.brokers.join(',')}` : `local logs under ${s.dataDir}`;

async function defaultSite(config: DemoConfig) {
  // Imported lazily: building pulls in Vite, which tests of the routes never need.
  const { ensureDemoBuilt } = await import('./build');
  const { storefrontRoutes } = await import('./storefront/index');
  const { distDir } = await ensureDemoBuilt();
  return {
    distDir,
    storefront: storefrontRoutes({ distDir, writeKey: config.writeKey, endpoint: config.gatewayUrl }),
  };
}

function openTail(config: DemoConfig, store: ConsoleStore, backlog: number, logger: Logger): Tail {
  const common = {
    topics: store.topics,
    backlog,
    onRecord: (r: Parameters<ConsoleStore['add']>[0]) => store.add(r),
    onError: (error: unknown) => logger.warn({ err: error }, 'reading the topics failed; retrying'),
  };
  return config.source.kind === 'kafka'
    ? tailKafkaTopics({
        ...common,
        brokers: config.source.brokers,
        clientId: 'inlet-demo',
        logLevel: 'silent',
      })
    : tailLocalLogs({
        ...common,
        dataDirs: PART_DIRS.map((p) => join((config.source as { dataDir: string }).dataDir, p)),
        // Pages are updated once a second; polling 36 log folders faster only costs the busy machine.
        pollMs: 500,
      });
}

export async function startDemoServer(config: DemoConfig, options: StartDemoOptions): Promise<DemoServer> {
  const { logger } = options;
  let site: { distDir?: string; storefront?: Hono };
  try {
    site = await (options.site ?? (() => defaultSite(config)))();
  } catch (error) {
    throw new DemoStartError('demo site', errorMessage(error), {
      cause: error,
    });
  }

  const store = new ConsoleStore(resolveTopicNames());
  const tail = openTail(config, store, options.backlog ?? 100, logger);
  const health = new HealthMonitor({
    gateway: config.gatewayUrl,
    cdc: config.cdcHealthUrl,
    external: config.externalHealthUrl,
    processor: config.processorHealthUrl,
  });
  health.start();
  const source = (): SourceInfo => {
    const s = tail.status();
    return {
      kind: config.source.kind,
      describe: describeSource(config.source),
      readable: s.readable,
      ...(s.lastError === undefined ? {} : { lastError: s.lastError }),
    };
  };
  const hub = new ConsoleHub({ store, health, source });
  const app = createDemoApp({
    hub,
    ...site,
    ready: () => {
      const s = source();
      if (s.readable) return { ok: true };
      const fix =
        s.kind === 'kafka'
          ? 'is the broker up? (`npm run kafka -- start` starts one; --brokers or $KAFKA_BROKERS says where)'
          : 'check --data-dir';
      return {
        ok: false,
        reason: `cannot read the topics from ${s.describe}${s.lastError ? ` (${s.lastError})` : ''}; ${fix}`,
      };
    },
  });

  let server: ServerType;
  try {
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    hub.close();
    await Promise.all([tail.close(), health.stop()]);
    const reason = errorMessage(error);
    throw new DemoStartError(
      'http server',
      `cannot listen on ${config.host}:${config.port} (${reason}); free the port or pass another --port`,
      { cause: error },
    );
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close(timeoutMs = 5_000) {
      closing ??= (async () => {
        hub.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Keep-alive sockets and streams that did not end in time are cut, so shutdown stays bounded.
        const timer = setTimeout(
          () => (server as { closeAllConnections?: () => void }).closeAllConnections?.(),
          timeoutMs,
        );
        timer.unref();
        (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        await Promise.all([closed, tail.close(), health.stop()]);
        clearTimeout(timer);
      })();
      return closing;
    },
  };
}
