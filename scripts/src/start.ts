/**
 * `npm start`: runs Inlet's pipeline on this machine, no Docker. Parts that later issues build say
 * "not yet" instead of pretending. Kafka is used when KAFKA_BROKERS is set; otherwise every
 * producer writes the local durable log under ./data (read it with `inlet-log`).
 */
import { brokersFromEnv } from './kafka/env';

interface Part {
  readonly name: string;
  readonly status: 'running' | 'not yet';
  readonly detail: string;
}

function main(): number {
  const brokers = brokersFromEnv(process.env);
  const sink = brokers
    ? `Kafka at ${brokers.join(',')}`
    : 'the local durable log in ./data (set KAFKA_BROKERS for Kafka)';
  const parts: Part[] = [
    { name: 'gateway', status: 'not yet', detail: 'ingestion gateway (issue: gateway)' },
    { name: 'cdc', status: 'not yet', detail: 'PostgreSQL change data capture (issue: CDC)' },
    { name: 'external', status: 'not yet', detail: 'external data collector (issue: external data)' },
    { name: 'simulators', status: 'not yet', detail: 'virtual users (issue: Node SDK and virtual users)' },
    { name: 'demo-site', status: 'not yet', detail: 'demo site with the live pipeline view' },
  ];
  console.log(`Inlet — sink: ${sink}`);
  for (const p of parts) console.log(`  ${p.name.padEnd(12)} ${p.status.padEnd(8)} ${p.detail}`);
  return 0;
}

process.exitCode = main();
