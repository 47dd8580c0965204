/**
 * @inlet/sdk-core: the runtime-free tracking core shared by sdk-web, sdk-node and the virtual
 * users. Runtimes plug in a transport, a queue store, a send lock and a key-value store.
 */

export type { BackoffInput } from '@inlet/schemas/retry';
export { backoff, parseRetryAfter } from '@inlet/schemas/retry';
export { classifyResponse } from './classify-response';
export type { Core, Middleware, Platform } from './core';
export { createCore } from './core';
export type { FlushOptions } from './dispatcher';
export type { InletErrorCode } from './errors';
export { InletError, isInletError } from './errors';
export type { CallOptions, Context, EventFields, Integrations } from './event-builder';
export { batchJson, eventJson } from './event-json';
export type { Traits, User } from './identity';
export type { MemoryStoreOptions } from './memory-store';
export { memoryKv, memoryStore, overCap, totalBytes } from './memory-store';
export type { CoreOptions, ResolvedOptions, RetryOptions } from './options';
export { resolveOptions } from './options';
export type { KeyValueStore } from './seams/key-value-store';
export type { PushResult, QueueCaps, QueuedEvent, QueueStore } from './seams/queue-store';
export type { SendLock } from './seams/send-lock';
export type { Timers } from './seams/timers';
export type { OutgoingBatch, SendOptions, SendResult, Transport } from './seams/transport';
export type { DropReason, Stats } from './stats';
export { addStats, DROP_REASONS, newStats, pendingEvents } from './stats';
export { uuid } from './uuid';
