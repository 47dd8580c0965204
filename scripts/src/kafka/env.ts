import { ConfigError } from '../config-error';

/**
 * Parses a bootstrap list such as `127.0.0.1:9092,127.0.0.1:9093` (whitespace allowed around
 * entries). `source` names the setting in the error message.
 */
export function parseBrokerList(text: string, source = 'KAFKA_BROKERS'): string[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const example = `e.g. ${source}=127.0.0.1:9092 (comma-separated host:port list)`;
  if (entries.length === 0) throw new ConfigError(`${source} is empty; ${example}.`);
  for (const entry of entries) {
    const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65_535) {
      throw new ConfigError(
        `${source} has "${entry}", which is not host:port with a port from 1 to 65535; ${example}.`,
      );
    }
  }
  return entries;
}

/** `KAFKA_BROKERS` from the environment, parsed, or undefined when unset or blank. */
export function brokersFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string[] | undefined {
  const value = env.KAFKA_BROKERS;
  return value?.trim() ? parseBrokerList(value) : undefined;
}
