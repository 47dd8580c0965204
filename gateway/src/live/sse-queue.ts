/**
 * A bounded queue between the bus (which must never block) and one SSE stream (which waits on a
 * slow client): when it is full, new messages are dropped and counted.
 */
export class BoundedQueue<T> {
  private readonly items: T[] = [];
  private wake: (() => void) | undefined;
  private closed = false;
  dropped = 0;

  constructor(private readonly capacity: number) {}

  push(item: T): void {
    if (this.closed) return;
    if (this.items.length >= this.capacity) this.dropped++;
    else this.items.push(item);
    this.wake?.();
  }

  /** The next item, or undefined once closed. */
  async next(): Promise<T | undefined> {
    while (!this.closed) {
      const item = this.items.shift();
      if (item !== undefined) return item;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
    return undefined;
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }
}
