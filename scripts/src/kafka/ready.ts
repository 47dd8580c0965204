import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';

export interface ClusterInfo {
  clusterId: string;
  brokerCount: number;
  controller: number | null;
}

/** One metadata round trip through kafkajs admin, no retries: does the cluster answer right now? */
export async function probeKafka(brokers: readonly string[], timeoutMs = 3_000): Promise<ClusterInfo> {
  const kafka = new Kafka({
    clientId: 'inlet-harness-probe',
    brokers: [...brokers],
    connectionTimeout: Math.min(timeoutMs, 1_000),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return {
      clusterId: cluster.clusterId,
      brokerCount: cluster.brokers.length,
      controller: cluster.controller,
    };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export interface WaitForKafkaOptions {
  /** Give up after this long. Default: 90 000 ms. */
  timeoutMs?: number;
  /** Checked between attempts: a reason to stop waiting (e.g. the broker process exited). Default: none. */
  abortReason?: () => string | undefined;
}

/**
 * Polls with real metadata requests until the cluster lists at least one broker (a KRaft broker is
 * listed once unfenced, i.e. ready for produce and topic creation). Throws with the last error.
 */
export async function waitForKafka(
  brokers: readonly string[],
  options: WaitForKafkaOptions = {},
): Promise<ClusterInfo> {
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  let lastError = 'no attempt made';
  for (;;) {
    const abort = options.abortReason?.();
    if (abort) throw new Error(abort);
    try {
      const info = await probeKafka(brokers, 2_000);
      if (info.brokerCount > 0) return info;
      lastError = 'metadata lists no broker yet';
    } catch (error) {
      lastError = (error as Error).message;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Kafka at ${brokers.join(',')} not ready after ${options.timeoutMs ?? 90_000} ms: ${lastError}`,
      );
    }
    await sleep(250);
  }
}
