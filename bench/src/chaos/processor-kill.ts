/**
 * Scenario 7: the stream processor (the real `inlet-processor` bin, Kafka mode) SIGKILLed mid-stream
 * — windows open, batches committed and more arriving — then restarted; once it has consumed
 * everything, its outputs (window totals, user states, dead letters) must equal those of a clean run
 * over the same inputs, as processor/src/kafka/crash.integration.test.ts checks, with the processor's
 * own test harness. "Recover" is SIGKILL → the restarted processor's ready line.
 */
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
// The processor's own test harness (topics, producing its deterministic stream, reading outputs back).
import {
  committedAppEvents,
  createTestTopics,
  eventStream,
  kafkaChildFlags,
  outputsOf,
  produce,
  readAll,
  recordsCounted,
  startChild,
  waitConsumed,
  withFreshOutputs,
} from '@inlet/processor/testing';
import type { ScenarioRow } from './scenario-row';

export interface ProcessorKillOptions {
  /** Kafka bootstrap list. Required. */
  readonly brokers: readonly string[];
  /** Input events (plus one closing event per user). Default 3,000. */
  readonly events?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function processorKill(options: ProcessorKillOptions): Promise<ScenarioRow> {
  const brokers = [...options.brokers];
  const count = options.events ?? 3_000;
  const inputs = await createTestTopics(brokers, 3);
  const crashTopics = await withFreshOutputs(brokers, inputs);
  const cleanTopics = await withFreshOutputs(brokers, inputs);
  const group = `chaos-proc-${randomBytes(4).toString('hex')}`;
  const records = eventStream(count);
  const slices = 20;
  const per = Math.ceil(records.length / slices);
  const args = [...kafkaChildFlags(brokers, crashTopics, group), '--log-level', 'info'];
  const children = [startChild(args)];
  let recoverMs: number | undefined;
  try {
    await children[0]?.waitFor('inlet-processor ready');
    for (let i = 0; i < slices; i++) {
      await produce(brokers, inputs, records.slice(i * per, (i + 1) * per));
      if (i === Math.floor(slices * 0.4)) {
        // Mid-stream: some batches committed, windows open, more arriving.
        while ((await committedAppEvents(brokers, inputs, group)) === 0n) await sleep(100);
        const killedAt = Date.now();
        const victim = children.at(-1);
        victim?.child.kill('SIGKILL');
        await victim?.exited;
        const restarted = startChild(args);
        children.push(restarted);
        await restarted.waitFor('inlet-processor ready');
        recoverMs = Date.now() - killedAt;
        process.stderr.write(`chaos: processor SIGKILLed and ready again in ${recoverMs} ms\n`);
      }
      await sleep(50);
    }
    await waitConsumed(brokers, inputs, group, 120_000);
    const last = children.at(-1);
    last?.child.kill('SIGTERM');
    await last?.exited;

    // The clean run: a processor nobody kills, over the same inputs, into outputs of its own.
    const clean = startChild([
      ...kafkaChildFlags(brokers, cleanTopics, `${group}-clean`),
      '--log-level',
      'warn',
    ]);
    children.push(clean);
    await waitConsumed(brokers, inputs, `${group}-clean`, 120_000);
    clean.child.kill('SIGTERM');
    await clean.exited;

    const read = (topic: string) => readAll(brokers, topic);
    // Committed offsets can show before every output partition has its transaction's commit marker,
    // so both outputs are read again until they agree or 30 s have passed; the comparison decides.
    let expected = await outputsOf(cleanTopics, read);
    let afterCrash = await outputsOf(crashTopics, read);
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      if (isDeepStrictEqual(expected, afterCrash)) break;
      await sleep(500);
      expected = await outputsOf(cleanTopics, read);
      afterCrash = await outputsOf(crashTopics, read);
    }
    const cleanCounted = recordsCounted(expected.totals);
    const crashCounted = recordsCounted(afterCrash.totals);
    const windows = Object.keys(expected.totals).length;
    const differing = Object.keys({ ...expected.totals, ...afterCrash.totals }).filter(
      (k) => !isDeepStrictEqual(expected.totals[k], afterCrash.totals[k]),
    ).length;
    const sameUsers = isDeepStrictEqual(afterCrash.users, expected.users);
    const sameDead = isDeepStrictEqual(afterCrash.dead, expected.dead);
    const equal = differing === 0 && sameUsers && sameDead;
    return {
      scenario: '7. processor SIGKILLed mid-window (Kafka, exactly-once), restarted',
      faults: 1,
      generated: records.length,
      acknowledged: records.length,
      delivered: crashCounted + afterCrash.dead.length,
      lost: Math.max(0, cleanCounted - crashCounted),
      duplicated: Math.max(0, crashCounted - cleanCounted),
      duplicates: `${differing === 0 ? 'none counted twice: ' : ''}${differing} of ${windows} window totals differ from a clean run; user states ${sameUsers ? 'equal' : '**differ**'}; dead letters ${sameDead ? 'equal' : '**differ**'}`,
      recoverMaxMs: recoverMs,
      note: `the processor's deterministic stream (${count} events + closing ones, 3 partitions, 10 s windows); "delivered" = events counted in windows + dead-lettered (late on purpose: ${afterCrash.dead.length}); the clean run counted ${cleanCounted} + ${expected.dead.length} (the closing events' own windows stay open); "lost"/"duplicated" = counted fewer/more than the clean run; "recover" is SIGKILL → restarted processor ready`,
      ...(equal ? {} : { problem: 'the outputs after the crash differ from a clean run' }),
    };
  } finally {
    for (const c of children)
      if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  }
}
