import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLogCorruptError, isLogLockedError } from '../errors';
import { collect, jsonRecords, offsets, tempDir } from '../testing/local-log-records';
import { LocalLog } from './local-log';
import { readLocalTopic } from './reader';

let dir: string;
let cleanup: () => Promise<void>;
const open = (segmentBytes?: number) =>
  LocalLog.open({ dataDir: dir, logLevel: 'silent', ...(segmentBytes ? { segmentBytes } : {}) });
const segment = (topic: string, base = 0) => join(dir, 'log', topic, `${String(base).padStart(20, '0')}.log`);

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

describe('torn tail recovery', () => {
  it('cuts a final half line, counts it, and continues offsets from the last good record', async () => {
    let log = await open();
    await log.append(jsonRecords('t', 3));
    await log.close();
    const goodSize = (await stat(segment('t'))).size;
    await appendFile(segment('t'), '{"topic":"t","partition":0,"offset":3,"key":"k3","hea');

    log = await open();
    expect(log.recoveries()).toEqual([
      {
        topic: 't',
        truncatedBytes: 53,
        droppedLines: 1,
        reason: 'final line has no newline (write cut short)',
      },
    ]);
    expect((await stat(segment('t'))).size).toBe(goodSize);
    const next = await log.append(jsonRecords('t', 1, 3));
    expect(next.positions[0]?.baseOffset).toBe('3');
    const records = await collect(log.readTopic('t'));
    expect(offsets(records)).toEqual([0, 1, 2, 3]);
    // The file holds only whole, valid lines again.
    const lines = (await readFile(segment('t'), 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l).offset)).toEqual([0, 1, 2, 3]);
    await log.close();
  });

  it('cuts garbage lines (zero-filled blocks) and everything after them', async () => {
    let log = await open();
    await log.append(jsonRecords('t', 2));
    await log.close();
    await appendFile(segment('t'), `${'\0'.repeat(100)}\n{"topic":"t","partition":0,"offset":9}\n`);
    log = await open();
    const [report] = log.recoveries();
    expect(report).toMatchObject({
      topic: 't',
      truncatedBytes: 140,
      droppedLines: 2,
      reason: 'not valid JSON',
    });
    expect(offsets(await collect(log.readTopic('t')))).toEqual([0, 1]);
    await log.close();
  });

  it('cuts a line whose offset breaks the sequence', async () => {
    let log = await open();
    await log.append(jsonRecords('t', 2));
    await log.close();
    await appendFile(
      segment('t'),
      '{"topic":"t","partition":0,"offset":7,"key":null,"headers":{},"timestamp":1,"value":"x"}\n',
    );
    log = await open();
    expect(log.recoveries()[0]?.reason).toBe('offset 7 where 2 was expected');
    expect((await log.append(jsonRecords('t', 1))).positions[0]?.baseOffset).toBe('2');
    await log.close();
  });

  it('recovers a segment that is torn from its first byte', async () => {
    let log = await open(400);
    for (let i = 0; i < 10; i++) await log.append(jsonRecords('t', 1, i));
    await log.close();
    const { nextOffset } = (await open().then(async (l) => {
      const u = l.usage()[0];
      await l.close();
      return u;
    })) ?? { nextOffset: -1 };
    await writeFile(segment('t', nextOffset), '{"topic":"t","par');
    log = await open(400);
    expect(log.recoveries()[0]).toMatchObject({ droppedLines: 1, truncatedBytes: 17 });
    expect((await log.append(jsonRecords('t', 1, 10))).positions[0]?.baseOffset).toBe(String(nextOffset));
    expect(offsets(await collect(log.readTopic('t')))).toEqual(Array.from({ length: 11 }, (_, i) => i));
    await log.close();
  });

  it('lets a standalone reader stop at an unrecovered tail instead of failing', async () => {
    const log = await open();
    await log.append(jsonRecords('t', 2));
    await log.close();
    await appendFile(segment('t'), 'garbage\n{"topic":"t"');
    expect(offsets(await collect(readLocalTopic(dir, 't')))).toEqual([0, 1]);
  });

  it('fails a read on a corrupt line inside a sealed segment', async () => {
    const log = await open(300);
    for (let i = 0; i < 10; i++) await log.append(jsonRecords('t', 1, i));
    await log.close();
    await writeFile(segment('t'), 'not json\n');
    const error = await collect(readLocalTopic(dir, 't')).catch((e: unknown) => e);
    expect(isLogCorruptError(error)).toBe(true);
  });
});

describe('directory lock', () => {
  it('refuses a second writer on the same directory while the first is open', async () => {
    const log = await open();
    const error = await open().catch((e: unknown) => e);
    expect(isLogLockedError(error)).toBe(true);
    await log.close();
    const again = await open();
    await again.close();
  });

  it('takes over a lock left by a dead process', async () => {
    const log = await open();
    await log.close();
    // pid 2^22 + 1 is above Linux's pid_max ceiling: no live process has it.
    await writeFile(join(dir, 'log', '.lock'), `${2 ** 22 + 1}\n`);
    const again = await open();
    expect(again.ready()).toBe(true);
    await again.close();
  });
});
