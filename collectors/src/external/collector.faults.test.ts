/** Every fault the stand-ins can throw, against the collector over real HTTP on 127.0.0.1. */
import { DeadLetterRecordSchema } from '@inlet/schemas';
import type { MemorySink } from '@inlet/streams/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeCollector, TOPICS, useStandIns, weatherSource } from '../testing/external-collector';

const api = useStandIns();
beforeEach(() => {
  api.faults.clear();
});

/** One weather run for one city, with the given fault on. */
async function runWithFault(fault: Parameters<typeof api.faults.set>[1], over: Record<string, unknown> = {}) {
  api.faults.set('weather', fault);
  const t = await makeCollector(api, [weatherSource({ entities: ['paris'], conditional: false, ...over })]);
  const run = await t.collector.runNow('weather');
  const retries = t.lines.filter((l) => l.msg === 'retrying');
  return { ...t, run, retries, sink: t.sink as MemorySink };
}

describe('external collector under faults', () => {
  it('retries 500/502/503 and succeeds when the provider recovers', async () => {
    for (const status of [500, 502, 503] as const) {
      const { run, retries } = await runWithFault({ status, times: 2 });
      expect(run).toMatchObject({ status: 'success', records: 1, attempts: 3 });
      expect(retries).toHaveLength(2);
    }
  });

  it('waits what Retry-After says on 429, capped by retry.maxRetryAfter', async () => {
    const honoured = await runWithFault(
      { status: 429, retryAfterS: 1, times: 1 },
      { retry: { maxAttempts: 3, maxRetryAfter: '2s' } },
    );
    expect(honoured.run.status).toBe('success');
    expect(honoured.retries.map((l) => l.delayMs)).toEqual([1000]);
    const capped = await runWithFault(
      { status: 429, retryAfterS: 3600, times: 1 },
      { retry: { maxAttempts: 3, maxRetryAfter: '20ms' } },
    );
    expect(capped.retries.map((l) => l.delayMs)).toEqual([20]);
    expect(capped.run.status).toBe('success');
  });

  it('gives up after maxAttempts and records a failed run', async () => {
    const { run, sink, store } = await runWithFault({ status: 503 });
    expect(run).toMatchObject({ status: 'failed', records: 0, attempts: 3 });
    expect(run.error).toMatch(
      /^paris: GET http:\/\/127\.0\.0\.1:\d+\/weather\/v1\/current\?city=paris&appid=\*\*\*: HTTP 503/,
    );
    expect(run.error).not.toMatch(/inlet-dev-key/);
    expect(sink.records()).toHaveLength(0);
    expect(await store.readRuns()).toEqual([run]);
  });

  it('times out a hanging provider, retries, and fails the run when it never answers', async () => {
    const recovered = await runWithFault({ hang: true, times: 1 }, { timeout: '100ms' });
    expect(recovered.run).toMatchObject({ status: 'success', attempts: 2 });
    const stuck = await runWithFault(
      { hang: true },
      { timeout: '50ms', retry: { maxAttempts: 2, initialDelay: 1 } },
    );
    expect(stuck.run.status).toBe('failed');
    expect(stuck.run.error).toMatch(/no response within 50 ms after 2 attempts/);
  });

  it('retries a malformed body; one that stays malformed is dead-lettered and the run fails', async () => {
    expect((await runWithFault({ malformed: true, times: 1 })).run).toMatchObject({
      status: 'success',
      attempts: 2,
    });
    const { run, sink } = await runWithFault({ malformed: true });
    expect(run).toMatchObject({ status: 'failed', deadLettered: 1 });
    const [dead] = sink.json(TOPICS.deadLetter);
    expect(DeadLetterRecordSchema.parse(dead)).toMatchObject({
      reason: 'malformed',
      source: 'collector-external',
      sourceName: 'weather',
      payload: { format: 'text' },
    });
  });

  it('waits out latency below the timeout', async () => {
    const { run } = await runWithFault({ latencyMs: 60 }, { timeout: '2s' });
    expect(run).toMatchObject({ status: 'success', attempts: 1, records: 1 });
  });

  it('sends schema drift to the dead-letter topic and marks the run partial', async () => {
    api.faults.set('weather', { drift: true, times: 1 });
    const t = await makeCollector(api, [weatherSource({ entities: ['paris', 'tokyo'] })]);
    const run = await t.collector.runNow('weather');
    expect(run).toMatchObject({ status: 'partial', records: 0, deadLettered: 2 });
    const dead = (t.sink as MemorySink).json(TOPICS.deadLetter).map((d) => DeadLetterRecordSchema.parse(d));
    expect(dead[0]).toMatchObject({
      reason: 'invalid_record',
      errors: [{ path: 'current.temp_c', message: 'is missing (the API may have renamed it: schema drift)' }],
      payload: { format: 'json', value: { city: { id: 'paris' } } },
      originalTopic: TOPICS.externalData,
    });
  });

  it('does not retry a refused key, and says where the key comes from', async () => {
    const t = await makeCollector(api, [weatherSource({ entities: ['paris'] })]);
    const config = { ...t.collector.sources[0] };
    expect(config.secret).toBe('inlet-dev-key');
    const wrong = await makeCollector(api, [
      weatherSource({
        entities: ['paris'],
        auth: { in: 'query', name: 'appid', env: 'API_KEY', prefix: 'x' },
      }),
    ]);
    const run = await wrong.collector.runNow('weather');
    expect(run).toMatchObject({ status: 'failed', attempts: 1 });
    expect(run.error).toMatch(/HTTP 401 \(check the API key in the auth\.env variable\)/);
    expect(run.error).not.toMatch(/xinlet-dev-key/);
  });
});
