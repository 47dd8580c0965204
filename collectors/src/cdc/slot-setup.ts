/**
 * Before streaming: make sure the slot exists and run the snapshot the mode asks for.
 * - `initial` and a new slot, or `always` and a new slot: temporary slot exporting its snapshot →
 *   snapshot in it → copy into the permanent slot (see `slot.ts`): no gap, no overlap.
 * - `always` and an existing slot: a fresh REPEATABLE READ snapshot, then the stream from the slot's
 *   confirmed position (it may overlap the snapshot, never leave a gap).
 * - `never`, or `initial` and an existing slot: create the slot if missing, no snapshot.
 */
import type pg from 'pg';
import type { SourceIdentity } from './envelope';
import type { ResolvedOptions } from './options';
import type { Outbound } from './outbound';
import { checkSlot, createSlot, exportSnapshot, slotState } from './slot';
import { runSnapshot } from './snapshot';

export interface SlotSetup {
  readonly admin: pg.Client;
  readonly options: ResolvedOptions;
  readonly identity: SourceIdentity;
  readonly primaryKeys: ReadonlyMap<string, readonly string[]>;
  /** Called before a snapshot starts, with a fresh outbound queue to fill. */
  readonly snapshotOutbound: () => Outbound;
  readonly signal: AbortSignal;
}

/** Resolves with the snapshot's row count, or undefined when no snapshot was taken. */
export async function prepareSlot(setup: SlotSetup): Promise<number | undefined> {
  const { admin, options } = setup;
  const existing = await slotState(admin, options.slot);
  const wantsSnapshot = options.snapshot === 'always' || (options.snapshot === 'initial' && !existing);
  if (!wantsSnapshot) {
    if (!existing) await createSlot(admin, options.slot);
    return undefined;
  }
  const common = {
    url: options.pgUrl,
    tables: options.tables,
    identity: setup.identity,
    topicFor: options.topicFor,
    primaryKeys: setup.primaryKeys,
    values: options.values,
    outbound: setup.snapshotOutbound(),
    signal: setup.signal,
  };
  if (existing) return runSnapshot({ ...common, lsn: existing.confirmedFlush ?? 0n });
  const exported = await exportSnapshot(options.pgUrl, options.slot);
  try {
    const rows = await runSnapshot({
      ...common,
      snapshotName: exported.snapshotName,
      lsn: exported.consistentPoint,
    });
    await exported.persist(admin);
    return rows;
  } finally {
    await exported.release();
  }
}

/**
 * If the slot exists, checks it can be ours; a slot still held by a walsender (a collector that was just
 * killed holds it until the server notices) is waited for up to `waitMs`.
 */
export async function checkExistingSlot(
  admin: pg.Client,
  slot: string,
  database: string,
  waitMs: number,
): Promise<void> {
  let existing = await slotState(admin, slot);
  const deadline = Date.now() + waitMs;
  while (existing?.active && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    existing = await slotState(admin, slot);
  }
  if (existing) checkSlot(slot, existing, database);
}
