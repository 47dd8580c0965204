import 'fake-indexeddb/auto';
import { createStore, promisifyRequest } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { entry, freshIndexedDbPerTest, ids, range } from '../testing/queue-entries';
import { createIdbStore } from './idb-store';

/** What the database holds: `[key, value]` per record, the generation counter (key 0) first. */
const raw = () =>
  createStore('inlet', 'queue')('readonly', async (os) => {
    const [keys, values] = await Promise.all([
      promisifyRequest(os.getAllKeys()),
      promisifyRequest(os.getAll()),
    ]);
    return keys.map((key, i) => [key, values[i]] as const);
  });

freshIndexedDbPerTest();

describe('IndexedDB queue store records (few requests per transaction)', () => {
  it('writes the events of one transaction as records of up to 100, as JSON', async () => {
    const store = createIdbStore();
    // The first push's transaction starts at once; the two made meanwhile share the next one.
    await Promise.all([store.push(range(1, 130)), store.push(range(131, 160)), store.push(range(161, 250))]);
    const records = (await raw()).slice(1);
    expect(records.map(([, value]) => (JSON.parse(value as string) as unknown[]).length)).toEqual([
      100, 30, 100, 20,
    ]);
    expect(ids(await createIdbStore().peek(300))).toEqual(ids(range(1, 250)));
  });

  it('counts every write in a generation, so any store sees the others’ writes', async () => {
    const tabA = createIdbStore();
    const tabB = createIdbStore();
    await tabA.push(range(1, 2));
    expect((await raw())[0]).toEqual([0, 1]);
    await tabB.remove(['m1']);
    await tabA.update([{ ...entry(2), attempts: 3 }]);
    expect((await raw())[0]).toEqual([0, 3]);
    expect(await tabB.peek(10)).toEqual([{ ...entry(2), attempts: 3 }]);
  });

  it('keeps counting generations across a clear, and reads write nothing', async () => {
    const tabA = createIdbStore();
    const tabB = createIdbStore();
    await tabA.push(range(1, 2));
    await tabB.peek(10); // tabB's copy is generation 1
    await tabA.clear();
    await tabA.push([entry(3)]);
    await tabA.size();
    expect((await raw()).map(([key]) => key)).toEqual([0, [1_003, expect.any(Number), 'm3']]);
    expect((await raw())[0]).toEqual([0, 3]);
    expect(ids(await tabB.peek(10))).toEqual(['m3']);
  });

  it('rewrites only the record that lost events, keeping the rest of it', async () => {
    const store = createIdbStore({ maxEvents: 60 });
    await store.push(range(1, 50));
    await store.push(range(51, 60));
    const before = await raw();
    const { dropped } = await store.push(range(61, 65)); // evicts m1…m5 from the first record
    expect(ids(dropped)).toEqual(ids(range(1, 5)));
    await store.remove(['m7', 'm55']);
    const after = await raw();
    expect(after.map(([key]) => key)).toEqual([...before.map(([key]) => key), after.at(-1)?.[0]]);
    expect(ids(await createIdbStore().peek(100))).toEqual(
      ids(range(6, 65)).filter((id) => id !== 'm7' && id !== 'm55'),
    );
  });
});
