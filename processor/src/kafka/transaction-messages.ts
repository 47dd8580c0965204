/** What one task transaction writes: the drained outputs and the task's window-state snapshot. */
import type { TopicNames } from '@inlet/schemas';
import type { TopicMessages } from 'kafkajs';
import type { TaskOutput } from '../core/task';
import { toOutputRecord } from '../runtime/output-records';
import { changelogKey, type HeldTask } from './restore-tasks';

export interface MessageLayout {
  readonly topics: TopicNames;
  readonly changelogTopic: string;
  readonly partitionCount: ReadonlyMap<string, number>;
}

/**
 * State and changelog records go to partition `task mod partitions`, where the task's restore reads
 * them; aggregates and dead letters are partitioned by key.
 */
export function transactionMessages(
  held: HeldTask,
  outputs: readonly TaskOutput[],
  layout: MessageLayout,
): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages['messages']>();
  const add = (topic: string, m: TopicMessages['messages'][number]) => {
    const list = byTopic.get(topic) ?? [];
    list.push(m);
    byTopic.set(topic, list);
  };
  const partitionOf = (topic: string) => held.task % (layout.partitionCount.get(topic) ?? 1);
  for (const o of outputs) {
    const r = toOutputRecord(o, held.task, layout.topics);
    add(r.topic, {
      key: r.key,
      value: r.value,
      headers: r.headers,
      ...(r.stateTopic === undefined ? {} : { partition: partitionOf(r.topic) }),
    });
  }
  add(layout.changelogTopic, {
    key: changelogKey(held.task),
    value: JSON.stringify(held.processor.snapshot()),
    partition: partitionOf(layout.changelogTopic),
  });
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
