/**
 * Test harnesses for other workspaces (the chaos runs and benchmarks in bench/):
 * `import { startCdcChild, standInBars } from '@inlet/collectors/testing'`.
 */

export {
  CDC_BIN,
  type CdcChild,
  cdcChildArgs,
  cdcStreaming,
  observedChanges,
  startCdcChild,
} from './cdc-crash';
export {
  adminClient,
  type CdcNames,
  cdcNames,
  cleanUp,
  cleanUpAndEnd,
  currentWalLsn,
  type ReadEvent,
  readCaughtUp,
  readEvents,
  waitForCaughtUp,
  waitForConfirmed,
} from './cdc-harness';
export {
  BAR_RECORDS,
  type SourceOverrides,
  standInBars,
  standInIncidents,
  standInWeather,
} from './stand-in-sources';
