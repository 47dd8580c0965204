/** Prometheus metrics read from the runtime's running totals at scrape time. */
import { Counter, Gauge, Registry } from 'prom-client';
import type { ProcessorStats } from '../runtime/stats';

type CounterKey =
  | 'recordsIn'
  | 'windowsEmitted'
  | 'lateAccepted'
  | 'lateDropped'
  | 'invalid'
  | 'outputs'
  | 'commits'
  | 'aborts';

const COUNTERS: readonly [CounterKey, string, string][] = [
  ['recordsIn', 'inlet_processor_records_in_total', 'Input records processed and committed.'],
  [
    'windowsEmitted',
    'inlet_processor_windows_emitted_total',
    'Window results emitted (first emissions and late updates).',
  ],
  [
    'lateAccepted',
    'inlet_processor_late_events_accepted_total',
    'Events after their window closed but within the grace; they updated it.',
  ],
  ['lateDropped', 'inlet_processor_late_events_dropped_total', 'Events later than the grace, dead-lettered.'],
  [
    'invalid',
    'inlet_processor_invalid_records_total',
    'Input records that could not be read, dead-lettered.',
  ],
  ['outputs', 'inlet_processor_output_records_total', 'Records written to the output topics.'],
  [
    'commits',
    'inlet_processor_transaction_commits_total',
    'Kafka transactions (embedded: journal records) committed.',
  ],
  [
    'aborts',
    'inlet_processor_transaction_aborts_total',
    'Kafka transactions aborted (then retried or the task rebuilt).',
  ],
];

export function createMetrics(stats: ProcessorStats): Registry {
  const registry = new Registry();
  for (const [key, name, help] of COUNTERS) {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(stats[key]);
      },
    });
  }
  new Gauge({
    name: 'inlet_processor_lag_records',
    help: 'Records behind the end of each input partition, as of its last batch (Kafka mode).',
    labelNames: ['topic', 'partition'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [tp, lag] of stats.lag) {
        const [topic = '', partition = ''] = tp.split(/:(?=\d+$)/);
        this.set({ topic, partition }, lag);
      }
    },
  });
  new Gauge({
    name: 'inlet_processor_watermark_seconds',
    help: 'The oldest watermark over the tasks held, epoch seconds.',
    registers: [registry],
    collect() {
      this.reset();
      if (stats.watermark !== null) this.set(stats.watermark / 1000);
    },
  });
  return registry;
}
