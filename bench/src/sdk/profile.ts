/**
 * `--cpu-profile <dir>`: a V8 CPU profile of the page over the same window as the trace (the
 * burst and the time after it), written as `<sdk>-round<N>.cpuprofile` (Chrome DevTools opens
 * it), and the functions with the most self time. The profiler's sampling slows the page, so a
 * profiled run's figures are not comparable and are never appended to RESULTS.md.
 */
import type { CDPSession, Page } from 'playwright-core';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}
export interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: CallFrame }[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

export interface Profiling {
  stop(): Promise<CpuProfile>;
}

/** Sampling every 100 µs: fine enough for calls of a few µs summed over thousands of events. */
export async function startProfiling(page: Page): Promise<Profiling> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.detach();
      return profile as unknown as CpuProfile;
    },
  };
}

export interface SelfTime {
  /** `name (file:line:column)`, lines and columns from 1. */
  readonly where: string;
  readonly ms: number;
}

const label = ({ functionName, url, lineNumber, columnNumber }: CallFrame) =>
  `${functionName || '(anonymous)'}${url ? ` (${url.replace(/^.*\//, '')}:${lineNumber + 1}:${columnNumber + 1})` : ''}`;

/** Self time per function (summed over its nodes), most first: each sample's delta goes to its node. */
export function selfTimes(profile: CpuProfile, top: number): SelfTime[] {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const ms = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A sample's delta is the time since the previous one: it belongs to the node sampled before.
  for (let i = 1; i < samples.length; i++) {
    const frame = frames.get(samples[i - 1] as number);
    if (!frame) continue;
    const where = label(frame);
    ms.set(where, (ms.get(where) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  return [...ms]
    .map(([where, t]) => ({ where, ms: t }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}
