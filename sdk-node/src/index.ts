/**
 * @inlet/sdk-node: sdk-core for Node: a keep-alive gzip HTTP transport, unref'd timers, a memory or
 * durable file queue, server context, and `closeAndFlush`. The transport, the file queue and the
 * timers are exported on their own for other runtimes built on the core (the virtual users).
 */

export type { Context, Core, CoreOptions, InletError, Stats } from '@inlet/sdk-core';
export { LIBRARY, SDK_VERSION, serverContext } from './context';
export type { CloseOptions, InletNode, InletNodeOptions } from './create-inlet';
export { createInlet } from './create-inlet';
export type { FileQueueErrorCode } from './errors';
export { FileQueueError, isFileQueueError } from './errors';
export type { ExitHook } from './exit-hooks';
export { flushOnExit } from './exit-hooks';
export type { FileQueue, FileQueueOptions } from './file-queue/file-queue';
export { openFileQueue } from './file-queue/file-queue';
export type { HttpTransport, HttpTransportOptions, ResponseInfo } from './http-transport';
export { batchUrl, createHttpTransport } from './http-transport';
export { nodeTimers } from './timers';
