import { parseBrokerList as parseBrokers } from '@inlet/streams';
import { ConfigError } from '../config-error';

/**
 * Parses a bootstrap list such as `127.0.0.1:9092,[::1]:9093` by `@inlet/streams`' rule (whitespace
 * allowed around entries). `source` names the setting in the error message.
 */
export function parseBrokerList(text: string, source = 'KAFKA_BROKERS'): string[] {
  const parsed = parseBrokers(text);
  if (!parsed.ok) {
    throw new ConfigError(
      `${source} ${parsed.problem}; e.g. ${source}=127.0.0.1:9092 (comma-separated host:port list).`,
    );
  }
  return parsed.brokers;
}

/** `KAFKA_BROKERS` from the environment, parsed, or undefined when unset or blank. */
export function brokersFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string[] | undefined {
  const value = env.KAFKA_BROKERS;
  return value?.trim() ? parseBrokerList(value) : undefined;
}
