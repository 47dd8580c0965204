/**
 * The promise that matters: SIGKILL the collector (a child process, the real `inlet-cdc` bin) in the
 * middle of a workload of ≥ 10,000 changes, restart it, and every committed change is in Kafka —
 * checked against the workload's ledger, each row's `version` counter included. Duplicates are allowed
 * (at-least-once) and reported.
 */
import { createTestTopic, defined, kafkaBrokers, pgUrl } from '@inlet/scripts/testing';
import { ChangeLedger, compareLedger, migrate, runOltpWorkload } from '@inlet/simulators/oltp';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CdcChild,
  cdcChildArgs,
  cdcStreaming,
  observedChanges,
  startCdcChild,
} from '../testing/cdc-crash';
import {
  adminClient,
  cdcNames,
  cleanUpAndEnd,
  currentWalLsn,
  readEvents,
  waitForConfirmed,
} from '../testing/cdc-harness';
import { parseLsn } from './lsn';

const url = pgUrl();
const brokers = kafkaBrokers();
const CHANGES = 12_000;

describe.skipIf(!url || !brokers)('CDC collector killed with SIGKILL mid-workload', () => {
  const names = cdcNames('cdc_crash');
  let admin: pg.Client;
  const children: CdcChild[] = [];

  beforeAll(async () => {
    admin = await adminClient(defined(url));
    await migrate(admin, names.schema);
  });

  afterAll(async () => {
    for (const child of children) if (child.child.exitCode === null) child.child.kill('SIGKILL');
    await cleanUpAndEnd(admin, names);
  });

  it('resumes from the slot after SIGKILL: every committed change is in Kafka', {
    timeout: 120_000,
  }, async () => {
    const topic = await createTestTopic(defined(brokers), 'cdc-crash', { partitions: 3 });
    const args = cdcChildArgs({ pgUrl: defined(url), brokers: defined(brokers), names, topic });
    const first = startCdcChild(args);
    children.push(first);
    // The slot exists once the (empty) snapshot is stored: from then on every commit is owed to Kafka.
    const deadline = Date.now() + 30_000;
    while (
      !(await admin.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [names.slot])).rowCount
    ) {
      if (Date.now() > deadline)
        throw new Error(`collector did not create its slot:\n${first.output.join('')}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    // 1. Killed while it keeps up with the workload; the rest of the workload commits while it is down.
    const ledger = new ChangeLedger();
    let killedAt = -1;
    const stats = await runOltpWorkload({
      pgUrl: defined(url),
      schema: names.schema,
      profile: 'load',
      maxChanges: CHANGES,
      migrate: false,
      seed: 42,
      ledger,
      onCommit: () => {
        if (killedAt < 0 && ledger.size >= CHANGES / 3) {
          killedAt = ledger.size;
          first.child.kill('SIGKILL');
        }
      },
    });
    expect(stats.changes).toBeGreaterThanOrEqual(CHANGES);
    expect(await first.exited).toBeNull(); // killed by a signal, not exited

    // 2. Restarted on the backlog and killed again halfway through catching up (a full queue in flight).
    const end = await currentWalLsn(admin);
    const confirmed = async () => {
      const { rows } = await admin.query<{ lsn: string }>(
        'SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = $1',
        [names.slot],
      );
      return parseLsn(rows[0]?.lsn ?? '0/0');
    };
    const from = await confirmed();
    const second = startCdcChild(args);
    children.push(second);
    const halfway = from + (end - from) / 2n;
    let caughtUp = false;
    for (const stopAt = Date.now() + 60_000; Date.now() < stopAt; ) {
      const at = await confirmed();
      if (at >= halfway) {
        caughtUp = at >= end;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    second.child.kill('SIGKILL');
    expect(await second.exited, second.output.join('')).toBeNull();

    // 3. Restarted once more: it must end with everything.
    const third = startCdcChild(args);
    children.push(third);
    await cdcStreaming(third);
    await waitForConfirmed(admin, names.slot, end, 60_000).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\n${third.output.join('')}`);
    });
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);

    const events = await readEvents(defined(brokers), topic);
    const result = compareLedger(ledger.changes(), observedChanges(events));
    console.info(
      `[cdc crash] killed after ${killedAt} of ${stats.changes} committed changes, then again ` +
        `${caughtUp ? 'after' : 'halfway through'} catching up on the backlog; ` +
        `${result.observed} change events read, ${result.duplicates} duplicates (redelivered after the kill), ` +
        `${result.missing.length} missing`,
    );
    // Each restart read the end of the topic and skipped the changes Kafka already held (stored-mark.ts).
    const skipped = [second, third].map((c) =>
      Number(/"skipped_already_stored":(\d+)/.exec(c.output.join(''))?.[1] ?? 0),
    );
    console.info(`[cdc crash] skipped_already_stored after the restarts: ${skipped.join(', ')}`);
    for (const c of [second, third]) expect(c.output.join('')).toContain('"msg":"cdc stored mark read"');
    expect(result.missing.slice(0, 5)).toEqual([]);
    expect(result.missing).toHaveLength(0);
    expect(result.unknown).toBe(0);
    // Every delete is followed by its tombstone.
    expect(events.filter((e) => e.value === null).length).toBeGreaterThanOrEqual(
      ledger.changes().filter((c) => c.op === 'd').length,
    );
  });
});
