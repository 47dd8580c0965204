/**
 * Tails topics of one or more local durable logs (each part of the pipeline writes its own) straight
 * from their files. A log or topic that does not exist yet simply has no records yet: it is looked
 * for again every `pollMs` until it appears.
 */

import { setMaxListeners } from 'node:events';
import { access } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from '@inlet/schemas';
import { describeTopic } from '../local-log/inspect';
import { readLocalTopic } from '../local-log/reader';
import { topicDir } from '../local-log/segment';
import type { Tail, TailOptions, TailStatus } from './tail';

export interface LocalTailOptions extends TailOptions {
  /** The local log data directories to read (as given to `openLocalLog`). Required. */
  readonly dataDirs: readonly string[];
  /** How often to look for new records and new topics, in ms. Default 250. */
  readonly pollMs?: number;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

export function tailLocalLogs(options: LocalTailOptions): Tail {
  const { dataDirs, topics, onRecord, backlog = 100, pollMs = 250 } = options;
  const abort = new AbortController();
  // One follower per log and topic, each listening for the abort.
  setMaxListeners(dataDirs.length * topics.length * 2 + 10, abort.signal);
  const following = new Set<string>();
  let lastError: string | undefined;

  async function follow(dataDir: string, topic: string): Promise<void> {
    const dir = topicDir(dataDir, topic);
    while (!abort.signal.aborted) {
      try {
        if (!(await exists(dir))) {
          await sleep(pollMs * 4, undefined, { signal: abort.signal, ref: false });
          continue;
        }
        const { startOffset, nextOffset } = await describeTopic(dataDir, topic);
        const fromOffset = Math.max(startOffset, nextOffset - backlog);
        following.add(topic);
        for await (const record of readLocalTopic(dataDir, topic, {
          fromOffset,
          follow: true,
          pollMs,
          signal: abort.signal,
        })) {
          onRecord(record);
        }
      } catch (error) {
        if (abort.signal.aborted) return;
        lastError = `${dir}: ${errorMessage(error)}`;
        options.onError?.(error);
        await sleep(pollMs * 4, undefined, { signal: abort.signal, ref: false }).catch(() => {});
      }
    }
  }

  const loops = dataDirs.flatMap((d) => topics.map((t) => follow(d, t).catch(() => {})));
  return {
    status(): TailStatus {
      return {
        readable: true,
        following: [...following],
        ...(lastError === undefined ? {} : { lastError }),
      };
    },
    async close() {
      abort.abort();
      await Promise.allSettled(loops);
    },
  };
}
