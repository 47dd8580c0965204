import { describe, expect, it } from 'vitest';
import { type AuditedEvent, reconcile, Sightings } from './reconcile';

const APP = 'topic_app_events';
const CLICKS = 'topic_clickstream';
const DLQ = 'topic_dead_letter';

function sightings(...pairs: [id: string, topic: string][]) {
  const seen = new Sightings();
  for (const [id, topic] of pairs) seen.add(id, topic);
  return seen;
}

describe('reconcile', () => {
  const ledger: AuditedEvent[] = [
    { id: 'r-1', topic: APP },
    { id: 'r-2', topic: APP },
    { id: 'r-3', topic: CLICKS },
    { id: 'r-4', topic: CLICKS },
    { id: 'r-5', topic: APP },
    { id: 'r-6', topic: APP },
    { id: 'r-7', topic: APP, invalid: true },
    { id: 'r-8', topic: CLICKS, invalid: true },
    { id: 'r-9', topic: APP, invalid: true },
    { id: 'r-1', topic: APP }, // a repeated ledger line counts once
  ];
  const seen = sightings(
    ['r-1', APP],
    ['r-2', APP],
    ['r-2', APP],
    ['r-2', APP], // two extra copies
    ['r-3', CLICKS],
    // r-4 lost
    ['r-5', CLICKS], // misrouted
    ['r-6', DLQ], // valid but dead-lettered
    ['r-7', DLQ],
    ['r-7', DLQ], // dead-lettered twice (a resend)
    ['r-8', CLICKS], // invalid but accepted
    // r-9 lost
    ['r-x', APP], // not in the ledger
  );
  const result = reconcile(ledger, seen, DLQ);

  it('counts the ledger, delivered, lost, duplicated, misrouted and dead-lettered valid events', () => {
    expect(result.ledger).toEqual({ events: 9, valid: 6, invalid: 3, repeatedIds: 1 });
    expect(result.valid).toEqual({
      delivered: 3,
      lost: 1,
      duplicated: 1,
      extraCopies: 2,
      misrouted: 1,
      deadLettered: 1,
    });
    expect(result.byTopic).toEqual({
      [APP]: { expected: 4, delivered: 2, lost: 0, duplicated: 1 },
      [CLICKS]: { expected: 2, delivered: 1, lost: 1, duplicated: 0 },
    });
  });

  it('counts invalid events dead-lettered, accepted anyway, or lost', () => {
    expect(result.invalid).toEqual({ deadLettered: 1, accepted: 1, lost: 1, deadLetterRepeats: 1 });
  });

  it('counts ids of the run missing from the ledger, samples the lost, and fails on loss', () => {
    expect(result.unexpected).toBe(1);
    expect(result.recordsSeen).toBe(11);
    expect(result.lostSample).toEqual(['r-4', 'r-9']);
    expect(result.ok).toBe(false);
  });

  it('is ok when everything arrived, duplicates or not', () => {
    const clean = reconcile(
      [
        { id: 'a', topic: APP },
        { id: 'b', topic: DLQ, invalid: true },
      ],
      sightings(['a', APP], ['a', APP], ['b', DLQ]),
      DLQ,
    );
    expect(clean).toMatchObject({
      ok: true,
      valid: { delivered: 1, duplicated: 1, lost: 0 },
      invalid: { deadLettered: 1, lost: 0 },
    });
  });
});
