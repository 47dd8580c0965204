/** Keeps the status line current: topic counts every second on a TTY, a plain line every 10 s otherwise. */
import { formatStatus, type StatusSample, silentTopics } from './status-line';
import type { Terminal } from './terminal';
import { kafkaTopicCounter, localTopicCounter, type TopicCounter } from './topic-counts';

export interface WatchTopicsOptions {
  /** Kafka's bootstrap list, or undefined to read the local logs in `localDirs`. */
  readonly brokers: string | undefined;
  readonly localDirs: readonly string[];
  readonly terminal: Terminal;
  /** When `npm start` started (the "all topics" line says how long it took). */
  readonly started: number;
}

/** Starts watching; resolves the returned function once the watch has stopped. */
export function watchTopics(options: WatchTopicsOptions): () => Promise<void> {
  const counter: TopicCounter = options.brokers
    ? kafkaTopicCounter(options.brokers.split(','))
    : localTopicCounter(options.localDirs);
  const everyMs = options.terminal.live ? 1_000 : 10_000;
  let first: StatusSample | undefined;
  let previous: StatusSample | undefined;
  let announced = false;
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();

  const sample = async (): Promise<void> => {
    const counts = await counter.counts().catch(() => undefined);
    if (!counts || stopped) return;
    const now = { at: Date.now(), counts };
    // Counts since the first sample, time since npm start.
    first ??= { at: options.started, counts };
    if (previous) options.terminal.showStatus(formatStatus(first, previous, now, options.terminal.width()));
    previous = now;
    const silent = silentTopics(first, now);
    if (!announced && silent.length === 0) {
      announced = true;
      const seconds = ((now.at - options.started) / 1_000).toFixed(1);
      options.terminal.say(`  ✔ records on all nine topics ${seconds} s after npm start`);
    }
  };
  busy = sample();
  const timer = setInterval(() => {
    busy = busy.then(sample);
  }, everyMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await busy;
    await counter.close();
  };
}
