/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../routing';
import { DEFAULT_TOPIC_NAMES, TOPIC_KEYS } from '../topics';
import { checkBackwardCompatible } from './compat';
import { serialiseJsonSchema, topicJsonSchema } from './export';

const STALE = 'schemas/json is stale: run npm run schemas:export and commit the result';

function committed(name: string): string | undefined {
  try {
    return readFileSync(new URL(`../../json/${name}.json`, import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
}

describe('JSON Schema export', () => {
  it.each(TOPIC_KEYS)('schemas/json matches the zod schema of %s', (key) => {
    const name = DEFAULT_TOPIC_NAMES[key];
    const onDisk = committed(name);
    expect(onDisk, `${name}.json is missing. ${STALE}`).toBeDefined();
    // Compare parsed first for a readable diff, then the exact text (formatting is part of "stale").
    expect(JSON.parse(onDisk ?? '{}'), STALE).toEqual(topicJsonSchema(key));
    expect(onDisk, STALE).toBe(serialiseJsonSchema(topicJsonSchema(key)));
  });

  it('is deterministic', () => {
    for (const key of TOPIC_KEYS)
      expect(serialiseJsonSchema(topicJsonSchema(key))).toBe(serialiseJsonSchema(topicJsonSchema(key)));
  });

  it.each(TOPIC_KEYS)('the current schema of %s is backward compatible with schemas/json', (key) => {
    const onDisk = committed(DEFAULT_TOPIC_NAMES[key]);
    if (onDisk === undefined) throw new Error(`${DEFAULT_TOPIC_NAMES[key]}.json is missing. ${STALE}`);
    const old = JSON.parse(onDisk) as Record<string, unknown>;
    const version = old['x-inlet-schema-version'];
    if (version !== SCHEMA_VERSION) {
      // A deliberate break bumps SCHEMA_VERSION (then the old file is no baseline); never a downgrade.
      expect(Number(version), 'schemas/json is from a newer SCHEMA_VERSION').toBeLessThan(
        Number(SCHEMA_VERSION),
      );
      return;
    }
    const problems = checkBackwardCompatible(old, topicJsonSchema(key));
    expect(
      problems,
      'incompatible change: make it compatible, or bump SCHEMA_VERSION and run npm run schemas:export',
    ).toEqual([]);
  });
});
