/** A fixed-capacity buffer that drops the oldest item when full: what keeps the console bounded. */
export class RingBuffer<T> {
  readonly #items: (T | undefined)[];
  #next = 0;
  #size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    }
    this.#items = new Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Adds an item; returns the one it pushed out, if the buffer was full. */
  push(item: T): T | undefined {
    const evicted = this.#size === this.capacity ? this.#items[this.#next] : undefined;
    this.#items[this.#next] = item;
    this.#next = (this.#next + 1) % this.capacity;
    if (this.#size < this.capacity) this.#size++;
    return evicted;
  }

  /** Newest first. */
  newestFirst(limit = this.#size): T[] {
    const out: T[] = [];
    for (let i = 1; i <= Math.min(limit, this.#size); i++) {
      out.push(this.#items[(this.#next - i + this.capacity) % this.capacity] as T);
    }
    return out;
  }

  clear(): void {
    this.#items.fill(undefined);
    this.#next = 0;
    this.#size = 0;
  }
}
