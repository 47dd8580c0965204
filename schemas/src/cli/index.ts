/**
 * `@inlet/schemas/cli`: what Inlet's Node CLIs share about their command line. Node-only (it imports
 * `node:util`), so it is a subpath of its own that browser bundles never reach.
 */
export type { FlagsConfig, FlagsResult, ParsedFlags } from './parse-flags';
export { parseFlags, tryParseFlags } from './parse-flags';
export { isUsageError, reportUsageError, USAGE_EXIT_CODE, UsageError } from './usage-error';
