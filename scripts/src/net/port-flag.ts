import { ConfigError } from '../config-error';

/** A port given as `--<flag> <text>`: a whole number from 1 to 65535, else a `ConfigError` saying so. */
export function parsePortFlag(flag: string, text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65_535) {
    throw new ConfigError(`--${flag} must be a whole number from 1 to 65535, got "${text}".`);
  }
  return port;
}
