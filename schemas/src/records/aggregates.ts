/** Windowed aggregates the stream processor writes to the processed-events topic. */
import * as z from 'zod';
import { isoDateTime } from '../event/common';

export const AggregateRecordSchema = z.looseObject({
  /** What was measured, e.g. `events_per_type` or `page_views`. */
  metric: z.string().min(1),
  /** Window start (inclusive) and end (exclusive), ISO 8601. */
  windowStart: isoDateTime,
  windowEnd: isoDateTime,
  /** What the value is broken down by, e.g. `{"type": "track", "event": "Order Completed"}`. */
  dimensions: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** Number of input records in the window. */
  count: z.int().nonnegative(),
  /** The metric's value (equals `count` for counting metrics). */
  value: z.number(),
  /** When this aggregate was emitted; a later one for the same window replaces it. */
  emittedAt: isoDateTime.optional(),
});
export type AggregateRecord = z.output<typeof AggregateRecordSchema>;
