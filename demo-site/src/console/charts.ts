/**
 * The live charts (uPlot): one small events/s chart per topic over the last two minutes, and a
 * per-minute timeline of every topic over the last hour.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { BucketCounter } from './model/buckets';
import { topicColor } from './palette';

const SECONDS = 120;
const MINUTES = 60;
const MIN_MINUTES = 15;

function width(container: HTMLElement, fallback: number): number {
  return Math.max(120, Math.floor(container.getBoundingClientRect().width) || fallback);
}

/** x values (uPlot wants seconds) and one series of per-second rates. */
function seconds(counter: BucketCounter, topic: string, now: number): uPlot.AlignedData {
  const w = counter.window([topic], now - 1_000, SECONDS);
  const xs = (w.counts[topic] ?? []).map((_, i) => (w.start + i * w.bucketMs) / 1000);
  return [xs, [...(w.counts[topic] ?? [])]];
}

export class TopicChart {
  readonly #plot: uPlot;

  constructor(
    readonly container: HTMLElement,
    readonly topic: string,
    color: string,
  ) {
    this.#plot = new uPlot(
      {
        width: width(container, 260),
        height: 70,
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] } },
        axes: [
          { show: false },
          {
            size: 34,
            stroke: '#7b8794',
            grid: { stroke: '#eef1f4', width: 1 },
            ticks: { show: false },
            font: '10px system-ui',
          },
        ],
        series: [{}, { stroke: color, fill: `${color}22`, width: 1.5, points: { show: false } }],
      },
      [[], []],
      container,
    );
  }

  update(counter: BucketCounter, now: number): void {
    // The bucket still filling is left out, so the line does not dip at its right end.
    this.#plot.setData(seconds(counter, this.topic, now));
  }

  resize(): void {
    this.#plot.setSize({ width: width(this.container, 260), height: 70 });
  }
}

export class TimelineChart {
  readonly #plot: uPlot;

  constructor(
    readonly container: HTMLElement,
    readonly topics: readonly string[],
  ) {
    this.#plot = new uPlot(
      {
        width: width(container, 900),
        height: 200,
        cursor: { drag: { x: false, y: false } },
        legend: { live: true },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(5, max * 1.1)] } },
        axes: [
          { stroke: '#7b8794', grid: { stroke: '#eef1f4' }, font: '11px system-ui' },
          {
            stroke: '#7b8794',
            grid: { stroke: '#eef1f4' },
            size: 48,
            font: '11px system-ui',
            label: 'records / min',
            labelFont: '11px system-ui',
            labelSize: 14,
          },
        ],
        series: [
          { label: 'minute' },
          ...topics.map((topic) => ({
            label: topic.replace(/^topic_/, ''),
            stroke: topicColor(topics, topic),
            width: 1.5,
            points: { size: 4 },
          })),
        ],
      },
      [[], ...topics.map(() => [])],
      container,
    );
  }

  update(counter: BucketCounter, now: number): void {
    const w = counter.window(this.topics, now, MINUTES);
    const length = w.counts[this.topics[0] ?? '']?.length ?? 0;
    // From the first minute with records (at least the last 15 minutes), so a fresh pipeline is not a
    // flat hour with a spike at its right edge.
    let first = length;
    for (const t of this.topics) {
      const i = (w.counts[t] ?? []).findIndex((n) => n > 0);
      if (i >= 0 && i < first) first = i;
    }
    const from = Math.max(0, Math.min(first, length - MIN_MINUTES));
    const xs = Array.from({ length: length - from }, (_, i) => (w.start + (from + i) * w.bucketMs) / 1000);
    this.#plot.setData([xs, ...this.topics.map((t) => (w.counts[t] ?? []).slice(from))]);
  }

  resize(): void {
    this.#plot.setSize({ width: width(this.container, 900), height: 200 });
  }
}
