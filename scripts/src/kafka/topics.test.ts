import { describe, expect, it } from 'vitest';
import { formatTopicTable } from './topics';

describe('formatTopicTable', () => {
  it('aligns columns under a header', () => {
    const table = formatTopicTable([
      { name: 'topic_user_state', partitions: 3, cleanupPolicy: 'compact' },
      { name: 'a', partitions: 12, cleanupPolicy: 'delete' },
    ]);
    expect(table.split('\n')).toEqual([
      'TOPIC             PARTITIONS  CLEANUP',
      'topic_user_state  3           compact',
      'a                 12          delete',
    ]);
  });
});
