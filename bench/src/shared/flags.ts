/** Numbers from the benches' flags, checked where they are parsed. */

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
