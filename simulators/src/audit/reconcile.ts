/**
 * The audit's arithmetic, apart from any I/O: what a run's ledger said it sent, against where each
 * messageId was found. Every number Inlet claims about loss and duplicates comes from here.
 */

/** Where each messageId was seen, and how often. Most ids are seen once, so that case stays a string. */
export class Sightings {
  private readonly seen = new Map<string, string | Map<string, number>>();
  records = 0;

  add(id: string, topic: string): void {
    this.records++;
    const was = this.seen.get(id);
    if (was === undefined) this.seen.set(id, topic);
    else {
      const counts = typeof was === 'string' ? new Map([[was, 1]]) : was;
      counts.set(topic, (counts.get(topic) ?? 0) + 1);
      if (counts !== was) this.seen.set(id, counts);
    }
  }

  /** Copies of `id` on `topic`. */
  count(id: string, topic: string): number {
    const was = this.seen.get(id);
    if (was === undefined) return 0;
    if (typeof was === 'string') return was === topic ? 1 : 0;
    return was.get(topic) ?? 0;
  }

  /** Copies of `id` anywhere. */
  total(id: string): number {
    const was = this.seen.get(id);
    if (was === undefined) return 0;
    if (typeof was === 'string') return 1;
    let n = 0;
    for (const c of was.values()) n += c;
    return n;
  }

  ids(): IterableIterator<string> {
    return this.seen.keys();
  }
}

export interface AuditedEvent {
  readonly id: string;
  /** The topic the gateway should have put it on. */
  readonly topic: string;
  /** Deliberately invalid: it belongs on the dead-letter topic instead. */
  readonly invalid?: boolean;
}

export interface TopicTally {
  expected: number;
  delivered: number;
  lost: number;
  /** Ids found more than once there. */
  duplicated: number;
}

export interface AuditResult {
  readonly ledger: {
    readonly events: number;
    readonly valid: number;
    readonly invalid: number;
    readonly repeatedIds: number;
  };
  readonly valid: {
    /** Found on their topic (once or more). */
    readonly delivered: number;
    readonly lost: number;
    /** Ids found on their topic more than once, and the extra copies in all. */
    readonly duplicated: number;
    readonly extraCopies: number;
    /** Found only on another app topic. */
    readonly misrouted: number;
    /** Found only on the dead-letter topic (the gateway refused a valid event). */
    readonly deadLettered: number;
  };
  readonly invalid: {
    readonly deadLettered: number;
    /** Stored on an app topic although invalid (validation let it through). */
    readonly accepted: number;
    readonly lost: number;
    /** Ids dead-lettered more than once (a resend after a lost answer is dead-lettered again). */
    readonly deadLetterRepeats: number;
  };
  readonly byTopic: Readonly<Record<string, TopicTally>>;
  /** Ids with the run's prefix that the ledger does not list. */
  readonly unexpected: number;
  /** Records read that carried the run's prefix. */
  readonly recordsSeen: number;
  /** Up to 20 lost ids, to look for. */
  readonly lostSample: readonly string[];
  /** No loss, valid or invalid. */
  readonly ok: boolean;
}

/** Reconciles `events` (the ledger) with `seen` (the topics read); `deadLetterTopic` holds the rejected. */
export function reconcile(
  events: Iterable<AuditedEvent>,
  seen: Sightings,
  deadLetterTopic: string,
): AuditResult {
  const listed = new Set<string>();
  const byTopic: Record<string, TopicTally> = {};
  const v = { delivered: 0, lost: 0, duplicated: 0, extraCopies: 0, misrouted: 0, deadLettered: 0 };
  const bad = { deadLettered: 0, accepted: 0, lost: 0, deadLetterRepeats: 0 };
  const lostSample: string[] = [];
  let repeatedIds = 0;
  let count = 0;
  let invalidCount = 0;
  const lose = (id: string) => {
    if (lostSample.length < 20) lostSample.push(id);
  };
  for (const e of events) {
    if (listed.has(e.id)) {
      repeatedIds++;
      continue;
    }
    listed.add(e.id);
    count++;
    const here = seen.count(e.id, e.topic);
    const dead = seen.count(e.id, deadLetterTopic);
    const elsewhere = seen.total(e.id) - here - dead;
    if (e.invalid) {
      invalidCount++;
      if (dead > 0) bad.deadLettered++;
      if (dead > 1) bad.deadLetterRepeats++;
      if (here > 0) bad.accepted++;
      if (here + dead + elsewhere === 0) {
        bad.lost++;
        lose(e.id);
      }
      continue;
    }
    byTopic[e.topic] ??= { expected: 0, delivered: 0, lost: 0, duplicated: 0 };
    const tally = byTopic[e.topic] as TopicTally;
    tally.expected++;
    if (here > 0) {
      v.delivered++;
      tally.delivered++;
      if (here > 1) {
        v.duplicated++;
        tally.duplicated++;
        v.extraCopies += here - 1;
      }
    } else if (elsewhere > 0) v.misrouted++;
    else if (dead > 0) v.deadLettered++;
    else {
      v.lost++;
      tally.lost++;
      lose(e.id);
    }
  }
  let unexpected = 0;
  for (const id of seen.ids()) if (!listed.has(id)) unexpected++;
  return {
    ledger: { events: count, valid: count - invalidCount, invalid: invalidCount, repeatedIds },
    valid: v,
    invalid: bad,
    byTopic,
    unexpected,
    recordsSeen: seen.records,
    lostSample,
    ok: v.lost === 0 && bad.lost === 0,
  };
}
