/** Topic → record value schema: what every Inlet topic holds, in one place. */
import type * as z from 'zod';
import { AppEventRecordSchema, ClickRecordSchema, LogRecordSchema } from '../event/enriched';
import type { TopicKey } from '../topics';
import { AggregateRecordSchema } from './aggregates';
import { CdcChangeRecordSchema } from './cdc';
import { DeadLetterRecordSchema } from './dead-letter';
import { ExternalDataRecordSchema } from './external';
import { BookingStateRecordSchema, UserStateRecordSchema } from './state';

export const TOPIC_RECORD_SCHEMAS = {
  appEvents: AppEventRecordSchema,
  clickstream: ClickRecordSchema,
  appLogs: LogRecordSchema,
  cdcChanges: CdcChangeRecordSchema,
  externalData: ExternalDataRecordSchema,
  processedEvents: AggregateRecordSchema,
  userState: UserStateRecordSchema,
  bookingState: BookingStateRecordSchema,
  deadLetter: DeadLetterRecordSchema,
} as const satisfies Record<TopicKey, z.ZodType>;

export type TopicRecordSchemas = typeof TOPIC_RECORD_SCHEMAS;
/** The record value type of a topic, e.g. `TopicRecord<'cdcChanges'>`. */
export type TopicRecord<K extends TopicKey> = z.output<TopicRecordSchemas[K]>;
