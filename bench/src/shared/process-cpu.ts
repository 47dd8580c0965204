/**
 * CPU time a process and all its descendants have used, from Linux `/proc` (user + system, in ms).
 * CPU per request is steadier than requests/s on a shared machine: another tenant slows the server
 * and the load generator down alike, but barely changes what one request costs.
 */
import { readdir, readFile } from 'node:fs/promises';

/** Clock ticks per second as `/proc/<pid>/stat` counts them (USER_HZ is 100 on every Linux ABI). */
const TICKS_PER_SECOND = 100;

async function ownTicks(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may itself hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the line)
}

async function children(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const found: number[] = [];
  for (const tid of tasks) {
    const text = await readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch(() => '');
    for (const child of text.trim().split(/\s+/)) if (child !== '') found.push(Number(child));
  }
  return found;
}

async function treeTicks(pid: number): Promise<number> {
  let ticks = await ownTicks(pid);
  for (const child of await children(pid)) ticks += await treeTicks(child).catch(() => 0); // it may just have exited
  return ticks;
}

/** CPU ms of `pid` and its descendants; undefined where `/proc` is not available (not Linux). */
export async function processTreeCpuMs(pid: number): Promise<number | undefined> {
  try {
    return ((await treeTicks(pid)) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
