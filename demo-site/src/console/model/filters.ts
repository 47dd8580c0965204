/** The event list's filters, kept in the page's URL query so a view can be shared or reloaded. */
import type { ConsoleRecord } from './protocol';

export interface Filters {
  /** Exact topic name; empty = all. */
  readonly topic: string;
  /** Exact record type (`track`, `page`, `u`…); empty = all. */
  readonly type: string;
  /** Case-insensitive text searched in the key, label and value; empty = all. */
  readonly text: string;
}

export const NO_FILTERS: Filters = { topic: '', type: '', text: '' };

const PARAMS = { topic: 'topic', type: 'type', text: 'q' } as const;
/** Longer text is cut: a URL is not a place for a novel. */
const MAX_LENGTH = 200;

export function filtersFromQuery(search: string): Filters {
  const params = new URLSearchParams(search);
  const read = (name: string) => (params.get(name) ?? '').trim().slice(0, MAX_LENGTH);
  return { topic: read(PARAMS.topic), type: read(PARAMS.type), text: read(PARAMS.text) };
}

/** The query string (with `?`, or empty) for `filters`, keeping other parameters of `search`. */
export function filtersToQuery(filters: Filters, search = ''): string {
  const params = new URLSearchParams(search);
  for (const [field, name] of Object.entries(PARAMS) as [keyof Filters, string][]) {
    const value = filters[field].trim();
    if (value === '') params.delete(name);
    else params.set(name, value);
  }
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

export function matches(record: ConsoleRecord, filters: Filters): boolean {
  if (filters.topic !== '' && record.topic !== filters.topic) return false;
  if (filters.type !== '' && record.type !== filters.type) return false;
  if (filters.text === '') return true;
  const needle = filters.text.toLowerCase();
  return [record.key ?? '', record.label, record.value ?? '', record.type].some((s) =>
    s.toLowerCase().includes(needle),
  );
}

export const isFiltered = (filters: Filters): boolean =>
  filters.topic !== '' || filters.type !== '' || filters.text !== '';
