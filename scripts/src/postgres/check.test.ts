import { describe, expect, it } from 'vitest';
import { pgUrlFromEnv } from './check';

describe('pgUrlFromEnv', () => {
  it('accepts postgres:// and postgresql:// URLs, ignores unset or blank', () => {
    expect(pgUrlFromEnv({})).toBeUndefined();
    expect(pgUrlFromEnv({ PG_URL: ' ' })).toBeUndefined();
    expect(pgUrlFromEnv({ PG_URL: 'postgres://u:p@127.0.0.1:5432/db' })).toBe(
      'postgres://u:p@127.0.0.1:5432/db',
    );
    expect(pgUrlFromEnv({ PG_URL: 'postgresql://127.0.0.1/db' })).toBe('postgresql://127.0.0.1/db');
  });

  it('rejects what is not a Postgres URL, with an example', () => {
    expect(() => pgUrlFromEnv({ PG_URL: 'localhost:5432' })).toThrow(/PG_URL must start with postgres:\/\//);
    expect(() => pgUrlFromEnv({ PG_URL: 'not a url' })).toThrow(
      /PG_URL is not a URL; e\.g\. PG_URL=postgres:/,
    );
  });
});
