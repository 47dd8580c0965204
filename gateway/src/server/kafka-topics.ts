/**
 * Creates the catalogue's topics (names after `config.topics` overrides) when the gateway starts. A
 * broker that is down must not keep the gateway from starting (events wait in the spool), so a failed
 * attempt is retried in the background until it succeeds or the gateway stops.
 */
import { resolveTopicNames, topicCatalogue } from '@inlet/schemas';
import { createKafkaClient, ensureTopics, type StreamLogger } from '@inlet/streams';
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../config/load';

export interface TopicsKeeper {
  /** Resolves after the first attempt (successful or not). */
  readonly first: Promise<boolean>;
  stop(): void;
}

export function keepTopicsCreated(
  config: Pick<ResolvedConfig, 'brokers' | 'topics'>,
  logger: Logger,
  streamLogger: StreamLogger,
  retryMs = 15_000,
): TopicsKeeper {
  const catalogue = topicCatalogue(resolveTopicNames(config.topics));
  const kafka = createKafkaClient({
    brokers: config.brokers,
    clientId: 'inlet-gateway-admin',
    logger: streamLogger,
    logLevel: 'silent',
    retry: { retries: 2 },
  });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = async (): Promise<boolean> => {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const { created } = await ensureTopics(admin, catalogue, { timeoutMs: 10_000 });
      logger.info({ created, topics: catalogue.length }, 'Kafka topics ready');
      return true;
    } catch (error) {
      logger.warn({ err: error, retryInMs: retryMs }, 'could not create the Kafka topics yet');
      if (!stopped) {
        timer = setTimeout(() => void attempt(), retryMs);
        timer.unref();
      }
      return false;
    } finally {
      await admin.disconnect().catch(() => {});
    }
  };
  return {
    first: attempt(),
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
