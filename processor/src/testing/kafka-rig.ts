/**
 * The set-up of a Kafka-mode test file: the brokers (or a skip), processor child processes and
 * in-process processors, all stopped after each test.
 */
import { defined, kafkaBrokers } from '@inlet/scripts/testing';
import { afterEach } from 'vitest';
import { type TestChildren, testChildren } from './child';
import { type TestProcessors, testProcessors } from './kafka-processors';

export interface KafkaRig {
  /** For `describe.skipIf(!brokers)`. */
  readonly brokers: string[] | undefined;
  /** The brokers inside a test (it runs only when they are there). */
  need(): string[];
  readonly children: TestChildren;
  readonly processors: TestProcessors;
}

export function useKafkaRig(): KafkaRig {
  const brokers = kafkaBrokers();
  const need = (): string[] => defined(brokers, 'Kafka brokers');
  const children = testChildren();
  const processors = testProcessors(need);
  afterEach(async () => {
    children.killAll();
    await processors.stopAll();
  });
  return { brokers, need, children, processors };
}
