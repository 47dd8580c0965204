// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings hold compose variables, not templates
import { describe, expect, it } from 'vitest';
import { interpolate } from './interpolate';

describe('interpolate', () => {
  it('takes a set variable, else the default of :- (also when empty) or - (only when unset)', () => {
    expect(interpolate('${KEY:-dflt}', { KEY: 'set' }).text).toBe('set');
    expect(interpolate('${KEY:-dflt}', {}).text).toBe('dflt');
    expect(interpolate('${KEY:-dflt}', { KEY: '' }).text).toBe('dflt');
    expect(interpolate('${KEY-dflt}', { KEY: '' }).text).toBe('');
    expect(interpolate('a-${KEY-dflt}-b', {}).text).toBe('a-dflt-b');
  });

  it('reports variables with no default and no value, as compose warns about them', () => {
    expect(interpolate('${A} $B ${C:-c}', {})).toEqual({ text: '  c', unset: ['A', 'B'] });
    expect(interpolate('${A:?set A}', {}).unset).toEqual(['A']);
  });

  it('reads $$ as a literal dollar', () => {
    expect(interpolate('cost $$5 $${HOME}', {})).toEqual({ text: 'cost $5 ${HOME}', unset: [] });
  });
});
