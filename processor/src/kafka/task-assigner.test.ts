import { describe, expect, it } from 'vitest';
import { planTasks } from './task-assigner';

describe('planTasks', () => {
  const topics = new Map([
    ['events', [0, 1, 2, 3, 4, 5]],
    ['logs', [0, 1, 2]],
  ]);

  it('gives one member every partition of every topic', () => {
    expect(Object.fromEntries(planTasks(['a'], topics))).toEqual({
      a: { events: [0, 1, 2, 3, 4, 5], logs: [0, 1, 2] },
    });
  });

  it('keeps partition i of every topic on the same member (one task)', () => {
    expect(Object.fromEntries(planTasks(['b', 'a'], topics))).toEqual({
      a: { events: [0, 2, 4], logs: [0, 2] },
      b: { events: [1, 3, 5], logs: [1] },
    });
  });
});
