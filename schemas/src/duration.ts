/**
 * Durations as people write them in flags and config files (`500ms`, `30s`, `5m`, `1.5h`, `1d`).
 * Zod-free and runtime-free; every CLI and config loader of Inlet reads durations with this one.
 */

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export type DurationUnit = keyof typeof UNIT_MS;

export interface ParseDurationOptions {
  /** Unit of a bare number (`60`); `null` requires a unit. @default 's' */
  readonly bareUnit?: DurationUnit | null;
  /** Accept `0` (e.g. "0 turns it off"). @default false */
  readonly allowZero?: boolean;
}

const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/;

/** Milliseconds (rounded), or undefined when the text is not a duration in range. */
export function parseDuration(text: string, options: ParseDurationOptions = {}): number | undefined {
  const match = DURATION.exec(text);
  const unit =
    (match?.[2] as DurationUnit | undefined) ?? (options.bareUnit === undefined ? 's' : options.bareUnit);
  if (!match || unit === null) return undefined;
  const ms = Math.round(Number(match[1]) * UNIT_MS[unit]);
  if (!Number.isFinite(ms) || ms < 0 || (ms === 0 && !options.allowZero)) return undefined;
  return ms;
}
