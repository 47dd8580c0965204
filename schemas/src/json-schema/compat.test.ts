import { describe, expect, it } from 'vitest';
import { checkBackwardCompatible } from './compat';

const object = (properties: Record<string, unknown>, required: string[] = [], extra: object = {}) => ({
  type: 'object',
  properties,
  required,
  ...extra,
});
const str = { type: 'string' };
const base = object(
  { id: str, count: { type: 'integer' }, level: { type: 'string', enum: ['info', 'warn'] } },
  ['id'],
);

const paths = (oldSchema: unknown, newSchema: unknown) =>
  checkBackwardCompatible(oldSchema, newSchema).map((p) => `${p.path}: ${p.message}`);

describe('checkBackwardCompatible', () => {
  it('passes an identical schema', () => {
    expect(paths(base, structuredClone(base))).toEqual([]);
  });

  it('fails when a property is removed', () => {
    const { count: _c, ...props } = base.properties;
    expect(paths(base, object(props, ['id']))).toEqual(['count: property was removed']);
  });

  it('fails when a type changes, and passes when it widens', () => {
    expect(paths(base, object({ ...base.properties, id: { type: 'number' } }, ['id']))).toEqual([
      'id: type changed from string to number',
    ]);
    expect(paths(base, object({ ...base.properties, count: { type: 'number' } }, ['id']))).toEqual([]);
    expect(paths(base, object({ ...base.properties, id: { type: ['string', 'null'] } }, ['id']))).toEqual([]);
    expect(
      paths(base, object({ ...base.properties, id: { anyOf: [str, { type: 'null' }] } }, ['id'])),
    ).toEqual([]);
  });

  it('fails when an optional property becomes required', () => {
    expect(paths(base, object(base.properties, ['id', 'count']))).toEqual([
      'count: changed from optional to required',
    ]);
  });

  it('fails when a required property is added, and passes when an optional one is', () => {
    expect(paths(base, object({ ...base.properties, extra: str }, ['id', 'extra']))).toEqual([
      'extra: new required property',
    ]);
    expect(paths(base, object({ ...base.properties, extra: str }, ['id']))).toEqual([]);
  });

  it('passes a widened enum and fails a narrowed one', () => {
    const level = (values: string[]) =>
      object({ ...base.properties, level: { type: 'string', enum: values } }, ['id']);
    expect(paths(base, level(['info', 'warn', 'error']))).toEqual([]);
    expect(paths(base, level(['info']))).toEqual(['level: no longer allows warn']);
  });

  it('fails tighter bounds and closed objects', () => {
    const bounded = object({ ...base.properties, id: { type: 'string', maxLength: 10 } }, ['id']);
    expect(paths(base, bounded)).toEqual(['id: maxLength tightened from none to 10']);
    expect(paths(bounded, base)).toEqual([]);
    expect(paths(base, { ...base, additionalProperties: false })).toEqual([
      ': no longer allows additional properties',
    ]);
  });

  it('matches union variants by their discriminator', () => {
    const variant = (type: string, props: Record<string, unknown> = {}) =>
      object({ type: { type: 'string', const: type }, ...props }, ['type']);
    const old = { oneOf: [variant('track', { event: str }), variant('page')] };
    expect(
      paths(old, { oneOf: [variant('page'), variant('track', { event: str }), variant('screen')] }),
    ).toEqual([]);
    expect(paths(old, { oneOf: [variant('track', { event: str })] })).toEqual([
      '(type=page): variant type=page was removed',
    ]);
    expect(paths(old, { oneOf: [variant('track', { event: { type: 'number' } }), variant('page')] })).toEqual(
      ['(type=track).event: type changed from string to number'],
    );
  });

  it('follows array items and local $refs', () => {
    const withRef = (item: unknown) => ({
      $defs: { Item: item },
      type: 'array',
      items: { $ref: '#/$defs/Item' },
    });
    expect(paths(withRef(base), withRef(base))).toEqual([]);
    expect(paths(withRef(base), withRef(object(base.properties, ['id', 'count'])))).toEqual([
      '[].count: changed from optional to required',
    ]);
  });
});
