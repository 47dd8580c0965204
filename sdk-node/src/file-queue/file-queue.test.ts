import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventInput } from '@inlet/schemas';
import { createCore, type QueuedEvent } from '@inlet/sdk-core';
import { fakeTransport, retryLater } from '@inlet/sdk-core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFileQueueError } from '../errors';
import { openFileQueue } from './file-queue';

const entry = (id: string, bytes = 50): QueuedEvent => ({
  id,
  event: { type: 'track', event: 'E', anonymousId: 'a', messageId: id } as EventInput,
  bytes,
  enqueuedAt: 1_700_000_000_000,
  attempts: 0,
});
const ids = (entries: readonly QueuedEvent[]) => entries.map((e) => e.id);

describe('openFileQueue', () => {
  let dir: string;
  let n = 0;
  const file = () => join(dir, `q${n++}`, 'queue.jsonl');
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inlet-fq-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps pushes, updates and removals across a reopen', async () => {
    const path = file();
    const q = await openFileQueue({ path });
    await q.push([entry('a'), entry('b'), entry('c')]);
    await q.update([{ ...entry('b'), attempts: 2, notBefore: 123 }, entry('gone')]);
    await q.remove(['a']);
    await q.close();
    const again = await openFileQueue({ path });
    expect(again.recovered).toEqual({ events: 2, truncatedBytes: 0 });
    expect(await again.peek(10)).toEqual([{ ...entry('b'), attempts: 2, notBefore: 123 }, entry('c')]);
    await again.clear();
    await again.close();
    const cleared = await openFileQueue({ path });
    expect(await cleared.size()).toBe(0);
    await cleared.close();
  });

  it('evicts the oldest beyond maxEvents and maxBytes, and says which', async () => {
    const q = await openFileQueue({ path: file(), maxEvents: 3, maxBytes: 200 });
    expect(ids((await q.push([entry('a'), entry('b'), entry('c')])).dropped)).toEqual([]);
    expect(ids((await q.push([entry('d')])).dropped)).toEqual(['a']);
    expect(ids((await q.push([entry('e', 150)])).dropped)).toEqual(['b', 'c']);
    expect(ids(await q.peek(10))).toEqual(['d', 'e']);
    await q.close();
  });

  it('cuts off a torn last line and goes on from the last complete one', async () => {
    const path = file();
    const q = await openFileQueue({ path });
    await q.push([entry('a')]);
    await q.close();
    await appendFile(path, '{"p":[{"id":"half');
    const again = await openFileQueue({ path });
    expect(again.recovered.truncatedBytes).toBe(17);
    await again.push([entry('b')]);
    await again.close();
    const third = await openFileQueue({ path });
    expect(ids(await third.peek(10))).toEqual(['a', 'b']);
    await third.close();
  });

  it('compacts the journal to what it holds, keeping the queue the same', async () => {
    const path = file();
    const q = await openFileQueue({ path, compactMinBytes: 10_000, compactRatio: 2 });
    for (let i = 0; i < 200; i++) {
      await q.push([entry(`e${i}`)]);
      if (i >= 5) await q.remove([`e${i - 5}`]);
    }
    await q.compact();
    expect(q.journalBytes()).toBe((await stat(path)).size);
    expect(q.journalBytes()).toBeLessThan(2_000);
    await q.close();
    const again = await openFileQueue({ path });
    expect(ids(await again.peek(10))).toEqual(['e195', 'e196', 'e197', 'e198', 'e199']);
    await again.close();
  });

  it('refuses a second writer while the first lives, and takes over a dead one’s lock', async () => {
    const path = file();
    const q = await openFileQueue({ path });
    await expect(openFileQueue({ path })).rejects.toSatisfy(isFileQueueError);
    await q.close();
    await writeFile(`${path}.lock`, '2147483646\n'); // a pid nobody has
    const again = await openFileQueue({ path });
    expect(await readFile(`${path}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await again.close();
  });

  it('lets a core resend what a previous process left queued', async () => {
    const path = file();
    const first = fakeTransport(retryLater());
    const q1 = await openFileQueue({ path });
    const core1 = createCore(
      { writeKey: 'wk_test_123', retry: { backoffBase: 10 } },
      { transport: first, store: () => q1, library: { name: 't', version: '0' } },
    );
    const id = core1.track('Left Behind');
    expect(await core1.close(0)).toBe(1);
    await q1.close();

    const second = fakeTransport();
    const q2 = await openFileQueue({ path });
    const core2 = createCore(
      { writeKey: 'wk_test_123' },
      { transport: second, store: () => q2, library: { name: 't', version: '0' } },
    );
    expect(await core2.close(5_000)).toBe(0);
    expect(second.acknowledged).toEqual([id]);
    await q2.close();
  });
});
