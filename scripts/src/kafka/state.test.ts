import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { brokerRunning, readState, removeState, stateFile, writeState } from './state';

describe('dev broker state file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inlet-state-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips, and reads as absent after removal', async () => {
    const state = {
      pid: 123,
      port: 9092,
      controllerPort: 9093,
      dataDir: '/d',
      version: '4.4.0',
      startedAt: '2026-01-01T00:00:00.000Z',
    };
    await writeState(join(dir, 'nested'), state);
    expect(await readState(join(dir, 'nested'))).toEqual(state);
    await removeState(join(dir, 'nested'));
    expect(await readState(join(dir, 'nested'))).toBeUndefined();
  });

  it('treats a torn or foreign file as no state', async () => {
    await writeFile(stateFile(dir), '{"pid": 12');
    expect(await readState(dir)).toBeUndefined();
    await writeFile(stateFile(dir), '{"pid": "12"}');
    expect(await readState(dir)).toBeUndefined();
  });

  it('does not take a live pid of another program for the broker', () => {
    const state = {
      pid: process.pid,
      port: 1,
      controllerPort: 2,
      dataDir: '/nowhere',
      version: 'x',
      startedAt: '',
    };
    expect(brokerRunning(state)).toBe(process.platform !== 'linux');
    expect(brokerRunning({ ...state, pid: 2 ** 22 + 1 })).toBe(false);
  });
});
