/**
 * A small backward-compatibility checker over JSON Schemas: can everything the old schema accepted
 * still be read with the new one? It covers what Inlet's generated schemas use — types, enums and
 * consts, properties and `required`, `additionalProperties`, items, unions (`anyOf`/`oneOf`, matched
 * by a const discriminator such as `type`), length/value bounds, patterns and local `$ref`s.
 */
import type { Issue } from '../issue-path';

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `true`/`{}` accept anything, `false` nothing. */
function normalise(schema: unknown): Node {
  if (schema === false) return { not: {} };
  return isNode(schema) ? schema : {};
}

function resolve(schema: unknown, root: unknown): Node {
  let node = normalise(schema);
  for (let hops = 0; typeof node.$ref === 'string' && node.$ref.startsWith('#') && hops < 32; hops++) {
    let target: unknown = root;
    for (const raw of node.$ref.slice(1).split('/').filter(Boolean)) {
      const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      target = isNode(target) ? target[key] : undefined;
    }
    node = normalise(target);
  }
  return node;
}

const jsonType = (value: unknown) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? 'integer'
          : 'number'
        : typeof value;

/** The union's alternatives, with `{type: [a, b]}` split like `anyOf: [{type: a}, {type: b}]`. */
function variants(node: Node, root: unknown): Node[] {
  const options = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined;
  if (options) return options.flatMap((option) => variants(resolve(option, root), root));
  if (Array.isArray(node.type) && node.type.length > 1) return node.type.map((type) => ({ ...node, type }));
  return [node];
}

function typesOf(node: Node): Set<string> | undefined {
  if (typeof node.type === 'string') return new Set([node.type]);
  if (Array.isArray(node.type)) return new Set(node.type.map(String));
  if ('const' in node) return new Set([jsonType(node.const)]);
  if (Array.isArray(node.enum)) return new Set(node.enum.map(jsonType));
  if (isNode(node.not) && Object.keys(node.not).length === 0) return new Set();
  return undefined;
}

const valuesOf = (node: Node): unknown[] | undefined =>
  'const' in node ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const list = (items: Iterable<unknown>) =>
  [...items].map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' | ');

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

/** A const-valued property (e.g. `type: "track"`) that tells union variants apart. */
function discriminator(node: Node): [string, unknown] | undefined {
  if (!isNode(node.properties)) return undefined;
  for (const [key, prop] of Object.entries(node.properties)) {
    if (isNode(prop) && 'const' in prop) return [key, prop.const];
  }
  return undefined;
}

const BOUNDS = [
  ['maxLength', 'max'],
  ['maxItems', 'max'],
  ['maximum', 'max'],
  ['exclusiveMaximum', 'max'],
  ['minLength', 'min'],
  ['minItems', 'min'],
  ['minimum', 'min'],
  ['exclusiveMinimum', 'min'],
] as const;

class Checker {
  constructor(
    private readonly oldRoot: unknown,
    private readonly newRoot: unknown,
  ) {}

  compare(oldSchema: unknown, newSchema: unknown, path: string): Issue[] {
    const olds = variants(resolve(oldSchema, this.oldRoot), this.oldRoot);
    const news = variants(resolve(newSchema, this.newRoot), this.newRoot);
    const problems: Issue[] = [];
    for (const old of olds) {
      const tag = discriminator(old);
      const tagged = tag
        ? news.filter(
            (n) => isNode(n.properties) && same(resolve(n.properties[tag[0]], this.newRoot).const, tag[1]),
          )
        : [];
      const label = tag ? `${path}(${tag[0]}=${list([tag[1]])})` : path;
      if (tag && olds.length > 1 && tagged.length === 0 && news.some((n) => discriminator(n))) {
        problems.push({ path: label, message: `variant ${tag[0]}=${list([tag[1]])} was removed` });
        continue;
      }
      const candidates = tagged.length > 0 ? tagged : news;
      const results = candidates.map((candidate) =>
        this.compareOne(old, candidate, olds.length > 1 ? label : path),
      );
      if (results.some((r) => r.length === 0)) continue;
      const best = results.reduce((a, b) => (b.length < a.length ? b : a), results[0] ?? []);
      problems.push(...best);
    }
    return problems;
  }

  private compareOne(old: Node, next: Node, path: string): Issue[] {
    const problems: Issue[] = [];
    const problem = (at: string, message: string) => problems.push({ path: at, message });

    const oldTypes = typesOf(old);
    const newTypes = typesOf(next);
    if (newTypes) {
      if (!oldTypes) return [{ path, message: `type narrowed from any to ${list(newTypes)}` }];
      const lost = [...oldTypes].filter(
        (t) => !newTypes.has(t) && !(t === 'integer' && newTypes.has('number')),
      );
      if (lost.length > 0)
        return [{ path, message: `type changed from ${list(oldTypes)} to ${list(newTypes)}` }];
    }

    const oldValues = valuesOf(old);
    const newValues = valuesOf(next);
    if (newValues) {
      if (!oldValues) problem(path, `now restricted to ${list(newValues)}`);
      else {
        const dropped = oldValues.filter((v) => !newValues.some((n) => same(n, v)));
        if (dropped.length > 0) problem(path, `no longer allows ${list(dropped)}`);
      }
    }

    for (const [key, kind] of BOUNDS) {
      const was = old[key];
      const now = next[key];
      if (typeof now !== 'number') continue;
      if (typeof was !== 'number' || (kind === 'max' ? now < was : now > was)) {
        problem(path, `${key} tightened from ${typeof was === 'number' ? was : 'none'} to ${now}`);
      }
    }
    if (typeof next.pattern === 'string' && next.pattern !== old.pattern) problem(path, 'pattern changed');

    this.compareObject(old, next, path, problems);
    if (old.items !== undefined || next.items !== undefined) {
      problems.push(...this.compare(old.items ?? {}, next.items ?? {}, `${path}[]`));
    }
    return problems;
  }

  private compareObject(old: Node, next: Node, path: string, problems: Issue[]): void {
    const oldProps = isNode(old.properties) ? old.properties : {};
    const newProps = isNode(next.properties) ? next.properties : {};
    const oldRequired = new Set(Array.isArray(old.required) ? old.required : []);
    const newRequired = Array.isArray(next.required) ? next.required.map(String) : [];
    for (const [key, schema] of Object.entries(oldProps)) {
      if (!(key in newProps)) problems.push({ path: join(path, key), message: 'property was removed' });
      else problems.push(...this.compare(schema, newProps[key], join(path, key)));
    }
    for (const key of newRequired) {
      if (oldRequired.has(key)) continue;
      const message = key in oldProps ? 'changed from optional to required' : 'new required property';
      problems.push({ path: join(path, key), message });
    }
    const oldExtra = old.additionalProperties;
    const newExtra = next.additionalProperties;
    // Absent means "anything": only an explicit `false` forbids extra keys.
    if (newExtra === false && oldExtra !== false) {
      problems.push({ path, message: 'no longer allows additional properties' });
    } else if (isNode(newExtra) && oldExtra !== false) {
      problems.push(...this.compare(oldExtra ?? {}, newExtra, join(path, '*')));
    }
  }
}

/**
 * Every way `newSchema` fails to accept what `oldSchema` accepted, as `{path, message}`; empty
 * when the change is backward compatible. Adding optional properties, enum values or union
 * variants and loosening bounds is compatible; removing or retyping a property, making it
 * required, adding a required one, or narrowing an enum is not.
 */
export function checkBackwardCompatible(oldSchema: unknown, newSchema: unknown): Issue[] {
  return new Checker(oldSchema, newSchema).compare(oldSchema, newSchema, '');
}
