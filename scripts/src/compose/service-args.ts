/**
 * What an Inlet service in docker-compose.yml is told to do: its bin and subcommand, its flags
 * (from `command:`, and from `environment:` through the variable ↔ flag pairs its help lists),
 * and where it listens as a result.
 */
import type { CliHelp } from './cli-help';

export interface ParsedCommand {
  readonly bin: string;
  /** Leading words before the first flag: `inlet-sim oltp` → ['oltp']. */
  readonly subcommand: readonly string[];
  /** `--flag` → its values in order (`''` for a flag given without a value). */
  readonly flags: ReadonlyMap<string, readonly string[]>;
}

export function parseCommand(command: readonly string[]): ParsedCommand {
  const [bin = '', ...rest] = command;
  const firstFlag = rest.findIndex((word) => word.startsWith('-'));
  const subcommand = firstFlag < 0 ? rest : rest.slice(0, firstFlag);
  const flags = new Map<string, string[]>();
  const words = firstFlag < 0 ? [] : rest.slice(firstFlag);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (!word.startsWith('-')) continue;
    const eq = word.indexOf('=');
    let [flag, value] = eq < 0 ? [word, undefined] : [word.slice(0, eq), word.slice(eq + 1)];
    const next = words[i + 1];
    if (value === undefined && next !== undefined && !next.startsWith('-')) {
      value = next;
      i++;
    }
    flags.set(flag, [...(flags.get(flag) ?? []), value ?? '']);
  }
  return { bin, subcommand, flags };
}

/** The command's flags plus those its environment sets (a flag given on the command line wins). */
export function effectiveFlags(
  command: ParsedCommand,
  env: Readonly<Record<string, string>>,
  help: CliHelp,
): Map<string, readonly string[]> {
  const flags = new Map(command.flags);
  for (const [name, value] of Object.entries(env)) {
    const flag = help.envFlags.get(name);
    if (flag !== undefined && !flags.has(flag)) flags.set(flag, [value]);
  }
  return flags;
}

export interface Listener {
  readonly port: number;
  /** The flag that set the port (`--port`, `--health`). */
  readonly flag: string;
  /** The interface, when a flag sets it (`--host` for `--port`, `--health-host` for `--health`). */
  readonly host: string | undefined;
}

/** Port flags and the host flag that goes with each. */
export const PORT_FLAGS: Readonly<Record<string, string>> = {
  '--port': '--host',
  '--health': '--health-host',
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Whether other containers can connect: a host flag names an interface beyond loopback. */
export const reachableFromOtherContainers = (listener: Listener): boolean =>
  listener.host !== undefined && !LOOPBACK.has(listener.host);

export const isLoopback = (host: string): boolean => LOOPBACK.has(host);

export function listeners(flags: ReadonlyMap<string, readonly string[]>): Listener[] {
  return Object.entries(PORT_FLAGS).flatMap(([portFlag, hostFlag]) => {
    const port = flags.get(portFlag)?.at(-1);
    if (port === undefined) return [];
    return [{ port: Number(port), flag: portFlag, host: flags.get(hostFlag)?.at(-1) }];
  });
}
