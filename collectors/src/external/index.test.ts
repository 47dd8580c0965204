/** Uses only the public entry point, the way another package would. */
import { startExternalApi } from '@inlet/simulators/external-api';
import { MemorySink } from '@inlet/streams/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  ExternalCollector,
  formatRuns,
  isExternalConfigError,
  MemoryStateStore,
  resolveConfig,
} from './index';

describe('@inlet/collectors/external', () => {
  it('collects from a source declared in a config, through the public API', async () => {
    const api = await startExternalApi();
    try {
      const config = resolveConfig(
        {
          baseUrl: api.url,
          sources: [
            {
              name: 'quotes',
              url: '/market/v1/quotes?symbols=AAPL,SAP',
              auth: { in: 'header', name: 'X-Api-Key', env: 'KEY' },
              schedule: { every: '30s' },
              records: {
                path: 'quotes',
                entity: 'quote:{item.symbol}',
                observedAt: 'item.ts',
                fields: { price: 'number' },
              },
            },
          ],
        },
        'inline',
        { env: { KEY: 'inlet-dev-key' } },
      );
      const sink = new MemorySink();
      const store = new MemoryStateStore();
      const collector = await ExternalCollector.create({
        config,
        sink,
        store,
        topics: { externalData: 'ext', deadLetter: 'dlq' },
        logger: pino({ level: 'silent' }),
      });
      const run = await collector.runNow('quotes');
      expect(run).toMatchObject({ source: 'quotes', kind: 'manual', status: 'success', records: 2 });
      expect(sink.records('ext').map((r) => r.key)).toEqual(['quotes:quote:AAPL', 'quotes:quote:SAP']);
      expect(formatRuns(await store.readRuns())).toMatch(/quotes\s+manual\s.+success\s+2\s+0\s+1\s/);
    } finally {
      await api.close();
    }
    const bad = (() => {
      try {
        return resolveConfig({ sources: [] }, 'inline');
      } catch (error) {
        return error;
      }
    })();
    expect(isExternalConfigError(bad) && bad.issues).toEqual([
      { path: 'sources', message: 'must have at least 1 items, got 0' },
    ]);
  });
});
