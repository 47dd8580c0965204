/**
 * The error shape every Inlet boundary reports, and the path notation it uses. Zod-free, so the
 * browser SDK can import it through `@inlet/schemas/limits`.
 */

/** One problem with an input: where (`batch[3].properties.price`) and what, in words a person can act on. */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * `['batch', 3, 'properties', 'price']` → `batch[3].properties.price`. Keys that are not plain
 * identifiers are quoted (`properties["a.b"]`) so the path stays unambiguous. The root is `''`.
 */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'symbol') out += `[${String(segment)}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
