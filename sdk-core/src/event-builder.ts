import type { EventInput, EventType } from '@inlet/schemas';
import type { User } from './identity';

export type Context = Record<string, unknown>;
export type Integrations = Record<string, boolean | Record<string, unknown>>;

/** Per-call options of every tracking method. */
export interface CallOptions {
  /** Merged over the platform's context; each top-level key set here wins whole. */
  context?: Context;
  /** Replaces the core's default `integrations` for this event. */
  integrations?: Integrations;
  /** When it happened. @default now */
  timestamp?: Date | string;
  /** Use this messageId instead of a new UUID (replays, idempotent re-sends). */
  messageId?: string;
  /**
   * Speak for this user instead of the core's own identity, for server-side code where one core
   * serves many users. When either id is given, the core's identity is left out entirely.
   */
  userId?: string;
  anonymousId?: string;
}

/** The type-specific fields of an event (`{type: 'track', event: 'Signed Up'}`). */
export type EventFields = { readonly type: EventType } & Record<string, unknown>;

export interface EventBase {
  readonly messageId: string;
  readonly now: number;
  readonly user: () => User;
  readonly library: { readonly name: string; readonly version: string };
  readonly sessionId: number | undefined;
  /** The platform's context at capture time (page, locale, user agent…). */
  readonly context: Context | undefined;
  readonly integrations: Integrations | undefined;
}

let lastMs = Number.NaN;
let lastIso = '';

/**
 * `new Date(ms).toISOString()`, remembered for the last millisecond asked: the events of a burst
 * share their millisecond, and formatting costs Chromium ~1.1 µs (the cached answer 0.07 µs).
 */
export const isoTime = (ms: number): string => {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString(); // throws on an invalid time: nothing is remembered
    lastMs = ms;
  }
  return lastIso;
};

/** A complete event as it will be sent, except `sentAt`, which the dispatcher sets per request. */
export function buildEvent(fields: EventFields, call: CallOptions, base: EventBase): EventInput {
  const { timestamp } = call;
  const { anonymousId, userId } = call.userId || call.anonymousId ? call : base.user();
  const integrations = call.integrations ?? base.integrations;
  const event: Record<string, unknown> = {
    anonymousId,
    userId,
    ...fields,
    messageId: call.messageId ?? base.messageId,
    timestamp:
      typeof timestamp === 'string' ? timestamp : timestamp ? timestamp.toISOString() : isoTime(base.now),
    context: {
      library: base.library,
      ...(base.sessionId ? { sessionId: base.sessionId } : {}),
      ...base.context,
      ...call.context,
    },
  };
  if (integrations) event.integrations = integrations;
  return event as EventInput;
}
