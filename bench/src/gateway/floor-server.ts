/**
 * Scenario (f), a diagnostic: the bare server of (a) that also does the per-event work the contract asks
 * of the gateway — the shared `parseEvent`, `enrichEvent` and `JSON.stringify` of the stored form — and
 * stores nothing: no auth, dedup, routing, metrics, log or sink. Its ratio to (a) is the most any
 * gateway in Node can reach on this machine.
 */
import { randomUUID } from 'node:crypto';
import { enrichEvent, parseEvent } from '@inlet/schemas';
import { serveBare } from './bare-server';

let serialized = 0;
serveBare(
  (batch) => {
    const receivedAt = new Date().toISOString();
    let accepted = 0;
    for (const [index, raw] of batch.entries()) {
      const parsed = parseEvent(raw, index);
      if (!parsed.ok) continue;
      const event = enrichEvent(parsed.event, { receivedAt, source: 'bench', newMessageId: randomUUID });
      serialized += JSON.stringify(event).length; // kept, so the work cannot be optimised away
      accepted++;
    }
    return accepted;
  },
  () => process.stderr.write(`serialized ${serialized} bytes\n`),
);
