/**
 * The ENRICHED event the gateway stores in Kafka: `messageId`, `timestamp`, `receivedAt` and
 * `source` always set, ids always strings. These are the record values of the app-events,
 * clickstream and app-logs topics.
 */
import * as z from 'zod';
import { LIMITS } from '../limits';
import { enrichedCommon, storedId } from './common';
import { eventVariants, guarded } from './variants';

const stored = eventVariants(enrichedCommon, storedId);
const storedLimits = { ...LIMITS, maxEventBytes: LIMITS.maxStoredEventBytes };

export const EnrichedTrackEventSchema = stored.track;
export const EnrichedPageEventSchema = stored.page;
export const EnrichedScreenEventSchema = stored.screen;
export const EnrichedIdentifyEventSchema = stored.identify;
export const EnrichedGroupEventSchema = stored.group;
export const EnrichedAliasEventSchema = stored.alias;
export const EnrichedClickEventSchema = stored.click;
export const EnrichedLogEventSchema = stored.log;

/** The six Segment types: the app-events topic's, and the first six of any stored event. */
const segmentTypes = [
  stored.track,
  stored.page,
  stored.screen,
  stored.identify,
  stored.group,
  stored.alias,
] as const;

/** Record value of the app-events topic: the six Segment types. */
export const AppEventRecordSchema = guarded(z.discriminatedUnion('type', segmentTypes), storedLimits);

/** Record value of the clickstream topic. */
export const ClickRecordSchema = guarded(stored.click, storedLimits);

/** Record value of the app-logs topic. */
export const LogRecordSchema = guarded(stored.log, storedLimits);

/** Any stored event, all eight types. */
export const EnrichedEventSchema = guarded(
  z.discriminatedUnion('type', [...segmentTypes, stored.click, stored.log]),
  storedLimits,
);

export type EnrichedEvent = z.output<typeof EnrichedEventSchema>;
export type AppEventRecord = z.output<typeof AppEventRecordSchema>;
export type ClickRecord = z.output<typeof ClickRecordSchema>;
export type LogRecord = z.output<typeof LogRecordSchema>;
export type EnrichedTrackEvent = z.output<typeof EnrichedTrackEventSchema>;
export type EnrichedPageEvent = z.output<typeof EnrichedPageEventSchema>;
export type EnrichedScreenEvent = z.output<typeof EnrichedScreenEventSchema>;
export type EnrichedIdentifyEvent = z.output<typeof EnrichedIdentifyEventSchema>;
export type EnrichedGroupEvent = z.output<typeof EnrichedGroupEventSchema>;
export type EnrichedAliasEvent = z.output<typeof EnrichedAliasEventSchema>;
export type EnrichedClickEvent = z.output<typeof EnrichedClickEventSchema>;
export type EnrichedLogEvent = z.output<typeof EnrichedLogEventSchema>;
