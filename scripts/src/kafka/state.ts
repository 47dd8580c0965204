import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pidAlive } from './process';

/** What `inlet-kafka start` leaves behind for `stop` and `status`. */
export interface DevBrokerState {
  pid: number;
  port: number;
  controllerPort: number;
  dataDir: string;
  version: string;
  startedAt: string;
}

export const stateFile = (devDir: string) => join(devDir, 'state.json');

export async function readState(devDir: string): Promise<DevBrokerState | undefined> {
  const text = await readFile(stateFile(devDir), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const s = JSON.parse(text) as Partial<DevBrokerState>;
    const ok =
      typeof s.pid === 'number' &&
      typeof s.port === 'number' &&
      typeof s.controllerPort === 'number' &&
      typeof s.dataDir === 'string' &&
      typeof s.version === 'string' &&
      typeof s.startedAt === 'string';
    return ok ? (s as DevBrokerState) : undefined;
  } catch {
    return undefined; // a torn or hand-edited file: treat as no broker
  }
}

export async function writeState(devDir: string, state: DevBrokerState): Promise<void> {
  const file = stateFile(devDir);
  await mkdir(dirname(file), { recursive: true });
  // Write then rename, so a concurrent `status` never reads half a file.
  await writeFile(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

export async function removeState(devDir: string): Promise<void> {
  await rm(stateFile(devDir), { force: true });
}

/**
 * Is the state's pid still our broker? Guards against a reused pid (after a reboot, say) before
 * anything signals it: on Linux the command line must name kafka.Kafka and the instance folder.
 */
export function brokerRunning(state: DevBrokerState): boolean {
  if (!pidAlive(state.pid)) return false;
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${state.pid}/cmdline`, 'utf8');
  } catch {
    return process.platform !== 'linux'; // no /proc to ask: trust the pid
  }
  return cmdline.includes('kafka.Kafka') && cmdline.includes(state.dataDir);
}
