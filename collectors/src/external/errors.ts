/** Typed errors of the external collector, each with a guard. */
import type { Issue } from '@inlet/schemas';

/** The config file (or a flag pointing into it) is wrong; `issues` name each field. */
export class ExternalConfigError extends Error {
  override readonly name = 'ExternalConfigError';
  constructor(
    readonly file: string,
    readonly issues: readonly Issue[],
  ) {
    super(
      `${file}: invalid config\n${issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n')}`,
    );
  }
}
export const isExternalConfigError = (e: unknown): e is ExternalConfigError =>
  e instanceof ExternalConfigError;

export const FETCH_FAILURES = ['http', 'timeout', 'network', 'malformed', 'aborted'] as const;
export type FetchFailure = (typeof FETCH_FAILURES)[number];

/** A request that failed for good: a fatal status, or retries exhausted. URLs here are redacted. */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    message: string,
    readonly failure: FetchFailure,
    readonly attempts: number,
    readonly status?: number,
    /** The body text of a malformed response, for the dead-letter topic. */
    readonly body?: string,
  ) {
    super(message);
  }
}
export const isFetchError = (e: unknown): e is FetchError => e instanceof FetchError;

/** Another live process holds the collector's state (its folder lock, or its Postgres advisory lock). */
export class StateLockedError extends Error {
  override readonly name = 'StateLockedError';
  constructor(
    /** The state folder, or `postgres:<state name>`. */
    readonly where: string,
    /** The holder's pid, when known (the file lock records it). */
    readonly pid?: number,
  ) {
    super(
      `${where} is in use by ${pid === undefined ? 'another collector' : `process ${pid}`} (an inlet-external scheduler?). ` +
        'Stop it first, or use another --state-dir / --state-name.',
    );
  }
}
export const isStateLockedError = (e: unknown): e is StateLockedError => e instanceof StateLockedError;
