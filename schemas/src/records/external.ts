/** Records the external collectors write: one observation from an outside API (weather, maps, markets). */
import * as z from 'zod';
import { isoDateTime, jsonObject } from '../event/common';

export const ExternalDataRecordSchema = z.looseObject({
  /** Which collector/API, e.g. `weather`, `maps`, `market`. */
  source: z.string().min(1),
  /** What the observation is about, e.g. `city:paris` or `ticker:AAPL`; also the Kafka key. */
  entity: z.string().min(1),
  /** When the value was true at the source (the API's own time), ISO 8601. */
  observedAt: isoDateTime,
  /** When the collector fetched it, ISO 8601. */
  fetchedAt: isoDateTime,
  /** The collector run that fetched it, to trace and de-duplicate re-runs. */
  runId: z.string().min(1),
  payload: jsonObject,
});
export type ExternalDataRecord = z.output<typeof ExternalDataRecordSchema>;
