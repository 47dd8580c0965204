/**
 * What a client may SEND: Segment's track/page/screen/identify/group/alias plus Inlet's click and
 * log. `messageId` and `timestamp` are optional here — the gateway assigns them (see `enriched.ts`).
 */
import * as z from 'zod';
import { LIMITS } from '../limits';
import { sentCommon, sentRequiredId } from './common';
import { eventVariants, guarded } from './variants';

const sent = eventVariants(sentCommon, sentRequiredId);

// The per-type schemas are shapes only; `EventSchema` / `parseEvent` add the limits and the id rule.

export const TrackEventSchema = sent.track;
export const PageEventSchema = sent.page;
export const ScreenEventSchema = sent.screen;
export const IdentifyEventSchema = sent.identify;
export const GroupEventSchema = sent.group;
export const AliasEventSchema = sent.alias;
export const ClickEventSchema = sent.click;
export const LogEventSchema = sent.log;

/**
 * Any event a client may send, discriminated on `type`, with the limits and the id rule checked.
 * Parse with `parseEvent` for Inlet's messages; its output has ids as strings and `null` ids dropped.
 */
export const EventShapeSchema = z.discriminatedUnion('type', [
  sent.track,
  sent.page,
  sent.screen,
  sent.identify,
  sent.group,
  sent.alias,
  sent.click,
  sent.log,
]);

/** `EventShapeSchema` behind the limits and the id rule: what the gateway validates each event with. */
export const EventSchema = guarded(EventShapeSchema, LIMITS);

/** A parsed event (ids normalised to strings). */
export type Event = z.output<typeof EventShapeSchema>;
/** What a client may put on the wire. */
export type EventInput = z.input<typeof EventShapeSchema>;

export type TrackEvent = z.output<typeof TrackEventSchema>;
export type PageEvent = z.output<typeof PageEventSchema>;
export type ScreenEvent = z.output<typeof ScreenEventSchema>;
export type IdentifyEvent = z.output<typeof IdentifyEventSchema>;
export type GroupEvent = z.output<typeof GroupEventSchema>;
export type AliasEvent = z.output<typeof AliasEventSchema>;
export type ClickEvent = z.output<typeof ClickEventSchema>;
export type LogEvent = z.output<typeof LogEventSchema>;
