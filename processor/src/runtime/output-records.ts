/** What the core's outputs become on the output topics, in Kafka mode and embedded mode alike. */
import { SCHEMA_VERSION, SCHEMA_VERSION_HEADER, type TopicNames } from '@inlet/schemas';
import type { InputRole } from '../core/input';
import type { TaskOutput } from '../core/task';

/** Header naming the task that wrote a state record (restore keeps only its own task's records). */
export const TASK_HEADER = 'inlet-task';

export interface OutputRecord {
  readonly topic: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Record<string, string>;
  /** Set for state records, which must land where the task's restore reads them. */
  readonly stateTopic?: 'userState' | 'bookingState';
}

export function toOutputRecord(o: TaskOutput, task: number, topics: TopicNames): OutputRecord {
  const headers = { [SCHEMA_VERSION_HEADER]: SCHEMA_VERSION, [TASK_HEADER]: String(task) };
  switch (o.kind) {
    case 'aggregate':
      return { topic: topics.processedEvents, key: o.key, value: JSON.stringify(o.value), headers };
    case 'dead':
      return { topic: topics.deadLetter, key: o.key, value: JSON.stringify(o.value), headers };
    case 'user':
      return {
        topic: topics.userState,
        key: o.key,
        value: JSON.stringify(o.value),
        headers,
        stateTopic: 'userState',
      };
    case 'booking':
      return {
        topic: topics.bookingState,
        key: o.key,
        value: o.value === null ? null : JSON.stringify(o.value),
        headers,
        stateTopic: 'bookingState',
      };
  }
}

/** Input topic name → role. */
export function inputRoles(topics: TopicNames): Map<string, InputRole> {
  return new Map<string, InputRole>([
    [topics.appEvents, 'events'],
    [topics.clickstream, 'clicks'],
    [topics.appLogs, 'logs'],
    [topics.cdcChanges, 'cdc'],
  ]);
}
