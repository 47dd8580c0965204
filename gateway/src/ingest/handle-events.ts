/**
 * One request's events, end to end: validate each on its own, enrich and route the valid ones,
 * dead-letter the rest, drop retried duplicates, and publish everything in ONE call. The answer is
 * 200 only when that publish stored every record; otherwise a 503 with `Retry-After`.
 */
import { applyBatchContext, type BatchResponse, parseEvent, type RejectedEvent } from '@inlet/schemas';
import type { SinkRecord } from '@inlet/streams';
import { unavailable } from '../app/errors';
import type { Runtime } from '../app/types';
import type { PublishResult } from '../delivery/publisher';
import type { LiveEvent } from '../live/live-bus';
import { deadLetterRecord } from './dead-letter';
import { type EnrichedRecord, enrichToRecord, type RequestFacts } from './enrich';

export interface IngestInput {
  /** Events as sent (a single route's body already through `eventFromRoute`). */
  readonly events: readonly unknown[];
  /** The batch's `context`, merged under each event's. */
  readonly batchContext?: unknown;
  /** Batch route: issue paths start with `batch[i]`. */
  readonly indexed: boolean;
  /** The body text, for a dead-letter payload that cannot be re-serialised. */
  readonly rawText: () => string;
  /** Sent as its page unloaded (`text/plain`): the stored ids are remembered for `dedupUnloadWindowMs`. */
  readonly unload?: boolean;
}

export interface IngestOutcome {
  readonly response: BatchResponse;
  readonly deduplicated: number;
}

type IngestRuntime = Pick<Runtime, 'publisher' | 'metrics' | 'dedup' | 'live' | 'topicNames' | 'logger'>;

function tally(counts: Map<string, number>, topic: string): void {
  counts.set(topic, (counts.get(topic) ?? 0) + 1);
}

async function timedPublish(rt: IngestRuntime, records: readonly SinkRecord[]): Promise<PublishResult> {
  const stop = rt.metrics.produceDuration.startTimer();
  let result: PublishResult;
  try {
    result = await rt.publisher.publish(records);
  } catch (error) {
    // The Publisher contract says publish never rejects; if one does, nothing is known stored.
    rt.logger.error({ err: error }, 'publisher.publish rejected');
    stop({ result: 'failed' });
    throw unavailable('the event store failed; retry later', 5);
  }
  stop({ result: result.ok ? result.via : 'failed' });
  return result;
}

/** `scope` separates dedup memories (the write key). */
export async function ingestEvents(
  rt: IngestRuntime,
  input: IngestInput,
  facts: RequestFacts,
  scope: string,
): Promise<IngestOutcome> {
  const accepted: EnrichedRecord[] = [];
  const clientIds: (string | undefined)[] = [];
  const rejected: RejectedEvent[] = [];
  const deadLetters: SinkRecord[] = [];
  const deadIds: (string | undefined)[] = [];
  const rejectedByTopic = new Map<string, number>();

  input.events.forEach((raw, index) => {
    const event = input.batchContext === undefined ? raw : applyBatchContext(raw, input.batchContext);
    const parsed = parseEvent(event, input.indexed ? index : undefined);
    if (parsed.ok) {
      accepted.push(enrichToRecord(parsed.event, facts, rt.topicNames));
      clientIds.push(parsed.event.messageId);
      return;
    }
    const messageId = parsed.messageId;
    rejected.push({ index, errors: parsed.issues, ...(messageId === undefined ? {} : { messageId }) });
    const dead = deadLetterRecord(
      { payload: raw, index, messageId, errors: parsed.issues },
      facts,
      rt.topicNames,
      input.rawText,
    );
    deadLetters.push(dead.record);
    deadIds.push(messageId);
    tally(rejectedByTopic, dead.originalTopic ?? 'unknown');
  });

  const claim = await rt.dedup.claim(scope, clientIds, input.unload);
  // A retried request's invalid events are dead-lettered once: their ids live in a scope of their own,
  // so a corrected event resent with the same messageId is still stored.
  const deadClaim = deadIds.some((id) => id !== undefined)
    ? await rt.dedup.claim(`${scope}\u0000dead-letter`, deadIds)
    : undefined;
  const fresh = accepted.filter((_, i) => !claim.duplicate[i]);
  const records = [
    ...fresh.map((a) => a.record),
    ...deadLetters.filter((_, i) => deadClaim?.duplicate[i] !== true),
  ];
  try {
    if (records.length > 0) {
      const result = await timedPublish(rt, records);
      if (!result.ok) throw unavailable(result.message, result.retryAfterSeconds);
    }
    claim.commit();
    deadClaim?.commit();
  } finally {
    claim.release(); // no-op after commit
    deadClaim?.release();
  }

  const acceptedByTopic = new Map<string, number>();
  const dupByTopic = new Map<string, number>();
  accepted.forEach((a, i) => {
    tally(claim.duplicate[i] ? dupByTopic : acceptedByTopic, a.route.topic);
  });
  for (const [topic, n] of acceptedByTopic) {
    rt.metrics.countEvents('accepted', topic, n);
    rt.live.count(topic, 'accepted', n);
  }
  for (const [topic, n] of dupByTopic) {
    rt.metrics.countEvents('deduplicated', topic, n);
    rt.live.count(topic, 'deduplicated', n);
  }
  for (const [topic, n] of rejectedByTopic) {
    rt.metrics.countEvents('rejected', topic, n);
    rt.live.count(topic, 'rejected', n);
  }
  if (rt.live.listenerCount > 0) {
    rt.live.offer(fresh.map((a): LiveEvent => ({ topic: a.route.topic, key: a.record.key, event: a.event })));
  }
  return {
    response: { ok: true, accepted: accepted.length, rejected },
    deduplicated: accepted.length - fresh.length,
  };
}
