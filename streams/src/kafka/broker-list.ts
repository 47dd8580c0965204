/**
 * Kafka bootstrap broker lists, as flags, env vars and config files give them. Every bin that
 * takes brokers checks them here, so `KAFKA_BROKERS` means the same to `npm start` and to each
 * part it starts.
 */

/** A name or IPv4 address without `:`, or a bracketed IPv6 address; then `:` and the port. */
const BROKER_ADDRESS = /^(\[[0-9a-fA-F:.]+\]|[^\s:/,[\]]+):(\d{1,5})$/;

/** An example list for error messages. */
export const BROKER_LIST_EXAMPLE = '127.0.0.1:9092,127.0.0.1:9093';

/** `host:port` with a port from 1 to 65535; the host a name, an IPv4 address or a bracketed IPv6 address (`[::1]:9092`). */
export function isBrokerAddress(text: string): boolean {
  const match = BROKER_ADDRESS.exec(text);
  if (match === null) return false;
  const port = Number(match[2]);
  return port >= 1 && port <= 65_535;
}

export type BrokerListResult =
  | { readonly ok: true; readonly brokers: string[] }
  /** `entry` is the first entry that is not `host:port`; absent when the list is empty. */
  | { readonly ok: false; readonly problem: string; readonly entry?: string };

/**
 * Parses a comma-separated list such as `127.0.0.1:9092, [::1]:9093` (whitespace around entries
 * and empty entries ignored). `problem` completes a sentence that starts with the setting's name.
 */
export function parseBrokerList(text: string): BrokerListResult {
  const brokers = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (brokers.length === 0) return { ok: false, problem: 'is empty' };
  const entry = brokers.find((broker) => !isBrokerAddress(broker));
  if (entry !== undefined) {
    return {
      ok: false,
      problem: `has "${entry}", which is not host:port with a port from 1 to 65535`,
      entry,
    };
  }
  return { ok: true, brokers };
}

/** Checks the broker list, which comes from config files and env vars. */
export function assertBrokers(brokers: unknown): asserts brokers is readonly string[] {
  const valid =
    Array.isArray(brokers) &&
    brokers.length > 0 &&
    brokers.every((broker) => typeof broker === 'string' && isBrokerAddress(broker));
  if (!valid) {
    throw new TypeError(
      `brokers must be a non-empty list of "host:port" strings (e.g. ["127.0.0.1:9092"]), got ${JSON.stringify(brokers)}`,
    );
  }
}
