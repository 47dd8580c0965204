/** What the person at the terminal sees: progress lines, and one status line kept at the bottom. */
const CLEAR_LINE = '\r\x1b[2K';

export class Terminal {
  private status: string | undefined;

  constructor(
    private readonly out: NodeJS.WriteStream,
    /** Rewrite the status line in place (a TTY) rather than print it as a line of its own. */
    readonly live: boolean = out.isTTY === true,
  ) {}

  /** A line above the status line. */
  say(line: string): void {
    if (this.live && this.status !== undefined) {
      this.out.write(`${CLEAR_LINE}${line}\n${this.status}`);
    } else this.out.write(`${line}\n`);
  }

  /** Columns a live status line may use (a line that wraps could not be rewritten in place). */
  width(): number {
    if (!this.live) return Number.POSITIVE_INFINITY;
    const columns = this.out.columns || 80;
    return Math.max(20, columns - 1);
  }

  /** Replaces the status line (live), or prints it (not live: the caller prints it every ~10 s). */
  showStatus(line: string): void {
    if (!this.live) {
      this.out.write(`${line}\n`);
      return;
    }
    const width = this.width();
    this.status = line.length > width ? `${line.slice(0, width - 1)}…` : line;
    this.out.write(`${CLEAR_LINE}${this.status}`);
  }

  /** Removes the live status line, e.g. before the stop messages. */
  clearStatus(): void {
    if (this.live && this.status !== undefined) this.out.write(`${CLEAR_LINE}${this.status}\n`);
    this.status = undefined;
  }
}
