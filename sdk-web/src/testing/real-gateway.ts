/**
 * The real gateway for the browser tests: started on 127.0.0.1 with the local sink in a data
 * directory, the pages' origins allowed by CORS; its stored records read back per page origin,
 * and its count of dropped duplicates read from `/metrics`.
 */
import { parseResolvedConfig, type RunningGateway, startGateway } from '@inlet/gateway';
import { DEFAULT_TOPIC_NAMES as TOPICS } from '@inlet/schemas';
import { isTopicNotFoundError, readLocalTopic, valueText } from '@inlet/streams';
import { WRITE_KEY } from './browser-harness';

export interface Stored {
  readonly topic: string;
  readonly messageId: string;
  readonly type: string;
  readonly value: { event?: string; element?: { id?: string } };
}

/** A gateway for pages of `origins`; `dedupWindowMs` 0 turns its dedup off (a duplicate then shows in the log). */
export function startTestGateway(dataDir: string, origins: readonly string[], dedupWindowMs: number) {
  const config = parseResolvedConfig(
    JSON.stringify({
      sink: 'local',
      host: '127.0.0.1',
      port: 0,
      dataDir,
      logLevel: 'silent',
      dedupWindowMs,
      writeKeys: [
        {
          key: WRITE_KEY,
          source: 'browser-test',
          allowedOrigins: origins,
          rateLimit: { perSecond: 1_000, burst: 1_000 },
        },
      ],
    }),
  );
  return startGateway(config);
}

/** Records of the local log that came from pages of `origin` (their `context.page.url`), dead letters included. */
export async function storedFrom(dataDir: string, origin: string): Promise<Stored[]> {
  const found: Stored[] = [];
  for (const topic of [TOPICS.appEvents, TOPICS.clickstream, TOPICS.appLogs, TOPICS.deadLetter]) {
    try {
      for await (const record of readLocalTopic(dataDir, topic)) {
        const text = valueText(record) ?? '';
        if (!text.includes(`"url":"${origin}/`)) continue;
        const { 'message-id': messageId = '', 'event-type': type = '' } = record.headers;
        found.push({ topic, messageId, type, value: JSON.parse(text) });
      }
    } catch (error) {
      if (!isTopicNotFoundError(error)) throw error; // nothing written to that topic yet
    }
  }
  return found;
}

/** Events the gateway dropped as duplicates of stored ones, over all topics (`/metrics`). */
export async function deduplicatedEvents(gateway: RunningGateway): Promise<number> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  let total = 0;
  for (const [, n] of text.matchAll(/^inlet_gateway_events_deduplicated_total\{[^}]*\} (\d+)$/gm)) {
    total += Number(n);
  }
  return total;
}
