/**
 * Test doubles for this and other packages' tests (`@inlet/sdk-core/testing`): an in-memory
 * transport whose answers are scripted per call and which records every batch it got.
 */
import { type Core, createCore, type Platform } from '../core';
import type { InletError } from '../errors';
import { memoryKv, memoryStore } from '../memory-store';
import type { CoreOptions } from '../options';
import type { KeyValueStore } from '../seams/key-value-store';
import type { QueueStore } from '../seams/queue-store';
import type { OutgoingBatch, SendOptions, SendResult, Transport } from '../seams/transport';

/** An answer: a result, an Error to throw (a network failure), or a function of the batch (may be async). */
export type FakeResponse =
  | SendResult
  | Error
  | ((batch: OutgoingBatch, options: SendOptions | undefined) => SendResult | Promise<SendResult>);

export interface FakeCall {
  readonly body: OutgoingBatch;
  readonly options: SendOptions | undefined;
  readonly messageIds: readonly string[];
  /** Set once the send settled. */
  outcome?: SendResult | Error;
}

export interface FakeTransport extends Transport {
  /** Every send, in order. */
  readonly calls: FakeCall[];
  /** messageIds the fake acknowledged (ok and not rejected), in order; a repeat is a duplicate delivery. */
  readonly acknowledged: string[];
  /** messageIds that were in two sends at the same time (must stay empty). */
  readonly overlaps: string[];
  /** Answers for the next sends, in order; once used up, the fallback answers. */
  respond(...responses: FakeResponse[]): void;
  /** Sends in progress now, and the most there ever were at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
}

const idsOf = (body: OutgoingBatch) => body.batch.map((e) => String(e.messageId));

/** ok for every event of the batch, rejecting those at `indices`. */
export const ok =
  (...indices: number[]): FakeResponse =>
  (body) => ({
    kind: 'ok',
    rejected: indices.map((index) => ({
      index,
      messageId: String(body.batch[index]?.messageId),
      errors: [{ path: `batch[${index}]`, message: 'rejected by the fake' }],
    })),
  });

export const retryLater = (retryAfterMs?: number): SendResult =>
  retryAfterMs === undefined
    ? { kind: 'retry-later', reason: 'HTTP 503' }
    : { kind: 'retry-later', reason: 'HTTP 503', retryAfterMs };

export const tooLarge: SendResult = { kind: 'too-large' };

export const fatal = (status = 401): SendResult => ({ kind: 'fatal', reason: `HTTP ${status}`, status });

/** A send that waits until `release` is called, to hold requests open in concurrency tests. */
export function held(result: FakeResponse = ok()): { response: FakeResponse; release: () => void } {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    response: async (body, options) => {
      await gate;
      return typeof result === 'function'
        ? result(body, options)
        : result instanceof Error
          ? Promise.reject(result)
          : result;
    },
    release: () => release(),
  };
}

export function fakeTransport(fallback: FakeResponse = ok()): FakeTransport {
  const script: FakeResponse[] = [];
  const sending = new Set<string>();
  const fake: FakeTransport = {
    calls: [],
    acknowledged: [],
    overlaps: [],
    inFlight: 0,
    maxInFlight: 0,
    respond(...responses) {
      script.push(...responses);
    },
    async send(body, options) {
      const messageIds = idsOf(body);
      const call: FakeCall = { body, options, messageIds };
      fake.calls.push(call);
      for (const id of messageIds) {
        if (sending.has(id)) fake.overlaps.push(id);
        sending.add(id);
      }
      const self = fake as { inFlight: number; maxInFlight: number };
      self.inFlight++;
      self.maxInFlight = Math.max(self.maxInFlight, self.inFlight);
      const response = script.shift() ?? fallback;
      try {
        if (response instanceof Error) throw response;
        const result = typeof response === 'function' ? await response(body, options) : response;
        call.outcome = result;
        if (result.kind === 'ok') {
          const rejected = new Set(result.rejected.map((r) => r.index));
          messageIds.forEach((id, index) => {
            if (!rejected.has(index)) fake.acknowledged.push(id);
          });
        }
        return result;
      } catch (error) {
        call.outcome = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        self.inFlight--;
        for (const id of messageIds) sending.delete(id);
      }
    },
  };
  return fake;
}

export type TestPlatform = Platform & {
  readonly transport: FakeTransport;
  /** The queue `store` makes (whatever the caps), for tests to look into. */
  readonly queue: QueueStore;
  readonly kv: KeyValueStore;
};

/** A platform for tests: the fake transport, a memory queue and key-value store, a fixed library. */
export function testPlatform({
  queue = memoryStore(),
  ...overrides
}: Partial<Omit<TestPlatform, 'store'>> = {}): TestPlatform {
  return {
    transport: fakeTransport(),
    kv: memoryKv(),
    library: { name: '@inlet/test', version: '0.0.0' },
    ...overrides,
    queue,
    store: () => queue,
  };
}

/**
 * A core with write key `wk` on a test platform, collecting what it reports to `onError`. random()
 * is 1 unless given: every backoff is its full ceiling, so schedules are exact.
 */
export function testCore(
  options: Partial<CoreOptions> = {},
  platform: Partial<Omit<TestPlatform, 'store'>> = {},
) {
  const p = testPlatform({ random: () => 1, ...platform });
  const errors: InletError[] = [];
  const core: Core = createCore({ writeKey: 'wk', onError: (e) => errors.push(e), ...options }, p);
  return { core, p, t: p.transport, errors, queue: p.queue };
}
