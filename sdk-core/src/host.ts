/**
 * The few host globals the core touches, typed minimally and all optional. Reached through
 * `globalThis` rather than declared as globals so the core type-checks the same under
 * sdk-core's lib (no DOM, no Node), sdk-web's (DOM) and sdk-node's (@types/node).
 */
export interface HostGlobals {
  readonly setTimeout?: (fn: () => void, ms: number) => unknown;
  readonly clearTimeout?: (handle: unknown) => void;
  readonly console?: { log(...args: unknown[]): void };
  readonly crypto?: {
    getRandomValues?<T extends Uint8Array>(array: T): T;
    randomUUID?(): string;
  };
}

export const host = globalThis as HostGlobals;
