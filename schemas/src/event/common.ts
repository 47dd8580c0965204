/**
 * Building blocks shared by every event type: identifiers, timestamps, `context`, `integrations`.
 * Segment-compatible and lenient: known fields are typed, unknown keys pass through untouched.
 */
import * as z from 'zod';
import { LIMITS } from '../limits';

/** ISO 8601 date-time with a zone (`Z` or an offset), any sub-second precision, as Segment's libraries send. */
export const isoDateTime = z.iso.datetime({ offset: true });

/** An identifier as stored: a non-empty string. */
export const storedId = z.string().min(1).max(LIMITS.maxIdLength);

/**
 * An identifier as clients send it. Segment's libraries send strings, some callers send numbers,
 * and analytics.js sends `userId: null` for anonymous users: numbers become strings, null is
 * treated as absent.
 */
export const sentId = z
  .union([storedId, z.number(), z.null()])
  .transform((id) => (id === null ? undefined : String(id)));

/** A required identifier as clients send it (`groupId`, `previousId`): a string or a number. */
export const sentRequiredId = z.union([storedId, z.number()]).transform((id) => String(id));

export const eventName = z.string().min(1).max(LIMITS.maxNameLength);

/** Free-form JSON object (`properties`, `traits`, `attributes`); the limits check bounds it. */
export const jsonObject = z.record(z.string(), z.unknown());

export const pageInfo = z.looseObject({
  path: z.string().optional(),
  referrer: z.string().optional(),
  search: z.string().optional(),
  title: z.string().optional(),
  url: z.string().optional(),
});

const optionalString = z.string().optional();

/** The `context` object: what Segment's libraries collect, plus anything else a client adds. */
export const contextSchema = z.looseObject({
  active: z.boolean().optional(),
  app: z
    .looseObject({
      name: optionalString,
      version: optionalString,
      // iOS sends build as a string, some Android builds as a number.
      build: z.union([z.string(), z.number()]).optional(),
      namespace: optionalString,
    })
    .optional(),
  campaign: z
    .looseObject({
      name: optionalString,
      source: optionalString,
      medium: optionalString,
      term: optionalString,
      content: optionalString,
    })
    .optional(),
  device: z
    .looseObject({
      id: optionalString,
      advertisingId: optionalString,
      adTrackingEnabled: z.boolean().optional(),
      manufacturer: optionalString,
      model: optionalString,
      name: optionalString,
      type: optionalString,
      token: optionalString,
    })
    .optional(),
  ip: optionalString,
  library: z.looseObject({ name: z.string(), version: z.string() }).optional(),
  locale: optionalString,
  network: z
    .looseObject({
      bluetooth: z.boolean().optional(),
      carrier: optionalString,
      cellular: z.boolean().optional(),
      wifi: z.boolean().optional(),
    })
    .optional(),
  os: z.looseObject({ name: optionalString, version: optionalString }).optional(),
  page: pageInfo.optional(),
  screen: z
    .looseObject({
      width: z.number().optional(),
      height: z.number().optional(),
      density: z.number().optional(),
    })
    .optional(),
  timezone: optionalString,
  userAgent: optionalString,
  traits: jsonObject.optional(),
});

/** Per-destination switches: `{"All": false, "Mixpanel": true, "Amplitude": {...}}`. */
export const integrationsSchema = z.record(z.string(), z.union([z.boolean(), jsonObject]));

/** Fields every event may carry as a client sends it; `messageId` and `timestamp` are filled in by the gateway. */
export const sentCommon = {
  messageId: storedId.optional(),
  anonymousId: sentId.optional(),
  userId: sentId.optional(),
  timestamp: isoDateTime.optional(),
  originalTimestamp: isoDateTime.optional(),
  sentAt: isoDateTime.optional(),
  context: contextSchema.optional(),
  integrations: integrationsSchema.optional(),
};

/** Fields of a stored (enriched) event: ids normalised, server times set, `source` named. */
export const enrichedCommon = {
  messageId: storedId,
  anonymousId: storedId.optional(),
  userId: storedId.optional(),
  timestamp: isoDateTime,
  originalTimestamp: isoDateTime.optional(),
  sentAt: isoDateTime.optional(),
  receivedAt: isoDateTime,
  /** The source (write key's name) the event arrived through. */
  source: z.string().min(1),
  context: contextSchema.optional(),
  integrations: integrationsSchema.optional(),
};
