import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalLog } from '../local-log/local-log';
import { tempDir } from '../testing/local-log-records';
import { formatAge, formatBytes, formatRecord, formatTopicsTable } from './format';
import { runInletLog } from './inlet-log';

const BIN = fileURLToPath(new URL('../../bin/inlet-log.mjs', import.meta.url));

function capture(signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
      now: () => 1_700_000_090_000,
      ...(signal ? { signal } : {}),
    },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe('inlet-log formatting', () => {
  it('formats bytes and ages for people', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(64 * 1024 * 1024)).toBe('64.0 MiB');
    expect(formatAge(59_999)).toBe('59s');
    expect(formatAge(3_600_000)).toBe('1h');
    expect(formatAge(2 * 86_400_000)).toBe('2d');
  });

  it('prints an aligned topics table', () => {
    const table = formatTopicsTable(
      [
        {
          topic: 'topic_app_events',
          records: 1200,
          bytes: 2048,
          segments: 2,
          startOffset: 0,
          nextOffset: 1200,
          oldestTimestamp: 0,
        },
        {
          topic: 'empty',
          records: 0,
          bytes: 0,
          segments: 1,
          startOffset: 5,
          nextOffset: 5,
          oldestTimestamp: undefined,
        },
      ],
      90_000,
    );
    expect(table).toBe(
      [
        'TOPIC             RECORDS    BYTES  SEGMENTS  OFFSETS  OLDEST',
        'topic_app_events     1200  2.0 KiB         2  0..1199  1970-01-01T00:00:00.000Z (1m ago)',
        'empty                   0      0 B         1  -        -',
        '',
      ].join('\n'),
    );
    expect(formatTopicsTable([], 0)).toBe('no topics yet\n');
  });

  it('prints records as JSON lines, bytes as base64', () => {
    const base = { topic: 't', partition: 0, offset: '3', key: 'k', headers: { h: 'v' }, timestamp: 1 };
    expect(formatRecord({ ...base, value: '{"a":1}' })).toBe(
      '{"topic":"t","partition":0,"offset":"3","key":"k","headers":{"h":"v"},"timestamp":1,"value":"{\\"a\\":1}"}\n',
    );
    expect(JSON.parse(formatRecord({ ...base, value: Uint8Array.from([1, 2]) }))).toMatchObject({
      value: 'AQI=',
      valueEncoding: 'base64',
    });
  });
});

describe('inlet-log commands', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let log: LocalLog;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    log = await LocalLog.open({ dataDir: dir, logLevel: 'silent' });
    await log.append(
      Array.from({ length: 5 }, (_, i) => ({
        topic: 'events',
        key: `k${i}`,
        value: `{"i":${i}}`,
        timestamp: 1_700_000_000_000 + i,
      })),
    );
  });
  afterAll(async () => {
    await log.close();
    await cleanup();
  });

  it('topics: lists each topic', async () => {
    const c = capture();
    expect(await runInletLog(['topics', '--data-dir', dir], c.io)).toBe(0);
    expect(c.out()).toMatch(
      /^TOPIC +RECORDS +BYTES +SEGMENTS +OFFSETS +OLDEST\nevents +5 +\d+ B +1 +0\.\.4 +2023-11-14T22:13:20\.000Z \(1m ago\)\n$/,
    );
  });

  it('cat: prints JSON lines from an offset, up to a limit', async () => {
    const c = capture();
    expect(await runInletLog(['cat', 'events', '--data-dir', dir, '--from', '1', '--limit', '2'], c.io)).toBe(
      0,
    );
    const lines = c
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.offset, l.key, l.value])).toEqual([
      ['1', 'k1', '{"i":1}'],
      ['2', 'k2', '{"i":2}'],
    ]);
  });

  it('tail: prints records appended while it follows, until stopped', async () => {
    const controller = new AbortController();
    const c = capture(controller.signal);
    const running = runInletLog(['tail', 'events', '--data-dir', dir, '--from', '5'], c.io);
    await log.append([{ topic: 'events', key: 'late', value: '"new"' }]);
    await vi.waitFor(() => expect(c.out()).toContain('"late"'), { timeout: 10_000, interval: 20 });
    controller.abort();
    expect(await running).toBe(0);
    expect(
      c
        .out()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).key),
    ).toEqual(['late']);
  });

  it('explains an unknown topic and lists the known ones', async () => {
    const c = capture();
    expect(await runInletLog(['cat', 'nope', '--data-dir', dir], c.io)).toBe(1);
    expect(c.err()).toContain('topic "nope" not found');
    expect(c.err()).toContain('topics in this log: events');
  });

  it('explains a missing data directory', async () => {
    const c = capture();
    expect(await runInletLog(['topics', '--data-dir', `${dir}/missing`], c.io)).toBe(1);
    expect(c.err()).toContain(`no local log in ${dir}/missing/log: check --data-dir`);
  });

  it('rejects bad usage with exit code 2 and the usage text', async () => {
    for (const argv of [
      ['cat'],
      ['frobnicate'],
      ['cat', 'events', '--from', 'x'],
      ['topics', '--bogus'],
      [],
    ]) {
      const c = capture();
      expect(await runInletLog([...argv, '--data-dir', dir], c.io)).toBe(2);
      expect(c.err() + c.out()).toContain('Usage: inlet-log');
    }
  });

  it('runs as a bin through its tsx launcher', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      BIN,
      'cat',
      'events',
      '--data-dir',
      dir,
      '--limit',
      '1',
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ offset: '0', key: 'k0' });
  });
});
