/** Event-time window assignment: tumbling when hop = size, hopping otherwise. Windows align to the epoch. */

/** Starts of every window `[start, start + windowMs)` that contains `eventTime`, oldest first. */
export function windowStarts(eventTime: number, windowMs: number, hopMs: number): number[] {
  const last = eventTime - mod(eventTime, hopMs);
  const starts: number[] = [];
  for (let start = last; start > eventTime - windowMs; start -= hopMs) starts.unshift(start);
  return starts;
}

const mod = (a: number, m: number): number => ((a % m) + m) % m;
