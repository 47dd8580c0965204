/** `@inlet/gateway/fuzz`: the hostile-request fuzzing, for `npm run chaos` (and the CI test beside it). */
export type { FuzzOptions, FuzzReport } from './fuzz-gateway';
export { fuzzApp, fuzzSocket } from './fuzz-gateway';
