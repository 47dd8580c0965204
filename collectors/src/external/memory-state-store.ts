/** An in-memory `StateStore` for tests and embedding: same contract, nothing on disk. */
import { type CollectorState, emptyState, type RunFilter, type RunRecord, type StateStore } from './state';

export class MemoryStateStore implements StateStore {
  #state: CollectorState = emptyState();
  readonly runs: RunRecord[] = [];
  saves = 0;

  async load(): Promise<CollectorState> {
    return structuredClone(this.#state);
  }
  async save(state: CollectorState): Promise<void> {
    this.#state = structuredClone(state);
    this.saves++;
  }
  async appendRun(run: RunRecord): Promise<void> {
    this.runs.push(run);
  }
  async readRuns(filter: RunFilter = {}): Promise<RunRecord[]> {
    const runs = this.runs.filter((r) => filter.source === undefined || r.source === filter.source);
    return filter.limit === undefined ? runs : runs.slice(-filter.limit);
  }
  async close(): Promise<void> {}
}
