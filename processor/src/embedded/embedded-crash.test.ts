import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_TOPIC_NAMES } from '@inlet/schemas';
import { type LocalLog, openLocalLog, readLocalTopic, type StoredRecord } from '@inlet/streams';
import { afterEach, describe, expect, it } from 'vitest';
import { testChildren } from '../testing/child';
import { FIXTURE_FLAGS, FIXTURE_OPTIONS } from '../testing/fixture';
import { outputsOf, recordsCounted } from '../testing/kafka-harness';
import { eventStream } from '../testing/stream';
import { EmbeddedProcessor } from './embedded-processor';
import { JOURNAL_TOPIC, type JournalEntry } from './journal';

const dirs: string[] = [];
const children = testChildren();
afterEach(async () => {
  children.killAll();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function readAllLocal(dataDir: string, topic: string): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  try {
    for await (const r of readLocalTopic(dataDir, topic)) out.push(r);
  } catch {
    return [];
  }
  return out;
}

const localOutputsOf = (dataDir: string) =>
  outputsOf(DEFAULT_TOPIC_NAMES, (topic) => readAllLocal(dataDir, topic));

async function lastPositions(dataDir: string): Promise<number> {
  const journal = await readAllLocal(dataDir, JOURNAL_TOPIC);
  const last = journal.at(-1);
  if (last === undefined) return 0;
  return Object.values((JSON.parse(String(last.value)) as JournalEntry).positions).reduce((a, b) => a + b, 0);
}

const append = (log: LocalLog, values: readonly { key: string; value: string }[]) =>
  log.append(values.map((r) => ({ topic: DEFAULT_TOPIC_NAMES.appEvents, key: r.key, value: r.value })));

describe('embedded mode (local logs) killed mid-stream', () => {
  it('after SIGKILL and a restart gives the same totals as a clean run', async () => {
    const root = await mkdtemp(join(tmpdir(), 'inlet-proc-'));
    dirs.push(root);
    const gateway = join(root, 'gateway');
    const records = eventStream(3_000);
    const input = await openLocalLog({ dataDir: gateway });
    const args = [
      '--data-dir',
      join(root, 'crash'),
      '--input-dir',
      gateway,
      '--input-dir',
      join(root, 'cdc-not-there-yet'),
      ...FIXTURE_FLAGS,
    ];
    let child = children.start(args);
    await child.waitFor('inlet-processor ready');
    for (let i = 0; i < 20; i++) {
      await append(input, records.slice(i * 150, i === 19 ? undefined : (i + 1) * 150));
      if (i === 8) {
        for (let tries = 0; (await lastPositions(join(root, 'crash'))) === 0; tries++) {
          if (tries > 300) throw new Error(`nothing committed:\n${child.lines.slice(-10).join('\n')}`);
          await sleep(50);
        }
        child.child.kill('SIGKILL');
        expect(await child.exited).toBe('SIGKILL');
        child = children.start(args);
        await child.waitFor('inlet-processor ready');
      }
      await sleep(30);
    }
    await input.close();
    for (let tries = 0; (await lastPositions(join(root, 'crash'))) < records.length; tries++) {
      if (tries > 600)
        throw new Error(`the processor did not catch up:\n${child.lines.slice(-10).join('\n')}`);
      await sleep(100);
    }
    child.child.kill('SIGTERM');
    expect(await child.exited).toBe(0);

    const clean = new EmbeddedProcessor({
      dataDir: join(root, 'clean'),
      inputDirs: [gateway],
      ...FIXTURE_OPTIONS,
      pollMs: 60_000,
    });
    await clean.start();
    while ((await clean.pass()) > 0);
    await clean.stop();

    const expected = await localOutputsOf(join(root, 'clean'));
    expect(expected.dead).toHaveLength(30);
    expect(recordsCounted(expected.totals)).toBe(3_000 - 30);
    const afterCrash = await localOutputsOf(join(root, 'crash'));
    expect(afterCrash.totals).toEqual(expected.totals);
    expect(afterCrash.dead).toEqual(expected.dead);
    expect(afterCrash.users).toEqual(expected.users);
  }, 120_000);
});
