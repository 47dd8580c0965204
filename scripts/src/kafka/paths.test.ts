import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { devBrokerDir, inletCacheDir, kafkaInstallDir } from './paths';

describe('inletCacheDir', () => {
  it('prefers INLET_CACHE_DIR, then XDG_CACHE_HOME/inlet, then ~/.cache/inlet', () => {
    expect(inletCacheDir({ INLET_CACHE_DIR: '/srv/cache', XDG_CACHE_HOME: '/x' })).toBe('/srv/cache');
    expect(inletCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/inlet');
    expect(inletCacheDir({})).toBe(`${homedir()}/.cache/inlet`);
  });

  it('keeps one folder per Kafka version and one for the dev broker', () => {
    expect(kafkaInstallDir('/c', '4.4.0')).toBe('/c/kafka-4.4.0');
    expect(devBrokerDir('/c')).toBe('/c/dev-broker');
  });
});
