/** Runs `inlet-processor` as a child process, as npm start does, and watches its JSON log lines. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/inlet-processor.mjs', import.meta.url));

export interface ProcessorChild {
  readonly child: ProcessChild;
  readonly lines: string[];
  /** Resolves once a log line contains `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or signal name). */
  readonly exited: Promise<number | string>;
}
type ProcessChild = ChildProcess;

export function startChild(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): ProcessorChild {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, KAFKA_BROKERS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<{ text: string; resolve: () => void }>();
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line === '') continue;
      lines.push(line);
      for (const w of waiters) {
        if (line.includes(w.text)) {
          waiters.delete(w);
          w.resolve();
        }
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return {
    child,
    lines,
    exited,
    waitFor(text, timeoutMs = 60_000) {
      if (lines.some((l) => l.includes(text))) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`no log line with "${text}" in ${timeoutMs} ms:\n${lines.slice(-20).join('\n')}`),
            ),
          timeoutMs,
        );
        waiters.add({
          text,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
  };
}

export interface TestChildren {
  /** Starts a child (as startChild) that killAll will kill. */
  start(args: readonly string[], env?: Record<string, string | undefined>): ProcessorChild;
  /** Kills every child started since the last call, resuming it first in case a test froze it: for afterEach. */
  killAll(): void;
}

export function testChildren(): TestChildren {
  const children: ProcessorChild[] = [];
  return {
    start(args, env = {}) {
      const child = startChild(args, env);
      children.push(child);
      return child;
    },
    killAll() {
      for (const c of children.splice(0)) {
        c.child.kill('SIGCONT');
        c.child.kill('SIGKILL');
      }
    },
  };
}
