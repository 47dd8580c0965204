/**
 * Starts one gateway process: publisher (local log, or Kafka + spool), topic creation, the Hono app,
 * and the HTTP server. `stop()` is the graceful shutdown the signal handlers call; tests and the bench
 * call `startGateway` in-process.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { parseEvent } from '@inlet/schemas';
import { toStreamLogger } from '@inlet/streams';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { createApp } from '../app/create-app';
import { REQUEST_LIMITS } from '../app/request-limits';
import type { ResolvedConfig } from '../config/load';
import { type CreatePublisherOptions, createPublisher } from '../delivery/create-publisher';
import type { Publisher } from '../delivery/publisher';
import { answerClientErrors } from './client-errors';
import { keepTopicsCreated } from './kafka-topics';
import { createServerLogger } from './logger';
import { nodePeerAddress } from './node-peer-address';
import { closeServer } from './shutdown';

export interface StartGatewayOptions {
  /** Default: pino on stdout at `config.logLevel`. */
  readonly logger?: Logger;
  /** Worker slot of a `--workers N` cluster: its own data directory. Default: none (a single process). */
  readonly slot?: number;
  readonly registry?: Registry;
  /** Longest wait for the first topic-creation attempt before listening anyway, in ms. Default 10 000. */
  readonly topicsWaitMs?: number;
  /** Test and benchmark overrides of the delivery layer. */
  readonly kafkaSpool?: CreatePublisherOptions['kafkaSpool'];
}

export interface RunningGateway {
  /** `http://host:port`. */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  readonly publisher: Publisher;
  /** Where the local log or the spool keeps its topic directories. */
  readonly storageDir: string;
  /** Graceful stop: stop accepting, answer in-flight requests, flush and close the publisher. Idempotent. */
  stop(): Promise<void>;
}

const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);

export async function startGateway(
  config: ResolvedConfig,
  options: StartGatewayOptions = {},
): Promise<RunningGateway> {
  const logger =
    options.logger ?? createServerLogger(config, options.slot === undefined ? {} : { worker: options.slot });
  const streamLogger = toStreamLogger(logger.child({ component: 'streams' }));
  const { publisher, storageDir } = await createPublisher(config, {
    ...(options.slot === undefined ? {} : { slot: options.slot }),
    logger: logger.child({ component: 'delivery' }),
    streamLogger,
    ...(options.kafkaSpool ? { kafkaSpool: options.kafkaSpool } : {}),
  });
  const topics = config.sink === 'kafka' ? keepTopicsCreated(config, logger, streamLogger) : undefined;
  if (topics) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      topics.first,
      new Promise((r) => (timer = setTimeout(r, options.topicsWaitMs ?? 10_000))),
    ]);
    clearTimeout(timer);
  }

  // zod compiles the event parser on first use (~60 ms): pay it here, not in the first request.
  parseEvent({ type: 'track', event: 'warm-up', anonymousId: 'warm-up' });
  const abort = new AbortController();
  const app = createApp({
    config,
    publisher,
    logger,
    signal: abort.signal,
    peerAddress: nodePeerAddress,
    ...(options.registry ? { registry: options.registry } : {}),
  });
  let server: Server;
  try {
    server = await listen(app.fetch, config.host, config.port, logger);
  } catch (error) {
    topics?.stop();
    await publisher.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${hostForUrl(config.host)}:${port}`;
  logger.info({ url, sink: config.sink, storageDir, worker: options.slot }, 'inlet-gateway listening');

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      abort.abort();
      topics?.stop();
      await closeServer(server, Math.floor(config.shutdownTimeoutMs / 2));
      await publisher.close();
    })();
    return stopping;
  };
  return { url, port, server, publisher, storageDir, stop };
}

function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  hostname: string,
  port: number,
  logger: Logger,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({
      fetch,
      hostname,
      port,
      serverOptions: { maxHeaderSize: REQUEST_LIMITS.parserMaxHeadBytes },
    }) as Server;
    answerClientErrors(server, { logger });
    const onError = (error: NodeJS.ErrnoException) => {
      const hint =
        error.code === 'EADDRINUSE' ? ` (another process uses port ${port}: pick another with --port)` : '';
      reject(new Error(`cannot listen on ${hostname}:${port}: ${error.message}${hint}`, { cause: error }));
    };
    server.once('error', onError);
    server.once('listening', () => {
      server.off('error', onError);
      resolve(server);
    });
  });
}
