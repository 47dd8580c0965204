import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { barsSource, KEY_ENV, weatherSource } from '../testing/external-collector';
import { loadConfig, resolveConfig } from './config';
import { isExternalConfigError } from './errors';

const SEED = new URL('../../examples/seed.json', import.meta.url).pathname;
const SEED_ENV = { INLET_WEATHER_API_KEY: 'k', INLET_MAPS_API_KEY: 'k', INLET_MARKET_API_KEY: 'k' };

function issuesOf(input: unknown, env: Record<string, string> = KEY_ENV): string[] {
  try {
    resolveConfig(input, 'c.json', { env });
  } catch (error) {
    if (isExternalConfigError(error)) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('external collector config', () => {
  it('loads the seed profile with every default resolved', async () => {
    const config = await loadConfig(SEED, { env: SEED_ENV, baseUrl: 'http://127.0.0.1:5555/' });
    expect(config.sources.map((s) => s.name)).toEqual([
      'weather-current',
      'weather-forecast',
      'maps-incidents',
      'market-quotes',
      'market-bars',
    ]);
    const bars = config.sources[4];
    expect(bars?.url).toBe('http://127.0.0.1:5555/market/v1/bars?symbol={entity}&limit=500');
    expect(bars?.secret).toBe('k');
    expect(bars?.retry).toEqual({
      maxAttempts: 5,
      initialDelay: 500,
      maxDelay: 30_000,
      maxRetryAfter: 60_000,
    });
    expect(bars?.schedule.next(Date.parse('2026-01-01T00:00:30Z'))).toBe(Date.parse('2026-01-01T00:01:00Z'));
    expect(config.sources[3]?.entities).toEqual(['']);
    expect(config.sources[0]?.timeout).toBe(5000);
  });

  it('names every wrong field', () => {
    const issues = issuesOf({
      baseUrl: 'ftp://x',
      sources: [
        weatherSource({ schedule: { every: 'often' } }),
        barsSource({ name: 'Bars!', entities: undefined, pagination: { style: 'cursor' } }),
        weatherSource({ retry: { maxAttempts: 0 }, records: { entity: 'x' } }),
      ],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^baseUrl: /),
        expect.stringMatching(/^sources\[0\]\.schedule/),
        expect.stringMatching(/^sources\[1\]\.name: must be lowercase/),
        expect.stringMatching(/^sources\[1\]\.pagination\.nextField/),
        expect.stringMatching(/^sources\[2\]\.retry\.maxAttempts/),
        expect.stringMatching(/^sources\[2\]\.records\.observedAt/),
      ]),
    );
  });

  it('checks what only makes sense together', () => {
    expect(issuesOf({ sources: [barsSource({ entities: undefined })] })).toContain(
      'sources[0].entities: is required: the url uses {entity}',
    );
    expect(issuesOf({ sources: [weatherSource({ schedule: { cron: '61 * * * *' } })] })[0]).toMatch(
      /^sources\[0\]\.schedule\.cron: /,
    );
    expect(issuesOf({ sources: [weatherSource(), weatherSource()] })).toContain(
      'sources[1].name: duplicates sources[0]',
    );
    const limits = issuesOf({
      baseUrl: 'http://127.0.0.1:1',
      sources: [
        weatherSource({ name: 'a', provider: 'p', rateLimit: { requests: 1, per: 'second' } }),
        weatherSource({ name: 'b', provider: 'p', rateLimit: { requests: 2, per: 'second' } }),
      ],
    });
    expect(limits[0]).toMatch(/^sources\[1\]\.rateLimit: differs from another source of provider "p"/);
  });

  it('asks for a base URL and the API key variable, never printing a secret', () => {
    expect(issuesOf({ sources: [weatherSource()] })).toEqual([
      'sources[0].url: is relative: set baseUrl (or --base-url), or use an absolute URL',
    ]);
    expect(issuesOf({ baseUrl: 'http://127.0.0.1:1', sources: [weatherSource()] }, {})).toEqual([
      'sources[0].auth.env: environment variable API_KEY is not set (it holds the API key)',
    ]);
  });

  it('reports unreadable and non-JSON files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inlet-ext-config-'));
    await writeFile(join(dir, 'bad.json'), '{ "sources": [');
    await expect(loadConfig(join(dir, 'bad.json'))).rejects.toThrow(
      /bad\.json: invalid config\n {2}- \(root\): is not valid JSON/,
    );
    await expect(loadConfig(join(dir, 'missing.json'))).rejects.toThrow(/cannot read the file/);
  });
});
