/**
 * The live event list: filters (kept in the URL), Live/Pause with the count of what arrived while
 * paused, rows newest first, and the selected record's JSON with its Kafka metadata.
 */
import { byId, el, formatTime, replace, topicLabel } from './dom';
import type { ConsoleState } from './model/console-state';
import { type Filters, filtersFromQuery, filtersToQuery, isFiltered } from './model/filters';
import type { ConsoleRecord } from './model/protocol';
import { topicColor } from './palette';

const ROWS = 200;

function pretty(value: string | null): string {
  if (value === null) return 'null (tombstone)';
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}

export class EventListView {
  readonly #topic = byId<HTMLSelectElement>('filter-topic');
  readonly #type = byId<HTMLSelectElement>('filter-type');
  readonly #text = byId<HTMLInputElement>('filter-text');
  readonly #live = byId<HTMLButtonElement>('live-toggle');
  readonly #clear = byId<HTMLButtonElement>('filter-clear');
  readonly #list = byId('event-list');
  readonly #count = byId('event-count');
  readonly #detail = byId('event-detail');
  #selected: string | undefined;
  /** What the detail pane shows now; it is left alone while that stays, so its text can be selected and copied. */
  #shown: string | null | undefined = null;

  constructor(private readonly state: ConsoleState) {
    state.filters = filtersFromQuery(location.search);
    this.#text.value = state.filters.text;
    const changed = () =>
      this.#setFilters({ topic: this.#topic.value, type: this.#type.value, text: this.#text.value });
    this.#topic.addEventListener('change', changed);
    this.#type.addEventListener('change', changed);
    this.#text.addEventListener('input', changed);
    this.#clear.addEventListener('click', () => {
      this.#text.value = '';
      this.#setFilters({ topic: '', type: '', text: '' });
    });
    this.#live.addEventListener('click', () => {
      state.setPaused(!state.paused);
      this.render(true);
    });
    this.#list.addEventListener('click', (e) => {
      const row = (e.target as Element).closest<HTMLElement>('[data-id]');
      if (row?.dataset.id === undefined) return;
      this.#selected = row.dataset.id;
      this.render(true);
    });
    window.addEventListener('popstate', () => {
      state.filters = filtersFromQuery(location.search);
      this.#text.value = state.filters.text;
      this.render(true);
    });
  }

  pickTopic(topic: string): void {
    this.#setFilters({ ...this.state.filters, topic, type: '' });
    this.#list.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  #setFilters(filters: Filters): void {
    this.state.filters = filters;
    history.replaceState(null, '', `${location.pathname}${filtersToQuery(filters, location.search)}`);
    this.render(true);
  }

  #options(
    select: HTMLSelectElement,
    all: string,
    values: readonly string[],
    selected: string,
    label = (v: string) => v,
  ): void {
    const wanted = ['', ...values];
    if (selected !== '' && !wanted.includes(selected)) wanted.push(selected);
    const current = [...select.options].map((o) => o.value);
    if (current.join('\n') !== wanted.join('\n')) {
      replace(select, ...wanted.map((v) => el('option', { value: v }, v === '' ? all : label(v))));
    }
    select.value = selected;
  }

  /** `force` re-renders the rows even while paused (a filter or the selection changed). */
  render(force = false): void {
    const { state } = this;
    this.#options(this.#topic, 'All topics', state.topics, state.filters.topic, topicLabel);
    this.#options(this.#type, 'All types', state.typeOptions(), state.filters.type);
    this.#live.textContent = state.paused ? `Paused · ${state.newWhilePaused} new — resume` : 'Live · pause';
    this.#live.classList.toggle('paused', state.paused);
    this.#live.setAttribute('aria-pressed', String(state.paused));
    this.#clear.hidden = !isFiltered(state.filters);
    if (state.paused && !force) return;
    const rows = state.visible(ROWS);
    this.#count.textContent = `${rows.length === ROWS ? `newest ${ROWS}` : rows.length} shown${state.paused ? ' (paused)' : ''}`;
    replace(
      this.#list,
      ...(rows.length === 0
        ? [
            el(
              'p',
              { class: 'muted empty-note' },
              isFiltered(state.filters) ? 'No records match the filters yet.' : 'Waiting for records…',
            ),
          ]
        : rows.map((r) => this.#row(r))),
    );
    this.#renderDetail();
  }

  #row(r: ConsoleRecord): HTMLElement {
    return el(
      'button',
      {
        type: 'button',
        class: `row${r.id === this.#selected ? ' selected' : ''}`,
        'data-id': r.id,
        style: `--topic:${topicColor(this.state.topics, r.topic)}`,
      },
      el('span', { class: 'row-time' }, formatTime(r.timestamp)),
      el('span', { class: 'row-topic' }, topicLabel(r.topic)),
      el('span', { class: 'row-type' }, r.type),
      el('span', { class: 'row-label' }, r.label),
      el('span', { class: 'row-key' }, r.key ?? ''),
    );
  }

  #renderDetail(): void {
    const r = this.#selected === undefined ? undefined : this.state.record(this.#selected);
    if (this.#shown === (r?.id ?? undefined)) return;
    this.#shown = r?.id;
    if (r === undefined) {
      replace(
        this.#detail,
        el('p', { class: 'muted empty-note' }, 'Select a record to see its JSON and Kafka metadata.'),
      );
      return;
    }
    const meta: [string, string][] = [
      ['topic', r.topic],
      ['partition', String(r.partition)],
      ['offset', r.offset],
      ['key', r.key ?? 'null'],
      ['timestamp', `${new Date(r.timestamp).toISOString()} (${r.timestamp})`],
      ...Object.entries(r.headers).map(([k, v]): [string, string] => [`header ${k}`, v]),
    ];
    replace(
      this.#detail,
      el('h3', {}, `${r.type} ${r.label}`.trim()),
      el('dl', { class: 'meta' }, ...meta.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
      el('pre', { class: 'json' }, pretty(r.value)),
      r.truncated && el('p', { class: 'muted' }, 'Value cut at 16 KiB.'),
    );
  }
}
