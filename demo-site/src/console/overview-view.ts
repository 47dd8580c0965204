/** The topic cards: per topic its total, its current rate and a live events/s chart. */
import { TopicChart } from './charts';
import { byId, el, formatCount, formatRate, replace, topicLabel } from './dom';
import type { ConsoleState } from './model/console-state';
import { topicColor } from './palette';

interface Card {
  readonly total: HTMLElement;
  readonly unit: HTMLElement;
  readonly rate: HTMLElement;
  readonly chart: TopicChart;
  readonly root: HTMLElement;
}

export class OverviewView {
  readonly #cards = new Map<string, Card>();
  readonly #grid = byId('topic-cards');
  readonly #summary = byId('summary');

  constructor(private readonly onPickTopic: (topic: string) => void) {}

  build(topics: readonly string[]): void {
    if ([...this.#cards.keys()].join() === topics.join()) return;
    this.#cards.clear();
    replace(this.#grid);
    for (const topic of topics) {
      const color = topicColor(topics, topic);
      const total = el('span', { class: 'card-total' }, '0');
      const unit = el('span', { class: 'muted' }, ' records · ');
      const rate = el('span', { class: 'card-rate' }, '0/s');
      const chartBox = el('div', { class: 'card-chart' });
      const name = el(
        'button',
        { class: 'card-name', type: 'button', title: `Show ${topic} in the event list` },
        topicLabel(topic),
      );
      name.addEventListener('click', () => this.onPickTopic(topic));
      const root = el(
        'section',
        { class: 'card', 'data-topic': topic, style: `--topic:${color}` },
        el('header', {}, name, rate),
        el('div', { class: 'card-sub' }, total, unit, el('code', {}, topic)),
        chartBox,
      );
      this.#grid.append(root);
      this.#cards.set(topic, { total, unit, rate, root, chart: new TopicChart(chartBox, topic, color) });
    }
  }

  render(state: ConsoleState): void {
    const now = state.updatedAt ?? Date.now();
    let all = 0;
    let rateAll = 0;
    let active = 0;
    for (const [topic, card] of this.#cards) {
      const total = state.totals[topic] ?? 0;
      const rate = state.perSecond.rate(topic, now);
      all += total;
      rateAll += rate;
      if (total > 0) active++;
      card.total.textContent = formatCount(total);
      card.unit.textContent = total === 1 ? ' record · ' : ' records · ';
      card.rate.textContent = formatRate(rate);
      card.root.classList.toggle('empty', total === 0);
      card.chart.update(state.perSecond, now);
    }
    replace(
      this.#summary,
      el('div', { class: 'stat' }, el('strong', {}, formatCount(all)), el('span', {}, 'records seen')),
      el(
        'div',
        { class: 'stat' },
        el('strong', {}, formatRate(rateAll)),
        el('span', {}, 'all topics, last 5 s'),
      ),
      el(
        'div',
        { class: 'stat' },
        el('strong', {}, `${active} / ${this.#cards.size}`),
        el('span', {}, 'topics with records'),
      ),
      el(
        'div',
        { class: 'stat' },
        el('strong', {}, formatCount(state.deadLetters.reduce((n, g) => n + g.count, 0))),
        el('span', {}, 'dead-lettered'),
      ),
    );
  }

  resize(): void {
    for (const card of this.#cards.values()) card.chart.resize();
  }
}
