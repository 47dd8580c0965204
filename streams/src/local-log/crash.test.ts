import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valueText } from '../records';
import { collect, tempDir } from '../testing/local-log-records';
import { LocalLog } from './local-log';

const WRITER = fileURLToPath(new URL('../testing/crash-writer.ts', import.meta.url));
const ACKS_BEFORE_KILL = 1500;

/** Runs the writer child until it acknowledged `acks` records, SIGKILLs it, returns the acks it printed. */
async function runAndKill(dataDir: string, firstSeq: number, acks: number): Promise<Map<number, number>> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir, String(firstSeq)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  const acked = new Map<number, number>();
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === 'ready') continue;
    const [seq, offset] = line.split(' ').map(Number);
    if (seq !== undefined && offset !== undefined) acked.set(seq, offset);
    if (acked.size >= acks) {
      child.kill('SIGKILL');
      break;
    }
  }
  expect(await exited).toBe('SIGKILL');
  return acked;
}

describe('local log crash safety', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterAll(() => cleanup());

  it('keeps every acknowledged record readable after SIGKILL, twice in a row', async () => {
    const acked = new Map<number, number>();
    for (const firstSeq of [0, 1_000_000]) {
      for (const [seq, offset] of await runAndKill(dir, firstSeq, ACKS_BEFORE_KILL)) acked.set(seq, offset);
      // Reopening takes over the dead writer's lock and recovers the tail.
      const log = await LocalLog.open({ dataDir: dir, logLevel: 'silent' });
      const records = await collect(log.readTopic('crash'));
      const byOffset = new Map(records.map((r) => [Number(r.offset), r]));
      expect(records.map((r) => Number(r.offset))).toEqual(records.map((_, i) => i));
      const missing = [...acked].filter(([seq, offset]) => byOffset.get(offset)?.key !== `s${seq}`);
      expect(missing).toEqual([]);
      for (const [seq, offset] of acked) {
        expect(JSON.parse(valueText(byOffset.get(offset) ?? { value: null }) ?? 'null').seq).toBe(seq);
      }
      // The log goes on from the last record.
      const next = await log.append([{ topic: 'crash', key: 'after', value: '{}' }]);
      expect(next.positions[0]?.baseOffset).toBe(String(records.length));
      await log.close();
    }
    expect(acked.size).toBe(2 * ACKS_BEFORE_KILL);
  }, 60_000);
});
