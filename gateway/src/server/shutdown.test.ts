import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleShutdownSignals } from './shutdown';

const logger = pino({ level: 'silent' });

describe('handleShutdownSignals', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the graceful stop once and exits 0; a second request exits at once with 130', async () => {
    const exits: number[] = [];
    let finish = () => {};
    const stop = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const begin = handleShutdownSignals(stop, {
      timeoutMs: 10_000,
      logger,
      signals: [],
      exit: (c) => exits.push(c),
    });
    begin('SIGTERM');
    begin('SIGINT');
    expect(exits).toEqual([130]);
    finish();
    await vi.waitFor(() => expect(exits).toEqual([130, 0]));
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('exits 1 when the stop fails or outlives its deadline', async () => {
    vi.useFakeTimers();
    const exits: number[] = [];
    const exit = (c: number) => exits.push(c);
    handleShutdownSignals(() => Promise.reject(new Error('disk gone')), {
      timeoutMs: 1_000,
      logger,
      signals: [],
      exit,
    })('x');
    await vi.advanceTimersByTimeAsync(0);
    expect(exits).toEqual([1]);
    handleShutdownSignals(() => new Promise(() => {}), { timeoutMs: 1_000, logger, signals: [], exit })('x');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(exits).toEqual([1, 1]);
  });
});
