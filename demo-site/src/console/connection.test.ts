import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ConnectionState, ConsoleConnection } from './connection';

/** Stands in for the browser's EventSource: the test fires its events. */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeEventSource.instances.push(this);
  }
  close(): void {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(type: string, data?: unknown): void {
    this.dispatchEvent(Object.assign(new Event(type), { data: JSON.stringify(data) }));
  }
}

const snapshot = { now: 1, topics: [], totals: {}, records: [] };

describe('ConsoleConnection', () => {
  let states: ConnectionState[];
  let snapshots: unknown[];
  let conn: ConsoleConnection;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('EventSource', FakeEventSource);
    FakeEventSource.instances = [];
    states = [];
    snapshots = [];
    conn = new ConsoleConnection('/api/console/stream', {
      snapshot: (s) => snapshots.push(s),
      tick: () => {},
      state: (s) => states.push(s),
    });
  });
  afterEach(() => {
    conn.close();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('is live once the snapshot arrives, and says so while EventSource retries by itself', () => {
    conn.connect();
    const source = FakeEventSource.instances[0];
    expect(source?.url).toBe('/api/console/stream');
    source?.emit('snapshot', snapshot);
    expect(snapshots).toEqual([snapshot]);
    source?.emit('error');
    expect(states).toEqual(['connecting', 'live', 'reconnecting']);
    vi.advanceTimersByTime(10_000);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('opens a new stream itself when the server refused one (EventSource gives up on a 503)', () => {
    conn.connect();
    const first = FakeEventSource.instances[0];
    if (first) first.readyState = FakeEventSource.CLOSED;
    first?.emit('error');
    vi.advanceTimersByTime(3_000);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(states).toEqual(['connecting', 'reconnecting', 'connecting']);
  });

  it('reconnects at once on demand, closing the old stream', () => {
    conn.connect();
    conn.connect();
    expect(FakeEventSource.instances.map((s) => s.closed)).toEqual([true, false]);
    // The old stream's late error no longer changes the state.
    FakeEventSource.instances[0]?.emit('error');
    expect(states).toEqual(['connecting', 'connecting']);
  });
});
