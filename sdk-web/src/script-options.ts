import type { WebOptions } from './options';

const NUMBERS = ['flushAt', 'flushInterval', 'maxQueueEvents', 'maxQueueBytes', 'sessionTimeout'] as const;

/**
 * Options from the script tag's data attributes: `data-write-key`, `data-endpoint`,
 * `data-page-views`/`data-clicks`/`data-errors="false"`, `data-persistence="memory"`,
 * `data-debug`, and the numbers `data-flush-at`, `data-flush-interval`, `data-max-queue-events`,
 * `data-max-queue-bytes`, `data-session-timeout`.
 */
export function scriptOptions(data: DOMStringMap): WebOptions {
  const on = (key: string) => data[key] !== 'false';
  const options: WebOptions = {
    writeKey: data.writeKey ?? '',
    endpoint: data.endpoint ?? '',
    autocapture: { pageViews: on('pageViews'), clicks: on('clicks'), errors: on('errors') },
    debug: 'debug' in data && on('debug'),
    persistence: data.persistence === 'memory' ? 'memory' : 'indexeddb',
  };
  for (const key of NUMBERS) if (data[key]) options[key] = Number(data[key]);
  return options;
}
