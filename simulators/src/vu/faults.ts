import type { SendResult, Transport } from '@inlet/sdk-core';
import { Rng } from './rng';
import type { Scheduler } from './scheduler';

export interface OfflineWindow {
  /** From the start of the run, ms. */
  readonly startMs: number;
  readonly durationMs: number;
}

export interface FaultOptions {
  /** While a window is open, sends fail at once as a network error (the device is offline). @default none */
  readonly offline?: readonly OfflineWindow[];
  /** Mean latency added to each request, ms (exponentially distributed). @default 0 */
  readonly latencyMs?: number;
  /**
   * Share of accepted requests whose answer is lost on the way back: the gateway stored the events,
   * the SDK sees a network error and sends them again (the duplicate case). @default 0
   */
  readonly dropResponses?: number;
}

export interface FaultCounts {
  /** Requests refused while offline (they never left). */
  offlineRequests: number;
  /** Requests whose 200 answer was thrown away. */
  droppedResponses: number;
  /** Events accepted by the gateway whose answer was thrown away: each will be sent again. */
  resentAccepted: number;
  /** Events rejected (dead-lettered) whose answer was thrown away: the resend is dead-lettered again. */
  resentRejected: number;
}

/** `20s+5s,1m+10s` (start+length) → windows; undefined when unreadable. */
export function parseOfflineWindows(
  text: string,
  parse: (t: string) => number | undefined,
): OfflineWindow[] | undefined {
  const windows: OfflineWindow[] = [];
  for (const part of text.split(',')) {
    const [start = '', length = '', extra] = part.split('+');
    const startMs = start.trim() === '0' ? 0 : parse(start);
    const durationMs = parse(length);
    if (extra !== undefined || startMs === undefined || durationMs === undefined) return undefined;
    windows.push({ startMs, durationMs });
  }
  return windows;
}

/**
 * Wraps the shared transport with the faults a real network has. The SDK cores cannot tell: they
 * see the same `SendResult`s a flaky network would give them. Delays use the run's scheduler, so
 * faults work the same in virtual time.
 */
export function faultyTransport(
  inner: Transport,
  options: FaultOptions,
  scheduler: Scheduler,
  seed: number,
): { transport: Transport; counts: FaultCounts } {
  const rng = new Rng(seed, 0xfa17);
  const startedAt = scheduler.now();
  const counts: FaultCounts = {
    offlineRequests: 0,
    droppedResponses: 0,
    resentAccepted: 0,
    resentRejected: 0,
  };
  const { offline = [], latencyMs = 0, dropResponses = 0 } = options;
  const isOffline = () => {
    const t = scheduler.now() - startedAt;
    return offline.some((w) => t >= w.startMs && t < w.startMs + w.durationMs);
  };
  const transport: Transport = {
    async send(batch, sendOptions): Promise<SendResult> {
      if (isOffline()) {
        counts.offlineRequests++;
        return { kind: 'retry-later', reason: 'network error: offline (simulated)' };
      }
      if (latencyMs > 0) {
        const wait = rng.exponential(latencyMs);
        await new Promise<void>((resolve) => scheduler.setTimeout(resolve, wait));
      }
      const result = await inner.send(batch, sendOptions);
      if (result.kind === 'ok' && dropResponses > 0 && rng.chance(dropResponses)) {
        counts.droppedResponses++;
        counts.resentRejected += result.rejected.length;
        counts.resentAccepted += batch.batch.length - result.rejected.length;
        return { kind: 'retry-later', reason: 'network error: response lost (simulated)' };
      }
      return result;
    },
  };
  return { transport, counts };
}
