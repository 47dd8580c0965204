/** Options of Kafka mode (`KafkaProcessor`). */
import type { TopicKey } from '@inlet/schemas';
import type { StreamLogger, StructuredLogger } from '@inlet/streams';
import type { CoreOptions } from '../core/options';

export interface KafkaProcessorOptions extends CoreOptions {
  /** Bootstrap brokers, `host:port`. Required. */
  readonly brokers: readonly string[];
  /** Consumer group, also the prefix of the transactional ids and of the changelog topic. Default `inlet-processor`. */
  readonly groupId?: string;
  /** Topic name overrides. Default: the catalogue's names. */
  readonly topics?: Partial<Record<TopicKey, string>>;
  /** Kafka transaction timeout, ms: a transaction open longer (a frozen instance) is aborted by the broker. Default 60 000. */
  readonly transactionTimeoutMs?: number;
  /** Consumer session timeout, ms: how soon a dead instance's tasks move to the others. Default 10 000. */
  readonly sessionTimeoutMs?: number;
  /** Runs inside each transaction before its commit (tests inject faults here). Default: nothing. */
  readonly beforeCommit?: (task: number) => Promise<void>;
  /** Where logs go. Default: nowhere. */
  readonly log?: StructuredLogger;
  /** kafkajs's own log entries. Default: errors to stderr. */
  readonly streamLogger?: StreamLogger;
  /** Called once, when the first assignment is restored and records flow. */
  readonly onReady?: () => void;
  /** Called when the consumer stopped for good (kafkajs will not restart it). */
  readonly onFatal?: (error: unknown) => void;
}
