/**
 * The replayer's progress per spool topic: the next spool offset to send to Kafka. Kept in a small
 * JSON file (written to a temp file, then renamed over the old one) so a restart resumes where it
 * stopped. Losing the file is safe: the replayer then re-sends what is left in the spool's segments
 * (duplicates, never loss), which is why it is not fsynced on every update.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';

interface PositionsFile {
  readonly version: 1;
  readonly positions: Readonly<Record<string, number>>;
}

export class ReplayPositions {
  private readonly positions = new Map<string, number>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(readonly file: string) {}

  /** Reads the file; a missing or unreadable one gives no positions (and `problem` says why when unreadable). */
  static async load(file: string): Promise<{ positions: ReplayPositions; problem?: string }> {
    const store = new ReplayPositions(file);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return { positions: store };
    }
    try {
      const parsed = JSON.parse(text) as Partial<PositionsFile>;
      for (const [topic, offset] of Object.entries(parsed.positions ?? {})) {
        if (Number.isSafeInteger(offset) && offset >= 0) store.positions.set(topic, offset);
      }
      return { positions: store };
    } catch (error) {
      return {
        positions: store,
        problem: `${file} is not valid JSON (${String(error)}); replaying from the oldest spooled record`,
      };
    }
  }

  get(topic: string): number | undefined {
    return this.positions.get(topic);
  }

  set(topic: string, offset: number): void {
    this.positions.set(topic, offset);
  }

  /** Writes every position; calls are serialised so an older write never lands after a newer one. */
  save(): Promise<void> {
    const body: PositionsFile = { version: 1, positions: Object.fromEntries(this.positions) };
    const next = this.writing.then(async () => {
      const temp = `${this.file}.tmp`;
      await writeFile(temp, `${JSON.stringify(body)}\n`);
      await rename(temp, this.file);
    });
    this.writing = next.catch(() => {});
    return next;
  }
}
