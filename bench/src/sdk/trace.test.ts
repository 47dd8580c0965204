import { describe, expect, it } from 'vitest';
import { mainThreadBusy, type TraceEvent } from './trace';

const mark = (name: string, ts: number, pid = 1, tid = 1): TraceEvent => ({ name, ph: 'I', pid, tid, ts });
const task = (
  ts: number,
  dur: number,
  pid = 1,
  tid = 1,
  name = 'ThreadControllerImpl::RunTask',
  tdur = dur / 2,
): TraceEvent => ({
  name,
  ph: 'X',
  pid,
  tid,
  ts,
  dur,
  tdur,
});

describe('mainThreadBusy', () => {
  it('sums the marked thread’s top-level tasks from the start mark to afterMs past the end mark', () => {
    const events = [
      mark('start', 1_000),
      mark('end', 2_000),
      task(1_100, 300),
      task(1_200, 50), // nested in the task before: counted through it
      task(1_500, 100, 1, 2), // another thread
      task(1_500, 100, 2, 1), // another process
      task(1_600, 200, 1, 1, 'RunTask'),
      task(2_500, 100, 1, 1, 'SomethingElse'),
    ];
    expect(mainThreadBusy(events, 'start', 'end', 1)).toEqual({
      busyMs: 0.5,
      windowMs: 2,
      tasks: 2,
      cpuMs: 0.25,
    });
  });

  it('counts only the part of a task inside the window', () => {
    const events = [mark('start', 1_000), mark('end', 2_000), task(900, 200), task(2_900, 400)];
    // 100 µs after the start, and 100 µs before the window closes at 3,000.
    const busy = mainThreadBusy(events, 'start', 'end', 1);
    expect(busy.busyMs).toBeCloseTo(0.2);
    expect(busy.cpuMs).toBeCloseTo(0.1); // half of each part, as each task's CPU is half its length
  });

  it('counts a task without a thread time at its wall time', () => {
    const { tdur: _, ...untimed } = task(1_100, 300);
    const events = [mark('start', 1_000), mark('end', 2_000), untimed, task(1_500, 100)];
    const busy = mainThreadBusy(events, 'start', 'end', 1);
    expect(busy.busyMs).toBeCloseTo(0.4);
    expect(busy.cpuMs).toBeCloseTo(0.35);
  });

  it('says which mark is missing', () => {
    expect(() => mainThreadBusy([mark('start', 1)], 'start', 'end', 5)).toThrow(/marks start and end/);
  });
});
