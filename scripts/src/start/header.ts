/** The few lines `npm start` prints once Kafka and PostgreSQL are up: where to look and where things are. */
import path from 'node:path';
import type { KafkaInfra, PostgresInfra } from './infra';
import type { StartOptions } from './options';
import type { PartContext } from './parts';

export interface HeaderFacts {
  readonly opts: StartOptions;
  readonly ctx: PartContext;
  readonly kafka: KafkaInfra;
  readonly postgres: PostgresInfra;
  readonly logsDir: string;
  readonly infraSeconds: number;
}

export function headerLines(facts: HeaderFacts): string[] {
  const { opts, ctx, kafka, postgres, logsDir } = facts;
  const demo = `http://127.0.0.1:${ctx.demoPort}`;
  const gateway = `http://127.0.0.1:${ctx.gatewayPort}`;
  const pg = postgres.child
    ? `embedded on ${new URL(ctx.pgUrl).host}, data in ${postgres.dataDir}`
    : `${ctx.pgUrl.replace(/:[^:@/]*@/, ':***@')} (PG_URL)`;
  return [
    '',
    `  storefront   ${demo}/`,
    `  console      ${demo}/pipeline`,
    `  gateway      ${gateway}   API docs ${gateway}/docs`,
    `  write key    ${ctx.writeKey}`,
    `  events go to ${kafka.note}`,
    `  postgres     ${pg}`,
    `  logs         ${path.join(logsDir, '<part>.log')}${opts.verbose ? ' (and here, --verbose)' : ' (--verbose shows them here)'}`,
    `  ledger       ${path.join(ctx.dataDir, 'simulators', 'ledger.jsonl')} (what the virtual users sent)`,
    `  ${kafka.child ? 'Kafka and PostgreSQL' : 'PostgreSQL'} up in ${facts.infraSeconds.toFixed(1)} s; starting the parts. Ctrl-C stops everything (twice forces).`,
    '',
  ];
}
