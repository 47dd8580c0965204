/**
 * Spools no running process owns: left by a single-process run when the gateway now runs `--workers N`,
 * by worker slots beyond the current N, or by `--workers` runs when it now runs as one process. One
 * process adopts them (the single process, or worker slot 0), replays them to Kafka and closes them
 * once empty. A spool another live process holds (its lock) is left alone.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  isLogLockedError,
  openLocalLog,
  type Sink,
  type StreamLogger,
  type StructuredLogger,
} from '@inlet/streams';
import { ReplayPositions } from './replay-positions';
import { Replayer, type ReplayerOptions } from './replayer';

const WORKER_DIR = /^worker-(\d+)$/;

export interface OrphanSpoolQuery {
  /** The configured data directory (not a worker's). */
  readonly root: string;
  /** This process's worker slot; undefined for a single process. */
  readonly slot: number | undefined;
  readonly workers: number;
  readonly spoolDir: string;
}

/** Spool directories this process should adopt. */
export async function orphanSpoolDirs({
  root,
  slot,
  workers,
  spoolDir,
}: OrphanSpoolQuery): Promise<string[]> {
  if (slot !== undefined && slot !== 0) return [];
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const dirs: string[] = [];
  if (slot === 0 && entries.some((e) => e.isDirectory() && e.name === spoolDir))
    dirs.push(join(root, spoolDir));
  for (const entry of entries) {
    const match = entry.isDirectory() ? WORKER_DIR.exec(entry.name) : null;
    if (match && (slot === undefined || Number(match[1]) >= workers))
      dirs.push(join(root, entry.name, spoolDir));
  }
  return dirs;
}

export interface AdoptedSpools {
  /** Stops the replays still running and closes their spools. */
  stop(): Promise<void>;
}

export async function adoptSpools(
  dirs: readonly string[],
  kafka: Sink,
  options: {
    positionsFile: string;
    logger: StructuredLogger;
    streamLogger: StreamLogger;
    replay?: ReplayerOptions;
  },
): Promise<AdoptedSpools> {
  const finishers: (() => Promise<void>)[] = [];
  for (const dir of dirs) {
    let spool: Awaited<ReturnType<typeof openLocalLog>>;
    try {
      spool = await openLocalLog({ dataDir: dir, logger: options.streamLogger, logLevel: 'warn' });
    } catch (error) {
      if (!isLogLockedError(error)) options.logger.warn({ dir, err: error }, 'cannot open a leftover spool');
      continue;
    }
    const { positions } = await ReplayPositions.load(join(dir, options.positionsFile));
    let finish: () => Promise<void> = async () => {};
    const replayer = new Replayer(
      spool,
      kafka,
      positions,
      { logger: options.logger, onCaughtUp: () => void finish() },
      options.replay,
    );
    if (!replayer.hasPending()) {
      await spool.close();
      continue;
    }
    options.logger.info(
      { dir, pending: replayer.pendingRecords() },
      'replaying a spool left by another worker layout',
    );
    let stopping: Promise<void> | undefined;
    finish = () => {
      stopping ??= (async () => {
        await replayer.stop();
        const pending = replayer.pendingRecords();
        await spool.close();
        options.logger.info(
          { dir, replayed: replayer.replayStats().replayed, pending },
          'closed a leftover spool',
        );
      })();
      return stopping;
    };
    finishers.push(finish);
    replayer.start();
  }
  return {
    async stop() {
      // Each finish runs once: this stops the replays still going and waits for those already closing.
      await Promise.all(finishers.map((done) => done()));
    },
  };
}
