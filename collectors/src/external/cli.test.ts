import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLocalTopic } from '@inlet/streams';
import { describe, expect, it } from 'vitest';
import { barsSource, useStandIns, weatherSource } from '../testing/external-collector';
import { chooseSink, runInletExternal } from './cli';

const api = useStandIns();

async function cli(argv: string[], env: Record<string, string> = { API_KEY: 'inlet-dev-key' }) {
  let stdout = '';
  let stderr = '';
  const code = await runInletExternal(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env,
  });
  return { code, stdout, stderr };
}

async function configFile(sources: unknown[]): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'inlet-ext-cli-'));
  const file = join(dir, 'sources.json');
  await writeFile(file, JSON.stringify({ baseUrl: api.url, sources }));
  return { dir, file };
}

describe('chooseSink', () => {
  it('takes Kafka from KAFKA_BROKERS, IPv6 included, and the local log without brokers', () => {
    expect(chooseSink({}, { KAFKA_BROKERS: '[::1]:9092' })).toEqual({
      kind: 'kafka',
      brokers: ['[::1]:9092'],
    });
    expect(chooseSink({ 'data-dir': 'd' }, { KAFKA_BROKERS: ' ' })).toEqual({ kind: 'local', dataDir: 'd' });
    expect(() => chooseSink({ brokers: 'localhost' }, {})).toThrow(
      /--brokers \(or KAFKA_BROKERS\) has "localhost"/,
    );
  });
});

describe('inlet-external', () => {
  it('runs a source now into the local log, then lists the run', async () => {
    const { dir, file } = await configFile([weatherSource(), barsSource()]);
    const dataDir = join(dir, 'data');
    const run = await cli([
      'run',
      'weather',
      '--config',
      file,
      '--data-dir',
      dataDir,
      '--log-level',
      'silent',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // `run` uses the real clock; the stand-ins answer for their manual one.
    expect(run.stdout).toMatch(
      /^SOURCE\s+KIND\s+INTERVAL\s+STATUS\s+RECORDS\s+DLQ\s+ATTEMPTS\s+DURATION\s+ERROR\nweather\s+manual\s+\S+ \S+ → \S+\s+success\s+2\s+0\s+2\s/,
    );
    const stored = [];
    for await (const r of readLocalTopic(dataDir, 'topic_external_data')) stored.push(r.key);
    expect(stored).toEqual(['weather:city:paris', 'weather:city:tokyo']);

    const runs = await cli(['runs', '--data-dir', dataDir, '--json']);
    expect(JSON.parse(runs.stdout)).toMatchObject({ source: 'weather', status: 'success', records: 2 });
    expect((await cli(['runs', '--data-dir', dataDir, '--source', 'bars'])).stdout).toBe('No runs yet.\n');
  });

  it('validates a config and lists its sources', async () => {
    const { file } = await configFile([weatherSource(), barsSource({ schedule: { cron: '*/15 * * * *' } })]);
    const out = await cli(['validate', '--config', file]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(
      /^weather\tevery 300000 ms\t2 entities\thttp:\/\/127\.0\.0\.1:\d+\/weather\/v1\/current\?city=\{entity\}\nbars\tcron "\*\/15 \* \* \* \*"/,
    );
  });

  it('exits 2 on bad usage or config, naming the problem', async () => {
    const { file } = await configFile([weatherSource({ timeout: 'soon' })]);
    const bad = await cli(['validate', '--config', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/sources\[0\]\.timeout: must be a duration/);
    const noKey = await cli(['validate', '--config', (await configFile([weatherSource()])).file], {});
    expect(noKey.stderr).toMatch(/environment variable API_KEY is not set/);
    expect((await cli(['run', '--config', file])).stderr).toMatch(/run needs a source name/);
    expect((await cli(['start'])).stderr).toMatch(/start needs --config <file>/);
    expect((await cli(['backfill', 'x', '--from', 'monday'])).stderr).toMatch(/--from: expected an ISO 8601/);
    expect((await cli(['explode'])).code).toBe(2);
    expect((await cli(['--help'])).stdout).toMatch(/^Usage: inlet-external/);
  });

  it('exits 1 when the run fails, and refuses an unknown source', async () => {
    api.faults.set('market', { status: 503 });
    try {
      const { dir, file } = await configFile([barsSource()]);
      const out = await cli([
        'run',
        'bars',
        '--config',
        file,
        '--data-dir',
        join(dir, 'd'),
        '--log-level',
        'silent',
      ]);
      expect(out.code).toBe(1);
      expect(out.stdout).toMatch(/failed/);
      const unknown = await cli([
        'run',
        'nope',
        '--config',
        file,
        '--data-dir',
        join(dir, 'd'),
        '--log-level',
        'silent',
      ]);
      expect(unknown.stderr).toMatch(/unknown source "nope" .* \(known: bars\)/);
    } finally {
      api.faults.clear();
    }
  });
});
