import {
  type Context,
  type Core,
  type CoreOptions,
  createCore,
  memoryStore,
  pendingEvents,
  type QueueStore,
  type Transport,
} from '@inlet/sdk-core';
import { LIBRARY, serverContext } from './context';
import { flushOnExit } from './exit-hooks';
import { type FileQueue, type FileQueueOptions, openFileQueue } from './file-queue/file-queue';
import { createHttpTransport, type HttpTransportOptions } from './http-transport';
import { nodeTimers } from './timers';

export interface InletNodeOptions
  extends CoreOptions,
    Pick<HttpTransportOptions, 'endpoint' | 'timeoutMs' | 'compressAbove' | 'onResponse'> {
  /** Where events wait for delivery: in memory, or in a durable journal file. @default 'memory' */
  queue?: 'memory' | FileQueueOptions;
  /** Replaces the HTTP transport (a test double, a proxy). @default createHttpTransport(options) */
  transport?: Transport;
  /** Added to every event's context, under what a call passes. @default none */
  context?: Context;
  /** Add `context.host` (hostname) and `context.runtime` (Node version). @default true */
  hostContext?: boolean;
  /** Flush on `beforeExit`, SIGTERM and SIGINT (then let the signal end the process). @default true */
  flushOnExit?: boolean;
  /** How long that exit flush may take, in ms. @default 5_000 */
  exitTimeoutMs?: number;
}

export interface CloseOptions {
  /** Give up waiting after this many ms; what is left stays queued (in the file, with a file queue). @default 10_000 */
  timeout?: number;
}

/** The core's tracking API plus Node's lifecycle. */
export interface InletNode extends Core {
  /** Resolves once the queue is open; rejects when the file queue cannot be opened (locked, unreadable). */
  ready(): Promise<void>;
  /** Flushes until the queue is empty or the timeout passed, then releases the file and sockets. Resolves with the events left. */
  closeAndFlush(options?: CloseOptions): Promise<number>;
}

/** A store that waits for the file queue to open; every call fails the same way if it could not. */
function deferredStore(opening: Promise<FileQueue>): QueueStore {
  return {
    push: async (entries) => (await opening).push(entries),
    peek: async (limit) => (await opening).peek(limit),
    update: async (entries) => (await opening).update(entries),
    remove: async (ids) => (await opening).remove(ids),
    size: async () => (await opening).size(),
    clear: async () => (await opening).clear(),
  };
}

/**
 * The Node SDK: sdk-core with a keep-alive gzip HTTP transport, unref'd timers, a memory or file
 * queue, server context, and a flush on the way out. Sessions are off unless `sessionTimeout` is
 * set: one server process usually speaks for many users (pass `userId` per call).
 */
export function createInlet(options: InletNodeOptions): InletNode {
  const {
    queue = 'memory',
    transport: given,
    context,
    hostContext = true,
    flushOnExit: hookExit = true,
    exitTimeoutMs = 5_000,
    endpoint,
    timeoutMs,
    compressAbove,
    onResponse,
    ...coreOptions
  } = options;
  const http = given
    ? undefined
    : createHttpTransport({
        ...(endpoint === undefined ? {} : { endpoint }),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        ...(compressAbove === undefined ? {} : { compressAbove }),
        ...(onResponse === undefined ? {} : { onResponse }),
        headers: { 'user-agent': `${LIBRARY.name}/${LIBRARY.version} node/${process.versions.node}` },
      });
  const opening = queue === 'memory' ? undefined : openFileQueue(queue);
  // The rejection reaches callers through ready() and the store; never unhandled.
  opening?.catch(() => {});
  const base = { ...(hostContext ? serverContext() : {}), ...context };
  const core = createCore(
    { sessionTimeout: 0, ...coreOptions },
    {
      transport: given ?? (http as Transport),
      // The file queue has caps of its own (FileQueueOptions).
      store: opening ? () => deferredStore(opening) : memoryStore,
      library: LIBRARY,
      context: base,
      timers: nodeTimers,
    },
  );

  let closing: Promise<number> | undefined;
  const closeAndFlush = ({ timeout = 10_000 }: CloseOptions = {}) => {
    closing ??= (async () => {
      unhook();
      const left = await core.close(timeout);
      await (await opening?.catch(() => undefined))?.close();
      await http?.close();
      return left;
    })();
    return closing;
  };
  const unhook = hookExit
    ? flushOnExit({
        pending: () => pendingEvents(core.stats()) > 0,
        close: () => closeAndFlush({ timeout: exitTimeoutMs }).catch(() => 0),
      })
    : () => {};

  return {
    ...core,
    ready: async () => {
      await opening;
    },
    closeAndFlush,
  };
}
