/**
 * A consumer-group assigner that hands out tasks, not partitions: task *i* is partition *i* of every
 * subscribed input topic, so one member holds all the records of a key (inputs are keyed by user, or
 * by row for CDC) across topics, and one transactional producer per task covers them.
 * Tasks go round-robin over the members sorted by id, so every member computes the same plan.
 */
import { AssignerProtocol, type Cluster, type PartitionAssigner } from 'kafkajs';

export const TASK_ASSIGNER_NAME = 'InletTaskAssigner';

/** task → member, then member → topic → partitions. Pure, for the tests. */
export function planTasks(
  memberIds: readonly string[],
  partitionsByTopic: ReadonlyMap<string, readonly number[]>,
): Map<string, Record<string, number[]>> {
  const members = [...memberIds].sort();
  const plan = new Map<string, Record<string, number[]>>(members.map((m) => [m, {}]));
  if (members.length === 0) return plan;
  for (const [topic, partitions] of partitionsByTopic) {
    for (const p of [...partitions].sort((a, b) => a - b)) {
      const member = members[p % members.length] as string;
      const assignment = plan.get(member) as Record<string, number[]>;
      const list = assignment[topic] ?? [];
      list.push(p);
      assignment[topic] = list;
    }
  }
  return plan;
}

const partitionsOf = (cluster: Cluster, topic: string): number[] =>
  cluster.findTopicPartitionMetadata(topic).map((m) => m.partitionId);

export const taskAssigner: PartitionAssigner = ({ cluster }) => ({
  name: TASK_ASSIGNER_NAME,
  version: 1,
  async assign({ members, topics }) {
    const partitions = new Map(topics.map((t) => [t, partitionsOf(cluster, t)] as const));
    const plan = planTasks(
      members.map((m) => m.memberId),
      partitions,
    );
    return [...plan].map(([memberId, assignment]) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: 1,
        assignment,
        userData: Buffer.alloc(0),
      }),
    }));
  },
  protocol({ topics }) {
    return {
      name: TASK_ASSIGNER_NAME,
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }),
    };
  },
});
