/**
 * Zod errors turned into `{path, message}` a person can act on: `batch[3].properties.price`,
 * "expected number, got string". Zod's own messages are fine for developers; these are for the
 * people reading a gateway response or a dead-letter record.
 */
import * as z from 'zod';
import { formatPath, type Issue } from './issue-path';

export type { Issue, PathSegment } from './issue-path';
export { formatPath } from './issue-path';

type RawIssue = z.core.$ZodRawIssue;

/** The wire form of an `Issue`, as in gateway responses and dead-letter records. */
export const IssueSchema = z.object({ path: z.string(), message: z.string() });

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

/** A short, quoted preview of a value for "got …". */
function preview(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return typeName(value);
}

const EXPECTED_NAMES: Readonly<Record<string, string>> = {
  int: 'integer',
  record: 'object',
  nonoptional: 'a value',
};
const expectedName = (expected: string) => EXPECTED_NAMES[expected] ?? expected;

const oneOf = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

const joinOr = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;

function sizeMessage(issue: RawIssue & { code: 'too_big' | 'too_small' }): string {
  const big = issue.code === 'too_big';
  const limit = big ? issue.maximum : issue.minimum;
  const input = issue.input;
  const bound = issue.exact ? 'exactly' : big ? 'at most' : 'at least';
  if (issue.origin === 'string' && typeof input === 'string') {
    if (!big && limit === 1) return 'must not be empty';
    return `must be ${bound} ${limit} characters, got ${input.length}`;
  }
  if (issue.origin === 'array' && Array.isArray(input)) {
    return `must have ${bound} ${limit} items, got ${input.length}`;
  }
  const strict = issue.inclusive === false ? (big ? 'less than' : 'greater than') : bound;
  return `must be ${strict} ${limit}, got ${preview(input)}`;
}

function unionMessage(issue: RawIssue & { code: 'invalid_union' }): string {
  if (typeof issue.discriminator === 'string' && Array.isArray(issue.options)) {
    const given =
      typeof issue.input === 'object' && issue.input !== null
        ? (issue.input as Record<string, unknown>)[issue.discriminator]
        : undefined;
    const allowed = oneOf(issue.options as unknown[]);
    return given === undefined
      ? `is required (one of ${allowed})`
      : `must be one of ${allowed}, got ${preview(given)}`;
  }
  // A union of primitives (e.g. string | number | null): name the alternatives.
  const expected = issue.errors.flatMap((branch) =>
    branch.flatMap((i) =>
      i.code === 'invalid_type' && i.path.length === 0 ? [expectedName(i.expected)] : [],
    ),
  );
  if (expected.length === issue.errors.length && expected.length > 0) {
    return `expected ${joinOr([...new Set(expected)])}, got ${typeName(issue.input)}`;
  }
  return 'does not match any of the allowed shapes';
}

/**
 * A zod error map with Inlet's messages. Pass it when parsing (`schema.safeParse(x, { error:
 * humanErrorMap })`; `parseWithIssues` and `parseEvent` do) — it sees the offending input, which a
 * finished ZodError no longer carries.
 */
export const humanErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `is required (expected ${expectedName(issue.expected)})`
        : `expected ${expectedName(issue.expected)}, got ${typeName(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${oneOf(issue.values)}, got ${preview(issue.input)}`
        : `must be one of ${oneOf(issue.values)}, got ${preview(issue.input)}`;
    case 'too_big':
    case 'too_small':
      return sizeMessage(issue);
    case 'invalid_format':
      return issue.format === 'datetime'
        ? `must be an ISO 8601 date-time with a time zone (e.g. 2024-05-01T12:00:00.000Z), got ${preview(issue.input)}`
        : `must be a valid ${issue.format}, got ${preview(issue.input)}`;
    case 'invalid_union':
      return unionMessage(issue);
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${oneOf(issue.keys)}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}, got ${preview(issue.input)}`;
    default:
      return undefined;
  }
};

/** A zod error as `{path, message}` issues; `prefix` puts them under e.g. `['batch', 3]`. */
export function toIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): Issue[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }));
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** `schema.safeParse` with Inlet's messages and formatted paths. */
export function parseWithIssues<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: readonly PropertyKey[] = [],
): ParseResult<z.output<S>> {
  const result = schema.safeParse(input, { error: humanErrorMap });
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: toIssues(result.error, prefix) };
}
