/**
 * One process `npm start` runs: Node on one of Inlet's scripts, in a process group of its own (so
 * that the terminal's Ctrl-C reaches only `npm start`, which then stops each part in order), its
 * output written to a log file and its last lines kept for the error report.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

/** Loaded into every child: each stops itself, as on Ctrl-C, when `npm start` dies without stopping it. */
const EXIT_WITH_PARENT = path.join(import.meta.dirname, 'exit-with-parent.mjs');
const KEPT_LINES = 15;

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ManagedChild {
  readonly name: string;
  readonly pid: number | undefined;
  readonly logFile: string;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ChildExit>;
  running(): boolean;
  lastLines(): readonly string[];
  /** Signals the child's whole process group. */
  signal(signal: NodeJS.Signals): void;
}

export interface SpawnManagedOptions {
  readonly name: string;
  /** Node arguments after the preload: a script and its flags. */
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly logFile: string;
  /** Every output line (stdout and stderr), e.g. to echo it or to spot a ready marker. */
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export function spawnManaged(options: SpawnManagedOptions): ManagedChild {
  const log = createWriteStream(options.logFile, { flags: 'w' });
  log.on('error', () => {});
  const recent: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ['--import', EXIT_WITH_PARENT, ...options.args], {
    cwd: options.cwd,
    // Read by exit-with-parent.mjs: which process's death means "stop".
    env: { ...process.env, ...options.env, INLET_PARENT_PID: String(process.pid) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let readersOpen = 0;
  let closed: () => void = () => {};
  const outputDone = new Promise<void>((resolve) => {
    closed = resolve;
  });
  for (const [stream, name] of [
    [child.stdout, 'stdout'],
    [child.stderr, 'stderr'],
  ] as const) {
    if (!stream) continue;
    readersOpen++;
    const lines = createInterface({ input: stream });
    lines.on('line', (line) => {
      log.write(`${line}\n`);
      recent.push(line);
      if (recent.length > KEPT_LINES) recent.shift();
      options.onLine?.(line, name);
    });
    lines.on('close', () => {
      if (--readersOpen === 0) closed();
    });
  }
  if (readersOpen === 0) closed();
  const exited = new Promise<ChildExit>((resolve) => {
    const finish = (exit: ChildExit) =>
      // The last lines (often the reason) arrive after the exit event: wait for them, briefly.
      void Promise.race([outputDone, sleep(500)]).then(() => {
        log.end();
        resolve(exit);
      });
    child.once('exit', (code, signal) => finish({ code, signal }));
    child.once('error', (error) => {
      recent.push(`could not start: ${error.message}`);
      finish({ code: 1, signal: null });
    });
  });
  return {
    name: options.name,
    pid: child.pid,
    logFile: options.logFile,
    exited,
    running: () => child.exitCode === null && child.signalCode === null && child.pid !== undefined,
    lastLines: () => [...recent],
    signal(signal) {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group is gone already.
      }
    },
  };
}

/** SIGTERM to the group; SIGKILL once `graceMs` has passed. Resolves when the child has exited. */
export async function stopManaged(child: ManagedChild, graceMs: number): Promise<'stopped' | 'killed'> {
  if (!child.running()) {
    await child.exited;
    return 'stopped';
  }
  child.signal('SIGTERM');
  const timeout = sleep(graceMs, 'timeout' as const, { ref: false });
  if ((await Promise.race([child.exited, timeout])) !== 'timeout') return 'stopped';
  child.signal('SIGKILL');
  await child.exited;
  return 'killed';
}
