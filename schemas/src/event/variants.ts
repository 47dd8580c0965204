/**
 * The eight event types, built once over a set of common fields so the sent and the stored
 * (enriched) stages share every type-specific field. Plus the whole-event checks: limits and
 * "userId or anonymousId".
 */
import * as z from 'zod';
import { findLimitViolations, type Limits } from '../limits';
import { eventName, jsonObject, pageInfo } from './common';

/** Segment's six types, then Inlet's own `click` and `log`. */
export const EVENT_TYPES = ['track', 'page', 'screen', 'identify', 'group', 'alias', 'click', 'log'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const optionalName = eventName.optional();

/** The element a click landed on, as the browser SDK captures it. */
export const clickElement = z.looseObject({
  tag: z.string().min(1),
  id: z.string().optional(),
  classes: z.array(z.string()).optional(),
  text: z.string().optional(),
  href: z.string().optional(),
  selector: z.string().optional(),
});

export const logError = z.looseObject({
  name: z.string().optional(),
  message: z.string(),
  stack: z.string().optional(),
});

/**
 * One object schema per type. `common` holds the stage's shared fields; `id` is the stage's
 * identifier schema (for `groupId`, `previousId` and alias's required `userId`).
 */
export function eventVariants<C extends z.core.$ZodLooseShape, I extends z.ZodType>(common: C, id: I) {
  return {
    track: z.looseObject({
      ...common,
      type: z.literal('track'),
      event: eventName,
      properties: jsonObject.optional(),
    }),
    page: z.looseObject({
      ...common,
      type: z.literal('page'),
      name: optionalName,
      category: optionalName,
      properties: jsonObject.optional(),
    }),
    screen: z.looseObject({
      ...common,
      type: z.literal('screen'),
      name: optionalName,
      category: optionalName,
      properties: jsonObject.optional(),
    }),
    identify: z.looseObject({ ...common, type: z.literal('identify'), traits: jsonObject.optional() }),
    group: z.looseObject({ ...common, type: z.literal('group'), groupId: id, traits: jsonObject.optional() }),
    alias: z.looseObject({ ...common, type: z.literal('alias'), userId: id, previousId: id }),
    click: z.looseObject({
      ...common,
      type: z.literal('click'),
      element: clickElement,
      x: z.number().optional(),
      y: z.number().optional(),
      page: pageInfo.optional(),
      properties: jsonObject.optional(),
    }),
    log: z.looseObject({
      ...common,
      type: z.literal('log'),
      level: z.enum(LOG_LEVELS),
      message: z.string(),
      logger: z.string().optional(),
      error: logError.optional(),
      attributes: jsonObject.optional(),
    }),
  };
}

const present = (value: unknown) => value !== undefined && value !== null;

/** Segment's rule: every event names its user, by `userId` or `anonymousId` (or both). */
export const namesAUser = (event: { readonly userId?: unknown; readonly anonymousId?: unknown }): boolean =>
  present(event.userId) || present(event.anonymousId);

/** What the id rule reports when an event names no user. */
export const MISSING_ID = {
  path: 'userId',
  message: 'userId or anonymousId is required; neither was given',
} as const;

function requireAnId(value: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  if (!namesAUser(value as Record<string, unknown>)) {
    ctx.addIssue({ code: 'custom', message: MISSING_ID.message, path: [MISSING_ID.path] });
  }
}

/** A refinement reporting every limit `value` breaks, at the violation's path. */
export function limitsRefinement(limits: Limits) {
  return (value: unknown, ctx: z.core.$RefinementCtx<unknown>): void => {
    for (const violation of findLimitViolations(value, limits)) {
      ctx.addIssue({ code: 'custom', message: violation.message, path: [...violation.path] });
    }
  };
}

/**
 * `schema` behind the limits (the one copy of that logic is `limits.ts`). The limits run on the
 * raw input before zod builds any object — zod silently drops an own `__proto__` key, which must
 * be rejected, not lost — and an input that breaks them is not parsed further. The id rule runs
 * even when the shape is wrong, so one response lists every problem.
 */
export function guarded<S extends z.ZodType>(schema: S, limits: Limits) {
  return z
    .unknown()
    .superRefine(limitsRefinement(limits))
    .pipe(schema.superRefine(requireAnId, { when: () => true }));
}
