/** The collector's options: one type, every field but the three required ones optional, resolved once. */
import { TOPICS } from '@inlet/schemas';
import { type Sink, type StructuredLogger, silentLogger } from '@inlet/streams';
import { CdcConfigError } from './errors';
import type { CdcMetrics } from './metrics';
import type { AppendedBatch } from './outbound';
import type { ReplicaIdentity } from './preflight';
import { SLOT_NAME } from './slot';
import type { ReadTopicTail } from './stored-tail';
import { parseTables, type TableRef } from './tables';

export const SNAPSHOT_MODES = ['initial', 'never', 'always'] as const;
export type SnapshotMode = (typeof SNAPSHOT_MODES)[number];

/** What the collector logs through (pino's Logger fits). */
export type CdcLogger = Pick<StructuredLogger, 'info' | 'warn' | 'error'>;

export interface CdcCollectorOptions {
  /** PostgreSQL URL; the role needs REPLICATION (and table ownership to create the publication). Required. */
  readonly pgUrl: string;
  /** Captured tables, `name` (schema public) or `schema.name`. Required. */
  readonly tables: readonly (string | TableRef)[];
  /** Where change events go (Kafka or the local log). Required. */
  readonly sink: Sink;
  /** Replication slot, created if missing. Default `inlet_cdc`. */
  readonly slot?: string;
  /** Publication, created if missing (missing tables are added). Default `inlet_cdc`. */
  readonly publication?: string;
  /** `initial`: snapshot when the slot is new; `never`; `always`: on every start. Default `initial`. */
  readonly snapshot?: SnapshotMode;
  /** Set every captured table's REPLICA IDENTITY first. Default: leave it. */
  readonly replicaIdentity?: ReplicaIdentity;
  /** Topic of every event. Default `topic_cdc_changes`. */
  readonly topic?: string;
  /** One topic per table, `<serverName>.<schema>.<table>` as Debezium names them. Default false. */
  readonly topicPerTable?: boolean;
  /** Logical server name: `source.name` and the per-table topic prefix. Default `inlet`. */
  readonly serverName?: string;
  /** JSON columns as values (`object`) or text (`string`, Debezium's way). Default `object`. */
  readonly jsonMode?: 'object' | 'string';
  /** Heartbeat period (a logical message, so idle tables do not pin WAL), ms; 0 turns it off. Default 10 000. */
  readonly heartbeatIntervalMs?: number;
  /** Status report to the server at least this often, ms. Default 10 000. */
  readonly statusIntervalMs?: number;
  /** Most events per append. Default 5 000. */
  readonly maxBatchRecords?: number;
  /** Queued events above which the stream pauses. Default 50 000. */
  readonly highWaterRecords?: number;
  /** Longest wait between stream restarts after a failure, ms (starts at 500). Default 30 000. */
  readonly maxRestartDelayMs?: number;
  /**
   * How long to wait for a slot still held by a walsender (a collector that just crashed holds it until
   * the server notices), ms. Default 15 000.
   */
  readonly slotBusyWaitMs?: number;
  /** Default: silent. */
  readonly logger?: CdcLogger;
  /** Metrics to fill. Default: a new registry. */
  readonly metrics?: CdcMetrics;
  /** Called after every acknowledged append (benchmarks). Default: none. */
  readonly onAppended?: (batch: AppendedBatch) => void;
  /**
   * Reads the last records of each partition of a topic, so that after a restart the changes the sink
   * already holds are skipped (`kafkaTail` / `localLogTail`). Default: none (skip nothing).
   */
  readonly readTopicTail?: ReadTopicTail;
  /** Longest wait for those reads, ms; past it nothing is skipped. Default 15 000. */
  readonly tailTimeoutMs?: number;
}

export const COLLECTOR_VERSION = '0.1.0.Inlet';

const PUBLICATION = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const SERVER_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,100}$/;

const positive = (value: number | undefined, fallback: number, what: string, allowZero = false): number => {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new CdcConfigError(`${what} must be a ${allowZero ? 'non-negative' : 'positive'} number`, {
      kind: 'usage',
    });
  }
  return v;
};

/** Throws the usage error `message`, with how to fix it, unless `ok`. */
function allowed(ok: boolean, message: string, fix: string): void {
  if (!ok) throw new CdcConfigError(message, { kind: 'usage', fix });
}

export function resolveOptions(options: CdcCollectorOptions) {
  const slot = options.slot ?? 'inlet_cdc';
  allowed(
    SLOT_NAME.test(slot),
    `slot name "${slot}" is not allowed`,
    'use 1-63 characters from a-z, 0-9 and _ (PostgreSQL slot name rules)',
  );
  const publication = options.publication ?? 'inlet_cdc';
  allowed(
    PUBLICATION.test(publication),
    `publication name "${publication}" is not allowed`,
    'use a plain SQL identifier: letters, digits and _, not starting with a digit',
  );
  const serverName = options.serverName ?? 'inlet';
  allowed(
    SERVER_NAME.test(serverName),
    `server name "${serverName}" is not allowed`,
    'use letters, digits, _ . -',
  );
  const snapshot = options.snapshot ?? 'initial';
  allowed(
    SNAPSHOT_MODES.includes(snapshot),
    `snapshot mode "${snapshot}" is unknown`,
    `use ${SNAPSHOT_MODES.join(', ')}`,
  );
  allowed(
    typeof options.pgUrl === 'string' && /^postgres(ql)?:\/\//.test(options.pgUrl),
    'the PostgreSQL URL is missing or not a postgres:// URL',
    'pass --pg-url postgres://user:password@host:5432/db (or set PG_URL)',
  );
  const tables = options.tables.flatMap((t) => (typeof t === 'string' ? parseTables(t) : [t]));
  if (tables.length === 0) parseTables('');
  const topic = options.topic ?? TOPICS.cdcChanges.name;
  const topicPerTable = options.topicPerTable ?? false;
  return {
    pgUrl: options.pgUrl,
    tables,
    sink: options.sink,
    slot,
    publication,
    snapshot,
    replicaIdentity: options.replicaIdentity,
    serverName,
    topicFor: topicPerTable
      ? (schema: string, table: string) => `${serverName}.${schema}.${table}`
      : (_schema: string, _table: string) => topic,
    values: { jsonMode: options.jsonMode ?? 'object' } as const,
    heartbeatIntervalMs: positive(options.heartbeatIntervalMs, 10_000, 'heartbeat interval', true),
    statusIntervalMs: positive(options.statusIntervalMs, 10_000, 'status interval'),
    maxBatchRecords: positive(options.maxBatchRecords, 5_000, 'batch size'),
    highWaterRecords: positive(options.highWaterRecords, 50_000, 'high-water mark'),
    maxRestartDelayMs: positive(options.maxRestartDelayMs, 30_000, 'restart delay'),
    slotBusyWaitMs: positive(options.slotBusyWaitMs, 15_000, 'slot wait', true),
    logger: options.logger ?? silentLogger,
    onAppended: options.onAppended,
    readTopicTail: options.readTopicTail,
    tailTimeoutMs: positive(options.tailTimeoutMs, 15_000, 'tail read timeout'),
  };
}

export type ResolvedOptions = ReturnType<typeof resolveOptions>;
