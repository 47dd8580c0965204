/** Records of the dead-letter topic: whatever was rejected, why, and where it came from. */
import * as z from 'zod';
import { isoDateTime } from '../event/common';
import { IssueSchema } from '../issues';

export const DEAD_LETTER_REASONS = {
  /** An event failed validation (the gateway's per-event rejections). */
  invalidEvent: 'invalid_event',
  /** A record read from a topic did not match its topic's schema. */
  invalidRecord: 'invalid_record',
  /** The payload broke a size limit. */
  tooLarge: 'too_large',
  /** The payload was not parseable at all (not JSON, bad encoding). */
  malformed: 'malformed',
  /** Valid, but its event time is behind a closed window's allowed lateness (the processor's late data). */
  tooLate: 'too_late',
  /** Valid, but processing it failed (the error is in `errors`). */
  processingFailed: 'processing_failed',
} as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[keyof typeof DEAD_LETTER_REASONS];

/** The original payload: parsed JSON when it was JSON, else its text (or base64 of its bytes). */
export const DeadLetterPayloadSchema = z.discriminatedUnion('format', [
  z.object({ format: z.literal('json'), value: z.unknown() }),
  z.object({ format: z.literal('text'), text: z.string() }),
  z.object({ format: z.literal('base64'), text: z.string() }),
]);
export type DeadLetterPayload = z.output<typeof DeadLetterPayloadSchema>;

export const DeadLetterRecordSchema = z.looseObject({
  reason: z.enum(DEAD_LETTER_REASONS),
  errors: z.array(IssueSchema),
  payload: DeadLetterPayloadSchema,
  /** What rejected it: `gateway`, `collector-cdc`, `collector-external`, `processor`, … */
  source: z.string().min(1),
  /** When the rejecting component received the payload, ISO 8601. */
  receivedAt: isoDateTime,
  /** The topic the payload was read from or meant for, when known. */
  originalTopic: z.string().optional(),
  /** The original Kafka key, when there was one. */
  originalKey: z.string().optional(),
  /** The event's `messageId` and its position in its batch, for gateway rejections. */
  messageId: z.string().optional(),
  index: z.int().nonnegative().optional(),
  /** The gateway source (write key's name) it arrived through. */
  sourceName: z.string().optional(),
});
export type DeadLetterRecord = z.output<typeof DeadLetterRecordSchema>;
