import { describe, expect, it } from 'vitest';
import { checkFields, getPath, itemsOf, mapItem, renderTemplate, toIsoTime } from './mapping';

describe('mapping', () => {
  it('walks paths and renders templates', () => {
    const body = { a: { list: [{ b: 'x' }] } };
    expect(getPath(body, 'a.list.0.b')).toBe('x');
    expect(getPath(body, 'a.nope.b')).toBeUndefined();
    expect(
      renderTemplate(
        '/q?city={entity}&at={start}',
        { entity: 'são paulo', start: 'T' },
        {},
        encodeURIComponent,
      ),
    ).toBe('/q?city=s%C3%A3o%20paulo&at=T');
    expect(renderTemplate('ticker:{item.s}', {}, { item: { s: 'AAPL' } })).toBe('ticker:AAPL');
    expect(() => renderTemplate('{item.missing}', {}, { item: {} })).toThrow(
      /\{item\.missing\} has no string/,
    );
  });

  it('reads times as ISO 8601 or epoch seconds/ms', () => {
    expect(toIsoTime('2026-01-01T01:00:00+01:00')).toBe('2026-01-01T00:00:00.000Z');
    expect(toIsoTime(1_767_225_600)).toBe('2026-01-01T00:00:00.000Z');
    expect(toIsoTime(1_767_225_600_000)).toBe('2026-01-01T00:00:00.000Z');
    expect(toIsoTime('yesterday')).toBeUndefined();
  });

  it('flags missing and mistyped fields as drift', () => {
    expect(
      checkFields(
        { current: { temperature_c: 3, humidity: '70' } },
        { 'current.temp_c': 'number', 'current.humidity': 'number' },
      ),
    ).toEqual([
      { path: 'current.temp_c', message: 'is missing (the API may have renamed it: schema drift)' },
      { path: 'current.humidity', message: 'expected number, got string' },
    ]);
  });

  it('maps an item, or says everything that is wrong with it', () => {
    const rules = {
      path: 'bars',
      entity: 'bars:{body.symbol}',
      observedAt: 'item.t',
      fields: { c: 'number' },
      payload: 'item',
    };
    const body = {
      symbol: 'AAPL',
      bars: [
        { t: '2026-01-01T00:00:00Z', c: 1 },
        { t: 'soon', close: 1 },
      ],
    };
    const items = itemsOf(body, rules);
    expect(Array.isArray(items) && items.map((i) => mapItem(i, body, 'AAPL', rules))).toEqual([
      { ok: true, entity: 'bars:AAPL', observedAt: '2026-01-01T00:00:00.000Z', payload: body.bars[0] },
      {
        ok: false,
        item: body.bars[1],
        issues: [
          { path: 'c', message: 'is missing (the API may have renamed it: schema drift)' },
          { path: 'item.t', message: 'is not an ISO 8601 time or epoch number' },
        ],
      },
    ]);
    expect(itemsOf({ data: [] }, rules)).toBe('bars is missing in the response');
  });
});
