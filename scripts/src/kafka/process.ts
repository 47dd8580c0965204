import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What the JVM needs to run one Kafka main class against an instance folder. */
export interface JvmLaunch {
  libsDir: string;
  /** Holds log4j2.properties; `logs/` receives server.log and the JVM's own stdout.log. */
  instanceDir: string;
  /** Maximum heap. */
  heapMb: number;
}

export const logsDir = (instanceDir: string) => join(instanceDir, 'logs');

function jvmArgs(launch: JvmLaunch): string[] {
  return [
    `-Xmx${launch.heapMb}m`,
    '-Xms64m',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(launch.instanceDir, 'log4j2.properties')}`,
    `-Dkafka.logs.dir=${logsDir(launch.instanceDir)}`,
    // Quoted for no shell: Java itself expands the wildcard.
    '-cp',
    join(launch.libsDir, '*'),
  ];
}

/** Runs a short-lived Kafka tool (e.g. StorageTool) to completion; throws with its output on failure. */
export async function runKafkaTool(launch: JvmLaunch, mainClass: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run('java', [...jvmArgs(launch), mainClass, ...args], {
      maxBuffer: 4 * 1024 * 1024,
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${mainClass} ${args.join(' ')} failed:\n${`${stdout}${stderr}`.trim()}`);
  }
}

/**
 * Starts `kafka.Kafka <server.properties>`; the JVM's stdout/stderr go to `logs/stdout.log`.
 * `detached`: own process group, not tied to this process (the CLI's long-lived broker). Otherwise
 * the broker is killed when this process exits, so a crashed test run leaves no JVM behind.
 */
export function spawnBroker(launch: JvmLaunch, propertiesFile: string, detached: boolean): ChildProcess {
  const out = openSync(join(logsDir(launch.instanceDir), 'stdout.log'), 'a');
  try {
    const child = spawn('java', [...jvmArgs(launch), 'kafka.Kafka', propertiesFile], {
      stdio: ['ignore', out, out],
      detached,
    });
    if (detached) child.unref();
    else {
      const killOnExit = () => child.kill('SIGKILL');
      process.once('exit', killOnExit);
      child.once('exit', () => process.off('exit', killOnExit));
    }
    return child;
  } finally {
    closeSync(out);
  }
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** SIGTERM (Kafka shuts down cleanly), then SIGKILL after `timeoutMs`. Resolves once the process is gone. */
export async function stopChild(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = sleep(timeoutMs, 'timeout' as const, { ref: false });
  if ((await Promise.race([gone, timer])) === 'timeout') {
    child.kill('SIGKILL');
    await gone;
  }
}

/** SIGKILL at once (a crash, no clean shutdown); resolves once the process is gone. */
export async function killChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await gone;
}

/** The same for a process that is not our child (the CLI's detached broker): poll until it is gone. */
export async function stopPid(pid: number, timeoutMs: number): Promise<void> {
  if (!pidAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (pidAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      while (pidAlive(pid)) await sleep(50);
      return;
    }
    await sleep(100);
  }
}

/** The last `lines` lines of the broker's logs (server.log, then the JVM's stdout.log). */
export async function logTail(instanceDir: string, lines = 30): Promise<string> {
  const parts: string[] = [];
  for (const name of ['server.log', 'stdout.log']) {
    const text = await readFile(join(logsDir(instanceDir), name), 'utf8').catch(() => '');
    const tail = text.trimEnd().split('\n').slice(-lines).join('\n');
    if (tail) parts.push(`[${name}]\n${tail}`);
  }
  return parts.join('\n');
}
