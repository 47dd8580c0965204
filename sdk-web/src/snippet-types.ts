/** One call made to the snippet's stub before the script loaded: method name and arguments. */
export type SnippetCall = readonly [method: string, args: readonly unknown[]];

/** `window.inlet` while only the snippet has run. */
export interface SnippetStub {
  readonly _q: readonly SnippetCall[];
}

export function isSnippetStub(value: unknown): value is SnippetStub {
  return typeof value === 'object' && value !== null && Array.isArray((value as { _q?: unknown })._q);
}
