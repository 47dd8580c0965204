/**
 * Load shapes as k6 writes them: stages of `duration:target`, the target reached linearly by the
 * end of each stage. The target is concurrent users (closed model) or arrivals per second (open).
 */
import { parseDuration } from '@inlet/schemas';
export interface Stage {
  readonly durationMs: number;
  readonly target: number;
}

export class StageError extends Error {
  override readonly name = 'StageError';
}

export const isStageError = (error: unknown): error is StageError =>
  error instanceof Error && error.name === 'StageError';

/** `30s:100,1m:100,10s:0` → stages; throws a StageError naming the bad part. */
export function parseStages(text: string): Stage[] {
  const stages = text.split(',').map((part) => {
    const [duration = '', target = '', extra] = part.trim().split(':');
    const durationMs = parseDuration(duration);
    const n = Number(target);
    if (
      extra !== undefined ||
      durationMs === undefined ||
      target.trim() === '' ||
      !(n >= 0) ||
      !Number.isFinite(n)
    ) {
      throw new StageError(
        `stage "${part.trim()}" must look like 30s:100 (a duration, a colon, a target ≥ 0)`,
      );
    }
    return { durationMs, target: n };
  });
  if (!stages.length) throw new StageError('--stages needs at least one stage, e.g. 30s:100,1m:100,10s:0');
  return stages;
}

export const totalMs = (stages: readonly Stage[]): number => stages.reduce((sum, s) => sum + s.durationMs, 0);

export const peakTarget = (stages: readonly Stage[]): number => Math.max(0, ...stages.map((s) => s.target));

/** The target `elapsedMs` into the run: linear from the previous stage's target (0 before the first). */
export function targetAt(stages: readonly Stage[], elapsedMs: number, initial = 0): number {
  let from = initial;
  let start = 0;
  for (const stage of stages) {
    if (elapsedMs < start + stage.durationMs) {
      return from + ((stage.target - from) * (elapsedMs - start)) / stage.durationMs;
    }
    from = stage.target;
    start += stage.durationMs;
  }
  return from;
}

/** The default shape: ramp up over the first 20%, hold, ramp down over the last 10%. */
export function rampHoldDown(durationMs: number, target: number): Stage[] {
  const up = Math.round(durationMs * 0.2);
  const down = Math.round(durationMs * 0.1);
  return [
    { durationMs: up, target },
    { durationMs: durationMs - up - down, target },
    { durationMs: down, target: 0 },
  ];
}

/** The same target throughout (the seed profile: the documented rates from the first second). */
export const constant = (durationMs: number, target: number): Stage[] => [{ durationMs, target }];
