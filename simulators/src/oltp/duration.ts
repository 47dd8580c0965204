/** Parses `500ms`, `60s`, `5m`, `1h` or a bare number of seconds into milliseconds; undefined if invalid. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2] ?? 's';
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1_000 : unit === 'm' ? 60_000 : 3_600_000;
  const ms = value * factor;
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : undefined;
}
