import type { OutgoingBatch } from './seams/transport';

/** The JSON the core made of each event it queued (to count its bytes), by event. */
const made = new WeakMap<object, string>();

/** Keeps `json` as the serialization of `event`, which nobody mutates once it is queued. */
export const keepJson = (event: object, json: string): void => {
  made.set(event, json);
};

/** `JSON.stringify(event)`, without serializing again what the core already did. */
export const eventJson = (event: object): string => made.get(event) ?? JSON.stringify(event);

/** `JSON.stringify(body)` of a `POST /v1/batch`, reusing each event's JSON. */
export const batchJson = ({ batch, ...rest }: OutgoingBatch): string =>
  `{"batch":[${batch.map(eventJson).join()}],${JSON.stringify(rest).slice(1)}`;
