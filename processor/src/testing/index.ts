/**
 * The processor's test harness for other workspaces (the chaos runs in bench/):
 * `import { startChild, eventStream, outputsOf } from '@inlet/processor/testing'`.
 */
export { BIN, type ProcessorChild, startChild, type TestChildren, testChildren } from './child';
export { FIXTURE_BATCHES, FIXTURE_FLAGS, FIXTURE_OPTIONS, type FixtureRecord, T0 } from './fixture';
export {
  committedAppEvents,
  createTestTopics,
  latestPerKey,
  outputsOf,
  produce,
  readAll,
  recordsCounted,
  type TestTopics,
  totals,
  waitConsumed,
  withAdmin,
  withFreshOutputs,
} from './kafka-harness';
export { kafkaChildFlags, type TestProcessors, testProcessors } from './kafka-processors';
export { type KafkaRig, useKafkaRig } from './kafka-rig';
export { eventStream } from './stream';
