import { describe, expect, it } from 'vitest';
import { parseWithIssues } from '../issues';
import { DEBEZIUM_CREATE, RECORD_SAMPLES } from '../testing/record-samples';
import { TOPIC_KEYS } from '../topics';
import { TOPIC_RECORD_SCHEMAS } from './index';

const samples = RECORD_SAMPLES;
const debeziumCreate = DEBEZIUM_CREATE;

describe('TOPIC_RECORD_SCHEMAS', () => {
  it.each(TOPIC_KEYS)('accepts a typical %s record', (key) => {
    const result = parseWithIssues(TOPIC_RECORD_SCHEMAS[key], samples[key]);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('rejects an enriched event without receivedAt or source (the gateway always sets them)', () => {
    const { receivedAt: _r, source: _s, ...rest } = samples.appEvents;
    const result = parseWithIssues(TOPIC_RECORD_SCHEMAS.appEvents, rest);
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual(['receivedAt', 'source']);
  });

  it('keeps clicks and logs out of the app-events topic', () => {
    expect(parseWithIssues(TOPIC_RECORD_SCHEMAS.appEvents, samples.clickstream).ok).toBe(false);
  });

  it('accepts Debezium deletes, snapshot reads and truncates, and rejects unknown ops and markers', () => {
    const schema = TOPIC_RECORD_SCHEMAS.cdcChanges;
    const del = { ...debeziumCreate, op: 'd', before: { id: 1 }, after: null };
    const read = { ...debeziumCreate, op: 'r', source: { ...debeziumCreate.source, snapshot: 'last' } };
    const truncate = { ...debeziumCreate, op: 't', before: null, after: null };
    for (const record of [del, read, truncate]) expect(parseWithIssues(schema, record).ok).toBe(true);
    const bad = parseWithIssues(schema, {
      ...debeziumCreate,
      op: 'x',
      source: { ...debeziumCreate.source, snapshot: 'yes' },
    });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toEqual(['source.snapshot', 'op']);
  });

  it('keeps dead-letter payloads that were not JSON as text', () => {
    const record = {
      ...(samples.deadLetter as object),
      reason: 'malformed',
      payload: { format: 'text', text: '{"batch": [' },
    };
    expect(parseWithIssues(TOPIC_RECORD_SCHEMAS.deadLetter, record).ok).toBe(true);
  });
});
