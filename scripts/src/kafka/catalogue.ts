import { topicCatalogue } from '@inlet/schemas';
import { ensureTopics } from '@inlet/streams';
import { Kafka, logLevel } from 'kafkajs';

/** Creates the default topic catalogue (`topicCatalogue()`) on `brokers`; idempotent. */
export async function ensureCatalogue(
  brokers: readonly string[],
): Promise<{ created: string[]; existing: string[] }> {
  const admin = new Kafka({
    clientId: 'inlet-harness',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    return await ensureTopics(admin, topicCatalogue());
  } finally {
    await admin.disconnect();
  }
}
