/**
 * Scenario 5: the CDC collector (the real `inlet-cdc` bin, a child process) SIGKILLed during an OLTP
 * workload and restarted at once, while the workload keeps committing. The workload's ledger holds
 * every committed change (table, id, op, version); once the restarted collector has confirmed the
 * WAL's end, the topic is read back and compared with it (`compareLedger`), as
 * collectors/src/cdc/crash.integration.test.ts does. Duplicates are allowed (at-least-once) and
 * counted by (table, id, version); "recover" is from the SIGKILL to the restarted collector streaming.
 */

// The CDC crash test's own harness (the bin as a child, slot position, reading the topic back).
import {
  adminClient,
  type CdcChild,
  cdcChildArgs,
  cdcNames,
  cdcStreaming,
  cleanUpAndEnd,
  currentWalLsn,
  observedChanges,
  readEvents,
  startCdcChild,
  waitForConfirmed,
} from '@inlet/collectors/testing';
import { errorMessage } from '@inlet/schemas';
import { type PostgresServer, startPostgres } from '@inlet/scripts';
import { uniqueName } from '@inlet/scripts/testing';
import { ChangeLedger, compareLedger, migrate, runOltpWorkload } from '@inlet/simulators/oltp';
import { createKafkaClient, ensureTopics } from '@inlet/streams';
import type { ScenarioRow } from './scenario-row';

export interface CdcKillOptions {
  /** PostgreSQL with wal_level=logical. Default: an embedded one started for the run. */
  readonly pgUrl?: string;
  /** Kafka bootstrap list. Required (the scenario writes a topic of its own there). */
  readonly brokers: readonly string[];
  /** Committed changes the workload makes. Default 12,000. */
  readonly changes?: number;
  /** SIGKILLs, spread evenly over the workload. Default 2. */
  readonly kills?: number;
}

const streaming = (collector: CdcChild): Promise<void> =>
  cdcStreaming(collector, 60_000).catch((error: unknown) => {
    throw new Error(`scenario 5: ${errorMessage(error)}`);
  });

export async function cdcKill(options: CdcKillOptions): Promise<ScenarioRow> {
  const changes = options.changes ?? 12_000;
  const kills = options.kills ?? 2;
  const embedded: PostgresServer | undefined =
    options.pgUrl === undefined ? await startPostgres() : undefined;
  const url = options.pgUrl ?? embedded?.url ?? '';
  const names = cdcNames('chaos_cdc');
  const admin = await adminClient(url);
  const collectors: CdcChild[] = [];
  try {
    await migrate(admin, names.schema);
    const topic = uniqueName('chaos-cdc');
    const kafka = createKafkaClient({
      brokers: [...options.brokers],
      clientId: 'chaos-cdc',
      logLevel: 'silent',
    });
    const admin2 = kafka.admin();
    await admin2.connect();
    try {
      await ensureTopics(admin2, [
        {
          key: 'cdcChanges',
          name: topic,
          partitions: 3,
          cleanupPolicy: 'delete',
          configs: {},
          description: 'chaos 5',
        },
      ]);
    } finally {
      await admin2.disconnect();
    }
    const args = cdcChildArgs({ pgUrl: url, brokers: options.brokers, names, topic });
    collectors.push(startCdcChild(args));
    await streaming(collectors[0] as CdcChild);

    const ledger = new ChangeLedger();
    const recoveries: Promise<number>[] = [];
    let next = 1;
    const stats = await runOltpWorkload({
      pgUrl: url,
      schema: names.schema,
      profile: 'load',
      maxChanges: changes,
      migrate: false,
      seed: 16,
      ledger,
      onCommit: () => {
        if (next > kills || ledger.size < (changes * next) / (kills + 1)) return;
        next++;
        const victim = collectors.at(-1) as CdcChild;
        const killedAt = Date.now();
        victim.child.kill('SIGKILL');
        // Restarted at once, while the workload keeps committing: it resumes from its slot.
        recoveries.push(
          victim.exited.then(async () => {
            const restarted = startCdcChild(args);
            collectors.push(restarted);
            await streaming(restarted);
            return Date.now() - killedAt;
          }),
        );
      },
    });
    const recovered = await Promise.all(recoveries);
    const end = await currentWalLsn(admin);
    const last = collectors.at(-1) as CdcChild;
    await waitForConfirmed(admin, names.slot, end, 180_000);
    last.child.kill('SIGTERM');
    await last.exited;

    const events = await readEvents(options.brokers, topic);
    const result = compareLedger(ledger.changes(), observedChanges(events));
    const unique = new Set(observedChanges(events).map((c) => `${c.table}/${c.id}/${c.version}/${c.op}`))
      .size;
    return {
      scenario: `5. CDC collector SIGKILLed ${recovered.length}× during an OLTP workload, restarted`,
      faults: recovered.length,
      generated: stats.changes,
      acknowledged: ledger.size,
      delivered: ledger.size - result.missing.length,
      lost: result.missing.length,
      duplicated: result.duplicates,
      duplicates: `${result.duplicates} redelivered change events kept (consumers drop them by table, id and version); ${unique} distinct`,
      recoverMaxMs: recovered.length === 0 ? undefined : Math.max(...recovered),
      note: `"generated" = changes committed by the OLTP workload (load profile), "acknowledged" = in its ledger; ${options.pgUrl === undefined ? 'embedded' : 'given'} PostgreSQL, Kafka; ${result.unknown} unknown changes; "recover" is SIGKILL → restarted collector streaming`,
    };
  } finally {
    for (const c of collectors)
      if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    await cleanUpAndEnd(admin, names).catch(() => {});
    await embedded?.stop();
  }
}
