import { Presets, SingleBar } from 'cli-progress';
import type { Progress } from './run';

/** A progress bar on stderr while a run goes on; none when the output is not a terminal. */
export function progressBar(enabled: boolean): { update(p: Progress): void; stop(): void } {
  if (!enabled) return { update() {}, stop() {} };
  const bar = new SingleBar(
    {
      format:
        '{bar} {percentage}% | {elapsed}s/{seconds}s | users {users} | events {events} | acked {acked} | requests {requests}',
      hideCursor: true,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const payload = {
        seconds: Math.round(p.durationMs / 1_000),
        users: p.activeUsers,
        events: p.generated,
        acked: p.acknowledged,
        requests: p.requests,
      };
      if (!started) {
        bar.start(p.durationMs, p.elapsedMs, payload);
        started = true;
      } else bar.update(p.elapsedMs, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
