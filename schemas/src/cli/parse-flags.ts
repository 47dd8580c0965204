/// <reference types="node" />
/**
 * Flags of Inlet's CLIs: `node:util` parseArgs, always strict, with its refusals (an unknown flag, a
 * missing value, an unexpected positional) turned into a message or a `UsageError`.
 */

// biome-ignore lint/correctness/noNodejsModules: @inlet/schemas/cli is the Node-only subpath, apart from the browser-safe rest.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './usage-error';

/** parseArgs' config without `args` (given apart) and `strict` (always on). */
export type FlagsConfig = Omit<ParseArgsConfig, 'args' | 'strict' | 'tokens'>;

type StrictConfig<T extends FlagsConfig> = T & { args: string[]; strict: true };

/** `{ values, positionals }`, typed from the options as parseArgs types them. */
export type ParsedFlags<T extends FlagsConfig> = ReturnType<typeof parseArgs<StrictConfig<T>>>;

export type FlagsResult<T extends FlagsConfig> =
  | ({ readonly ok: true } & ParsedFlags<T>)
  | { readonly ok: false; readonly message: string };

/** parseArgs' own codes for a bad command line; any other error is a bug in the config, and is thrown. */
const isParseArgsRefusal = (error: unknown): error is Error =>
  error instanceof Error && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_');

/** Parses `argv` (without node and the script); a bad command line is `{ ok: false, message }`. */
export function tryParseFlags<T extends FlagsConfig>(argv: readonly string[], config: T): FlagsResult<T> {
  const strict: StrictConfig<T> = { ...config, args: [...argv], strict: true };
  try {
    return { ok: true, ...parseArgs(strict) };
  } catch (error) {
    if (!isParseArgsRefusal(error)) throw error;
    return { ok: false, message: error.message };
  }
}

/**
 * Parses `argv` (without node and the script); a bad command line throws `toError(message)`, by
 * default a `UsageError` with parseArgs' message (e.g. `Unknown option '--bogus'`).
 */
export function parseFlags<T extends FlagsConfig>(
  argv: readonly string[],
  config: T,
  toError: (message: string) => Error = (message) => new UsageError(message),
): ParsedFlags<T> {
  const result = tryParseFlags(argv, config);
  if (!result.ok) throw toError(result.message);
  return result;
}
