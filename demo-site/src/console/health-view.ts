/** The parts' health cards; the external collector's card holds its run history per source (the Airflow view). */
import { byId, el, formatAgo, formatDuration, replace } from './dom';
import type { ExternalSource, PartHealth } from './model/protocol';

const TITLES: Readonly<Record<string, string>> = {
  gateway: 'Ingestion gateway',
  cdc: 'CDC collector',
  external: 'External collector',
  processor: 'Stream processor',
};
const NUMERIC = new Set(['records', 'attempts', 'took']);
const STATE_TEXT = { up: 'up', degraded: 'degraded', down: 'down', off: 'not running' } as const;

function runsTable(sources: readonly ExternalSource[], now: number): HTMLElement {
  const rows = sources.map((s) => {
    const runs = el(
      'span',
      { class: 'runs' },
      ...s.runs
        .slice(0, 12)
        .reverse()
        .map((r) =>
          el('span', {
            class: `run run-${r.status}`,
            title: `${r.kind} ${r.status} at ${r.startedAt}: ${r.records} records, ${r.attempts} attempts, ${r.durationMs} ms${r.error ? ` (${r.error})` : ''}`,
          }),
        ),
    );
    const last = s.runs[0];
    return el(
      'tr',
      {},
      el('td', {}, el('code', {}, s.name)),
      el('td', {}, runs),
      el('td', { class: `status-${last?.status ?? 'none'}` }, last?.status ?? '—'),
      el('td', { class: 'num' }, last ? String(last.records) : '—'),
      el('td', { class: 'num' }, last ? String(last.attempts) : '—'),
      el('td', { class: 'num' }, last ? formatDuration(last.durationMs) : '—'),
      el('td', {}, s.nextRunAt ? `in ${formatDuration(Math.max(0, Date.parse(s.nextRunAt) - now))}` : '—'),
    );
  });
  return el(
    'table',
    { class: 'runs-table' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['source', 'recent runs', 'last', 'records', 'attempts', 'took', 'next'].map((h) =>
          el('th', NUMERIC.has(h) ? { class: 'num' } : {}, h),
        ),
      ),
    ),
    el('tbody', {}, ...rows),
  );
}

export function renderHealth(parts: readonly PartHealth[], now: number): void {
  replace(
    byId('health'),
    ...parts.map((p) =>
      el(
        'section',
        { class: `part part-${p.state}`, 'data-part': p.name },
        el(
          'header',
          {},
          el('span', { class: 'dot' }),
          el('h3', {}, TITLES[p.name] ?? p.name),
          el('span', { class: 'state' }, STATE_TEXT[p.state]),
        ),
        el('p', { class: 'part-summary' }, p.summary),
        p.facts.length > 0 &&
          el('dl', {}, ...p.facts.flatMap((f) => [el('dt', {}, f.label), el('dd', {}, f.value)])),
        p.sources !== undefined && p.sources.length > 0 && runsTable(p.sources, now),
        el('p', { class: 'checked muted' }, `checked ${formatAgo(now - p.checkedAt)}`),
      ),
    ),
  );
}
