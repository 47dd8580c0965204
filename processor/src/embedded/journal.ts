/**
 * The embedded mode's commit: one journal record holds a pass's input positions, window state and
 * outputs, so appending it (one line, fsynced; a torn line is cut on open) is the commit point. The
 * outputs are then copied to their topics; after a crash, `completeOutputs` copies whatever of the last
 * journal record's outputs did not reach its topic, by offset (this log has a single writer).
 */
import type { TaskSnapshot } from '../core/task';
import type { OutputRecord } from '../runtime/output-records';

export const JOURNAL_TOPIC = 'inlet-processor-journal';

export interface JournalEntry {
  readonly seq: number;
  /** `<input dir>\u0000<topic>` → next offset to read. */
  readonly positions: Readonly<Record<string, number>>;
  readonly snapshot: TaskSnapshot;
  readonly outputs: readonly OutputRecord[];
  /** Per output topic, its next offset before this entry's outputs were appended. */
  readonly bases: Readonly<Record<string, number>>;
}

/** Which of an entry's outputs are missing, given each topic's next offset now. */
export function missingOutputs(entry: JournalEntry, nextOffset: (topic: string) => number): OutputRecord[] {
  const byTopic = new Map<string, OutputRecord[]>();
  for (const o of entry.outputs) {
    const list = byTopic.get(o.topic) ?? [];
    list.push(o);
    byTopic.set(o.topic, list);
  }
  const missing: OutputRecord[] = [];
  for (const [topic, records] of byTopic) {
    const stored = nextOffset(topic) - (entry.bases[topic] ?? 0);
    missing.push(...records.slice(Math.max(0, stored)));
  }
  return missing;
}
