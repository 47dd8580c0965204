/** Output formatting of `inlet-log`, kept pure for tests. */
import type { TopicSummary } from '../local-log/inspect';
import type { StoredRecord } from '../sink';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatAge(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

/** The `topics` table: one row per topic, columns padded to align. */
export function formatTopicsTable(rows: readonly TopicSummary[], now: number): string {
  if (rows.length === 0) return 'no topics yet\n';
  const header = ['TOPIC', 'RECORDS', 'BYTES', 'SEGMENTS', 'OFFSETS', 'OLDEST'];
  const body = rows.map((r) => [
    r.topic,
    String(r.records),
    formatBytes(r.bytes),
    String(r.segments),
    r.records === 0 ? '-' : `${r.startOffset}..${r.nextOffset - 1}`,
    r.oldestTimestamp === undefined
      ? '-'
      : `${new Date(r.oldestTimestamp).toISOString()} (${formatAge(Math.max(0, now - r.oldestTimestamp))} ago)`,
  ]);
  const table = [header, ...body];
  const widths = header.map((_, c) => Math.max(...table.map((row) => row[c]?.length ?? 0)));
  const numeric = new Set([1, 2, 3]);
  return table
    .map((row) =>
      row
        .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}

/** One record as a JSON line; bytes values as base64 with `"valueEncoding":"base64"`. */
export function formatRecord(record: StoredRecord): string {
  const binary = record.value instanceof Uint8Array;
  return `${JSON.stringify({
    ...record,
    value: binary ? Buffer.from(record.value as Uint8Array).toString('base64') : record.value,
    ...(binary ? { valueEncoding: 'base64' } : {}),
  })}\n`;
}
