/**
 * Scenario 8: the whole `npm start` (gateway, PostgreSQL with the OLTP workload and CDC, the
 * external stand-ins and collector, the processor, virtual users, demo site) stopped mid-run with
 * one Ctrl-C — SIGINT to its process group, as a terminal sends it. Every part must drain, npm
 * start must run `inlet-audit` over the users' ledger and exit 0, and the audit must find 0 lost.
 * The figures come from the parts' own reports: the users' run report (`logs/simulators.log`) and
 * the audit npm start ran at stop (`logs/audit.log`).
 */
import { once } from 'node:events';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { spawnNpmStart } from '@inlet/scripts/testing';
import type { ScenarioRow } from './scenario-row';

export interface StartCtrlCOptions {
  /** How long the pipeline runs once the users are running, in s, before the Ctrl-C. Default 60. */
  readonly runSeconds?: number;
  /**
   * Kafka bootstrap list (KAFKA_BROKERS), or `'own'` to let npm start run its own broker (needs
   * Java 17). Default: undefined, the local durable logs (`--no-kafka`).
   */
  readonly kafka?: readonly string[] | 'own';
  /** Longest wait for npm start to be up, and then to stop, in s. Default 240. */
  readonly timeoutSeconds?: number;
}

/** A number from a `label   123` line of a part's report; undefined when the line is absent. */
function figure(text: string, label: RegExp): number | undefined {
  const match = new RegExp(`^${label.source}\\s+(\\d[\\d,]*)`, 'm').exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1].replaceAll(',', ''));
}

function must(value: number | undefined, what: string, text: string): number {
  if (value === undefined) throw new Error(`scenario 8: no "${what}" in the report:\n${text.slice(-2_000)}`);
  return value;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The row; `problem` says so when npm start did not stop cleanly (exit 0, every part stopped, no second Ctrl-C). */
export async function startCtrlC(options: StartCtrlCOptions = {}): Promise<ScenarioRow> {
  const runSeconds = options.runSeconds ?? 60;
  const timeoutMs = (options.timeoutSeconds ?? 240) * 1_000;
  const { child, dataDir } = await spawnNpmStart({
    dataDirPrefix: 'inlet-chaos-start-',
    writeKey: 'wk_chaos_start_0001',
    ...(options.kafka === undefined ? {} : { kafka: options.kafka }),
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let exit: [number | null, NodeJS.Signals | null] | undefined;
  void exited.then((e) => {
    exit = e;
  });
  const until = async (test: () => boolean, what: string) => {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      if (exit !== undefined)
        throw new Error(`npm start exited (${exit.join(' ')}) before ${what}:\n${output.slice(-3_000)}`);
      if (Date.now() > deadline)
        throw new Error(`npm start: no ${what} within ${timeoutMs / 1_000} s:\n${output.slice(-3_000)}`);
      await sleep(200);
    }
  };
  try {
    await until(
      () => /✔ simulators +running/.test(output) && /✔ cdc +ready/.test(output),
      'users running and CDC ready',
    );
    await sleep(runSeconds * 1_000);
    // Mid-run means events in flight: wait for some on the status line if the run was short.
    const appEvents = () => Math.max(0, ...[...output.matchAll(/│ app (\d+) /g)].map((m) => Number(m[1])));
    await until(() => appEvents() >= 20, '20 app events on the status line');
    const stopFrom = Date.now();
    process.kill(-(child.pid ?? 0), 'SIGINT');
    await until(() => exit !== undefined, 'exit after the Ctrl-C');
    const stopMs = Date.now() - stopFrom;
    const [code, signal] = exit ?? [null, null];
    // npm, itself interrupted, re-raises SIGINT once its script has exited (as shells expect).
    const cleanExit = code === 0 || signal === 'SIGINT';
    const drained =
      cleanExit &&
      /^Stopped in [\d.]+ s\.$/m.test(output) &&
      !output.includes('Second Ctrl-C') &&
      !/✖ /.test(output);
    const verdict =
      /audit of the virtual users' events: (.*?) \(report/.exec(output)?.[1] ?? 'no verdict printed';

    const users = await readFile(path.join(dataDir, 'logs', 'simulators.log'), 'utf8').catch(() => '');
    const audit = await readFile(path.join(dataDir, 'logs', 'audit.log'), 'utf8').catch(() => '');
    const generated = must(figure(users, /events generated/), 'events generated', users);
    const invalidOnPurpose = Number(/invalid on purpose (\d+)/.exec(users)?.[1] ?? 0);
    const duplicatedIds = must(figure(audit, /duplicated/), 'duplicated', audit);
    const extraCopies = Number(/duplicated\s+\d+ ids \((\d+) extra copies\)/.exec(audit)?.[1] ?? 0);
    const leftInQueue = figure(users, /left in queue/) ?? 0;
    return {
      ...(drained ? {} : { problem: `npm start did not stop cleanly (exit ${code ?? signal})` }),
      scenario: '8. whole `npm start` stopped with one Ctrl-C (SIGINT to its group)',
      faults: 1,
      // The valid events: the ones the audit can call lost (the invalid ones belong on the dead-letter topic).
      generated: generated - invalidOnPurpose,
      acknowledged: must(figure(users, /acknowledged/), 'acknowledged', users),
      delivered: must(figure(audit, /delivered/), 'delivered', audit),
      lost: must(figure(audit, /LOST/), 'LOST', audit),
      duplicated: duplicatedIds,
      duplicates: `${extraCopies} extra copies kept (counted by message-id)`,
      recoverMaxMs: stopMs,
      note: `seed profile, ${runSeconds} s after the users started, ${/events go to Kafka/.test(output) ? 'Kafka' : 'local durable logs'}; ${drained ? 'every part drained, exit clean' : `**not drained cleanly** (exit ${code ?? signal})`}; audit at stop: ${verdict}; ${invalidOnPurpose} invalid on purpose not counted; ${leftInQueue} left in SDK queues; "recover" is Ctrl-C → npm start exited`,
    };
  } finally {
    if (exit === undefined && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is gone.
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}
