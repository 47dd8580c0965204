/**
 * From a response body to records: find the items, check each against the source's declared fields
 * (a missing or retyped field is schema drift), and map it to the shared external-record shape.
 */
import type { Issue } from '@inlet/schemas';

/** `a.b.0.c` into nested objects and arrays; undefined when any step is missing. */
export function getPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const PLACEHOLDER = /\{([A-Za-z0-9_.$-]+)\}/g;

/** Replaces `{name}` from `vars`, and `{item.x}` / `{body.x}` from the scope objects; throws on a missing one. */
export function renderTemplate(
  template: string,
  vars: Readonly<Record<string, string>>,
  scope: Readonly<Record<string, unknown>> = {},
  encode: (text: string) => string = (t) => t,
): string {
  return template.replace(PLACEHOLDER, (_, key: string) => {
    if (key in vars) return encode(vars[key] ?? '');
    const [root = '', ...rest] = key.split('.');
    const value = rest.length > 0 && root in scope ? getPath(scope[root], rest.join('.')) : undefined;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new TemplateError(`{${key}} has no string or number value`);
    }
    return encode(String(value));
  });
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/** Epoch seconds below this are taken as seconds, above as milliseconds. */
const SECONDS_LIMIT = 1e11;

/** An ISO 8601 string or epoch seconds/ms → normalised ISO string; undefined if unreadable. */
export function toIsoTime(value: unknown): string | undefined {
  let ms: number;
  if (typeof value === 'number' && Number.isFinite(value)) ms = value < SECONDS_LIMIT ? value * 1000 : value;
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) ms = Date.parse(value);
  else return undefined;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Checks the declared fields; one issue per missing or mistyped field. */
export function checkFields(item: unknown, fields: Readonly<Record<string, string>>): Issue[] {
  const issues: Issue[] = [];
  for (const [path, type] of Object.entries(fields)) {
    const value = getPath(item, path);
    if (value === undefined) {
      issues.push({ path, message: 'is missing (the API may have renamed it: schema drift)' });
    } else if (type !== 'any' && typeOf(value) !== type) {
      issues.push({ path, message: `expected ${type}, got ${typeOf(value)}` });
    }
  }
  return issues;
}

export interface RecordRules {
  readonly path?: string | undefined;
  readonly entity: string;
  readonly observedAt: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly payload: string;
}

export type Mapped =
  | {
      readonly ok: true;
      readonly entity: string;
      readonly observedAt: string;
      readonly payload: Record<string, unknown>;
    }
  | {
      readonly ok: false;
      readonly issues: readonly Issue[];
      readonly item: unknown;
      readonly observedAt?: string;
    };

/** The items of a body: the array at `rules.path`, or the body itself. A string is why there are none. */
export function itemsOf(body: unknown, rules: RecordRules): unknown[] | string {
  if (rules.path === undefined) return [body];
  const items = getPath(body, rules.path);
  return Array.isArray(items)
    ? items
    : `${rules.path} is ${items === undefined ? 'missing' : 'not an array'} in the response`;
}

const scopeValue = (path: string, item: unknown, body: unknown): unknown => {
  const [root, ...rest] = path.split('.');
  const from = root === 'body' ? body : root === 'item' ? item : undefined;
  return rest.length === 0 ? from : getPath(from, rest.join('.'));
};

export function mapItem(item: unknown, body: unknown, configuredEntity: string, rules: RecordRules): Mapped {
  const issues = checkFields(item, rules.fields);
  const rawTime = scopeValue(rules.observedAt, item, body);
  const observedAt = toIsoTime(rawTime);
  if (observedAt === undefined) {
    issues.push({
      path: rules.observedAt,
      message:
        rawTime === undefined ? 'is missing (schema drift?)' : 'is not an ISO 8601 time or epoch number',
    });
  }
  let entity: string | undefined;
  try {
    entity = renderTemplate(rules.entity, { entity: configuredEntity }, { item, body });
  } catch (error) {
    issues.push({ path: 'entity', message: `${rules.entity}: ${(error as Error).message}` });
  }
  const payload = scopeValue(rules.payload, item, body);
  if (typeOf(payload) !== 'object') issues.push({ path: rules.payload, message: 'must be a JSON object' });
  if (issues.length > 0 || entity === undefined || observedAt === undefined) {
    return { ok: false, issues, item, ...(observedAt === undefined ? {} : { observedAt }) };
  }
  return { ok: true, entity, observedAt, payload: payload as Record<string, unknown> };
}
