/** Test helpers for other workspaces: `import { anyEventArb, RECORD_SAMPLES } from '@inlet/schemas/testing'`. */
export type { ArbitraryEventType } from './arbitraries';
export {
  anyEventArb,
  contextArb,
  eventArb,
  idArb,
  isoDateArb,
  jsonObjectArb,
} from './arbitraries';
export { DEBEZIUM_CREATE, RECORD_SAMPLES } from './record-samples';
