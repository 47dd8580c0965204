/** What the collector reports on /health and through `status()`. */
import type { SinkHealth } from '@inlet/streams';

export type CdcPhase = 'starting' | 'snapshot' | 'streaming' | 'restarting' | 'stopped' | 'failed';

export interface CdcStatus {
  readonly ok: boolean;
  readonly phase: CdcPhase;
  readonly slot: string;
  readonly publication: string;
  readonly tables: readonly string[];
  readonly confirmedLsn: string | undefined;
  readonly snapshotRows: number;
  readonly queued: number;
  readonly restarts: number;
  readonly eventsPerSecond: number;
  readonly lagMs: number | undefined;
  readonly retainedWalBytes: number | undefined;
  readonly sink: SinkHealth;
  readonly lastError: string | undefined;
}
