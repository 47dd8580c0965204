/** Options shared by the Kafka sink and reader, resolved once into a kafkajs client. */
import { Kafka, type KafkaConfig, type LogEntry as KafkaLogEntry, logLevel as KafkaLogLevel } from 'kafkajs';
import { filterLogger, type LogLevel, type StreamLogger, stderrLogger } from '../logger';
import { assertBrokers } from './broker-list';
import { kafkajsSeeds } from './ipv6-seeds';

export interface KafkaRetryOptions {
  /** Retries of a failed request before giving up. Default 5. */
  readonly retries?: number;
  /** First backoff, in ms (kafkajs grows it with jitter). Default 300. */
  readonly initialRetryTimeMs?: number;
  /** Largest backoff, in ms. Default 30 000. */
  readonly maxRetryTimeMs?: number;
}

export interface KafkaClientOptions {
  /** Bootstrap brokers as `host:port`. Required. */
  readonly brokers: readonly string[];
  /** Client id the broker logs and quotas see. Default `inlet`. */
  readonly clientId?: string;
  /** Time to open a TCP connection to a broker, in ms. Default 3 000. */
  readonly connectionTimeoutMs?: number;
  /** Time to wait for a broker's response, in ms. Default 30 000. */
  readonly requestTimeoutMs?: number;
  /** Retries of failed requests. Defaults above. */
  readonly retry?: KafkaRetryOptions;
  /** TLS, as kafkajs takes it. Default off. */
  readonly ssl?: KafkaConfig['ssl'];
  /** SASL, as kafkajs takes it. Default off. */
  readonly sasl?: KafkaConfig['sasl'];
  /** Where kafkajs's log entries go (instead of its console logger). Default: JSON lines on stderr. */
  readonly logger?: StreamLogger;
  /** Least severe kafkajs level passed on. Default `error` (kafkajs is chatty at `warn` and below). */
  readonly logLevel?: LogLevel | 'silent';
}

const KAFKAJS_LEVEL = {
  silent: KafkaLogLevel.NOTHING,
  error: KafkaLogLevel.ERROR,
  warn: KafkaLogLevel.WARN,
  info: KafkaLogLevel.INFO,
  debug: KafkaLogLevel.DEBUG,
} as const;

const fromKafkajsLevel = (level: KafkaLogLevel): LogLevel =>
  level <= KafkaLogLevel.ERROR
    ? 'error'
    : level === KafkaLogLevel.WARN
      ? 'warn'
      : level === KafkaLogLevel.INFO
        ? 'info'
        : 'debug';

/** A kafkajs client whose log entries go to the Inlet logger. */
export function createKafkaClient(options: KafkaClientOptions): Kafka {
  assertBrokers(options.brokers);
  const level = options.logLevel ?? 'error';
  const logger = filterLogger(options.logger ?? stderrLogger, level);
  const retry = options.retry ?? {};
  const seeds = kafkajsSeeds(options.brokers);
  return new Kafka({
    brokers: seeds.brokers,
    ...(seeds.socketFactory === undefined ? {} : { socketFactory: seeds.socketFactory }),
    clientId: options.clientId ?? 'inlet',
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    retry: {
      retries: retry.retries ?? 5,
      initialRetryTime: retry.initialRetryTimeMs ?? 300,
      maxRetryTime: retry.maxRetryTimeMs ?? 30_000,
    },
    ...(options.ssl === undefined ? {} : { ssl: options.ssl }),
    ...(options.sasl === undefined ? {} : { sasl: options.sasl }),
    logLevel: KAFKAJS_LEVEL[level],
    logCreator:
      () =>
      ({ namespace, level: entryLevel, log }: KafkaLogEntry) => {
        const { message, timestamp: _timestamp, logger: _logger, ...fields } = log;
        logger({
          level: fromKafkajsLevel(entryLevel),
          namespace: namespace ? `kafkajs:${namespace}` : 'kafkajs',
          message,
          fields,
        });
      },
  });
}
