import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEV_KEY_FILE, isLoopbackHost } from './dev-key';
import { isConfigError } from './errors';
import { type LoadResult, loadConfig, parseResolvedConfig } from './load';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inlet-gw-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const KEY = 'wk_test_0123456789';
const config = (result: LoadResult) => {
  if (result.kind !== 'config') throw new Error('expected a config');
  return result.config;
};
/** The problems of a config that must not load. */
async function problems(argv: string[], env: Record<string, string> = {}): Promise<readonly string[]> {
  try {
    await loadConfig({ argv: ['--data-dir', dir, ...argv], env });
  } catch (error) {
    if (isConfigError(error)) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
const writeJson = async (name: string, value: unknown) => {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(value));
  return path;
};

describe('loadConfig', () => {
  it('applies the defaults and picks the local sink when no brokers are set', async () => {
    const c = config(await loadConfig({ argv: ['--write-key', KEY, '--data-dir', dir], env: {} }));
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8787, sink: 'local', brokers: [], workers: 1 });
    expect(c.writeKeys).toEqual([expect.objectContaining({ key: KEY, source: 'default' })]);
  });

  it('picks the kafka sink when brokers come from KAFKA_BROKERS', async () => {
    const c = config(
      await loadConfig({
        argv: ['--write-key', KEY],
        env: { KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093' },
      }),
    );
    expect(c.sink).toBe('kafka');
    expect(c.brokers).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
  });

  it('accepts a bracketed IPv6 broker from KAFKA_BROKERS, as npm start does', async () => {
    const c = config(await loadConfig({ argv: ['--write-key', KEY], env: { KAFKA_BROKERS: '[::1]:9092' } }));
    expect(c.sink).toBe('kafka');
    expect(c.brokers).toEqual(['[::1]:9092']);
  });

  it('ranks flags over env over the config file over defaults', async () => {
    const file = await writeJson('gateway.json', {
      port: 1111,
      host: '127.0.0.2',
      dataDir: dir,
      coalesceMs: 7,
    });
    const c = config(
      await loadConfig({
        argv: ['--config', file, '--port', '3333', '--write-key', KEY],
        env: { INLET_GATEWAY_PORT: '2222', INLET_GATEWAY_HOST: '127.0.0.3' },
      }),
    );
    expect(c).toMatchObject({ port: 3333, host: '127.0.0.3', coalesceMs: 7, dataDir: dir });
  });

  it('lets flag write keys replace the file list, and reads full write keys from the file', async () => {
    const entry = {
      key: 'file_key_0123456',
      source: 'web',
      allowedOrigins: ['https://a.example'],
      ipPolicy: 'drop',
    };
    const file = await writeJson('gateway.json', { writeKeys: [entry] });
    expect(config(await loadConfig({ argv: ['--config', file], env: {} })).writeKeys).toEqual([
      { ...entry, rateLimit: { perSecond: 1_000, burst: 2_000 } },
    ]);
    const c = config(
      await loadConfig({ argv: ['--config', file, '--write-key', KEY, '--write-key', `${KEY}x`], env: {} }),
    );
    expect(c.writeKeys.map((k) => k.key)).toEqual([KEY, `${KEY}x`]);
  });

  it('names the flag, the expected range and the given text', async () => {
    expect(await problems(['--port', 'abc', '--write-key', KEY])).toEqual([
      '--port: expected an integer from 0 to 65535, got "abc"',
    ]);
    expect(await problems(['--port', '70000', '--write-key', KEY])).toEqual([
      '--port: expected an integer from 0 to 65535, got "70000"',
    ]);
  });

  it('reports problems of every source and kind at once', async () => {
    expect(await problems(['--port', 'abc', '--workers', '0'])).toEqual([
      '--port: expected an integer from 0 to 65535, got "abc"',
      '--workers: expected an integer from 1 to 64, got "0"',
    ]);
  });

  it('names the env var and every bad field at once', async () => {
    const found = await problems(['--write-key', KEY], {
      INLET_GATEWAY_WORKERS: '0',
      INLET_GATEWAY_SINK: 'files',
      KAFKA_BROKERS: 'nohost',
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'INLET_GATEWAY_WORKERS: expected an integer from 1 to 64, got "0"',
        'INLET_GATEWAY_SINK: expected one of "kafka", "local", got "files"',
        'KAFKA_BROKERS: item 1 "nohost": expected host:port',
      ]),
    );
  });

  it('names the config file and the path inside it, never echoing a write key', async () => {
    const file = await writeJson('gateway.json', { writeKeys: [{ key: 'short', source: 'web' }], prot: 1 });
    const both = await problems(['--config', file]);
    expect(both).toHaveLength(2);
    expect(both[0]).toMatch(/gateway\.json: unknown field "prot" \(known: host, port, /);
    expect(both[1]).toBe(`${file} writeKeys[0].key: write keys must be at least 8 characters`);
    const good = await writeJson('good.json', { writeKeys: [{ key: 'short', source: 'web' }] });
    const found = await problems(['--config', good]);
    expect(found).toEqual([`${good} writeKeys[0].key: write keys must be at least 8 characters`]);
    const flagged = await problems(['--write-key', 'short']);
    expect(flagged).toEqual(['--write-key: item 1: write keys must be at least 8 characters']);
    expect(flagged.join()).not.toContain('"short"');
  });

  it('reports unreadable and malformed config files', async () => {
    expect(await problems(['--config', join(dir, 'missing.json')])).toEqual([
      `${join(dir, 'missing.json')}: cannot read the config file (no such file)`,
    ]);
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"port": ');
    expect((await problems(['--config', broken]))[0]).toMatch(/broken\.json: not valid JSON/);
  });

  it('refuses the kafka sink without brokers, and unknown flags', async () => {
    expect(await problems(['--sink', 'kafka', '--write-key', KEY])).toEqual([
      '--sink: the kafka sink needs brokers: pass --brokers host:port, set KAFKA_BROKERS, or use --sink local',
    ]);
    expect((await problems(['--prot', '1']))[0]).toMatch(/Unknown option '--prot'.*--help/);
  });

  it('generates, keeps and reuses a development key on a loopback host only', async () => {
    const first = await loadConfig({ argv: ['--data-dir', dir], env: {} });
    if (first.kind !== 'config' || first.devKey === undefined) throw new Error('expected a dev key');
    expect(first.devKey.created).toBe(true);
    expect(first.config.writeKeys).toEqual([expect.objectContaining({ source: 'development' })]);
    expect((await readFile(join(dir, DEV_KEY_FILE), 'utf8')).trim()).toBe(first.devKey.writeKey.key);
    const second = await loadConfig({ argv: ['--data-dir', dir], env: {} });
    expect(second.kind === 'config' && second.devKey?.created).toBe(false);
    expect(config(second).writeKeys[0]?.key).toBe(first.devKey.writeKey.key);
    expect((await problems(['--host', '0.0.0.0']))[0]).toMatch(/^--host: no write key configured/);
  });

  it('answers --help with the flags and their env vars', async () => {
    const result = await loadConfig({ argv: ['--help'], env: {} });
    expect(result.kind === 'help' && result.text).toContain('--spool-quota-bytes <value>');
    expect(result.kind === 'help' && result.text).toContain('INLET_GATEWAY_SPOOL_QUOTA_BYTES');
  });

  it('round-trips a resolved config for cluster workers', async () => {
    const c = config(await loadConfig({ argv: ['--write-key', KEY, '--data-dir', dir], env: {} }));
    expect(parseResolvedConfig(JSON.stringify(c))).toEqual(c);
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '10.0.0.1', '::', 'example.com'].some(isLoopbackHost)).toBe(false);
  });
});
