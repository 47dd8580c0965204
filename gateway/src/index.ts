/**
 * @inlet/gateway: the ingestion gateway. `createApp` is the HTTP app (tested in-process), `startGateway`
 * runs it with a real publisher and server, `main` is the `inlet-gateway` CLI.
 */
export { createApp } from './app/create-app';
export type { AppDeps } from './app/types';
export type { DevKey } from './config/dev-key';
export { ConfigError, isConfigError } from './config/errors';
export type { LoadOptions, LoadResult, ResolvedConfig } from './config/load';
export { loadConfig, parseResolvedConfig } from './config/load';
export type { GatewayConfig, GatewayConfigInput, IpPolicy, WriteKeyConfig } from './config/schema';
export { GatewayConfigSchema, IP_POLICIES, WriteKeyConfigSchema } from './config/schema';
export type { CoalescerOptions } from './delivery/coalescer';
export { Coalescer } from './delivery/coalescer';
export type { CreatedPublisher, CreatePublisherOptions } from './delivery/create-publisher';
export { createPublisher, workerDataDir } from './delivery/create-publisher';
export type { KafkaSpoolPublisherOptions, KafkaSpoolStats } from './delivery/kafka-spool-publisher';
export { KafkaSpoolPublisher } from './delivery/kafka-spool-publisher';
export type { LocalPublisherOptions } from './delivery/local-publisher';
export { LocalPublisher } from './delivery/local-publisher';
export type { Publisher, PublisherStatus, PublishResult } from './delivery/publisher';
export type { ReplayerOptions, ReplayStats } from './delivery/replayer';
export { QUARANTINE_PREFIX } from './delivery/replayer';
export { main } from './server/main';
export { nodePeerAddress } from './server/node-peer-address';
export type { RunningGateway, StartGatewayOptions } from './server/start';
export { startGateway } from './server/start';
