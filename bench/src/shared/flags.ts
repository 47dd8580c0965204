/** The benches' flags: the ones every bench takes, and numbers checked where they are parsed. */
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** The flags every bench takes besides its own. */
export const COMMON_FLAGS = {
  'no-append': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Options = NonNullable<ParseArgsConfig['options']>;
type BenchConfig<O extends Options> = { args: string[]; options: O & typeof COMMON_FLAGS; strict: true };

/**
 * A bench's own `options` and the common ones, parsed strictly: its values, whether it was asked
 * for help, and whether to append to bench/RESULTS.md (not under `--no-append`).
 */
export function parseBenchFlags<const O extends Options>(args: readonly string[], options: O) {
  const { values } = parseArgs<BenchConfig<O>>({
    args: [...args],
    options: { ...options, ...COMMON_FLAGS },
    strict: true,
  });
  // The common flags' values, which TypeScript cannot see through the generic here.
  const common = values as { readonly help?: boolean; readonly 'no-append'?: boolean };
  return { values, help: common.help === true, append: common['no-append'] !== true };
}

/** Prints a bench's usage (for `--help`), ending in one newline. */
export const printUsage = (usage: string): void => {
  process.stdout.write(usage.endsWith('\n') ? usage : `${usage}\n`);
};

/**
 * A flag's positive whole number, written in digits (so `1e4` or `-3` are refused), or `fallback`
 * when the flag is absent; otherwise an error naming the flag, followed by `usage`.
 */
export function positiveInt(text: string | undefined, fallback: number, flag: string, usage = ''): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n <= 0) {
    throw new Error(
      `--${flag}: expected a positive whole number, got ${JSON.stringify(text)}${usage && `\n${usage}`}`,
    );
  }
  return n;
}

/** A flag's positive number (fractions allowed: seconds), or `fallback`; an error naming the flag. */
export function positiveNumber(text: string | undefined, fallback: number, flag: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new Error(`--${flag}: expected a positive number, got ${JSON.stringify(text)}`);
  }
  return n;
}
