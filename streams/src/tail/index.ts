export type { KafkaTailOptions } from './kafka-tail';
export { tailKafkaTopics } from './kafka-tail';
export type { LocalTailOptions } from './local-tail';
export { tailLocalLogs } from './local-tail';
export type { Tail, TailOptions, TailStatus } from './tail';
