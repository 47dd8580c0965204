/**
 * Segment's HTTP Tracking API examples, sent with the curl binary (the docs' own command line, only
 * the host and key changed; fetch with the same bytes where curl is missing) to a real gateway
 * writing to the real Kafka broker.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { defined, kafkaBrokers } from '@inlet/scripts/testing';
import { describe, expect, it } from 'vitest';
import { TEST_KEY, useCompatGateway } from './compat-gateway';
import {
  type DocExample,
  expectedEvents,
  SEGMENT_DOC_EXAMPLES,
  WRITE_KEY_PLACEHOLDER,
} from './segment-http-api-examples';

const brokers = kafkaBrokers();
const run = promisify(execFile);

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** The same bytes by fetch, where no curl is installed (said once, loudly). */
async function fetchInstead(url: string, example: DocExample, body: string): Promise<Answer> {
  console.warn('curl is not installed: sending the Segment doc examples with fetch (identical bytes)');
  const headers = new Headers({ 'content-type': 'application/json' });
  for (let i = 0; i + 1 < example.curlArgs.length; i += 2) {
    const [name = '', ...value] = (example.curlArgs[i + 1] ?? '').split(':');
    headers.set(name, value.join(':').trim());
  }
  const res = await fetch(`${url}${example.path}`, { method: 'POST', headers, body });
  return { status: res.status, body: await res.json() };
}

async function curl(url: string, example: DocExample): Promise<Answer> {
  const body = example.body.replaceAll(WRITE_KEY_PLACEHOLDER, TEST_KEY);
  const spawned = run('curl', [
    '--silent',
    '--show-error',
    '--location',
    `${url}${example.path}`,
    '--header',
    'Content-Type: application/json',
    ...example.curlArgs,
    '--data-raw',
    body,
    '--write-out',
    '\n%{http_code}',
  ]).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  const done = await spawned;
  if (done === undefined) return fetchInstead(url, example, body);
  const { stdout } = done;
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: JSON.parse(stdout.slice(0, cut)) };
}

/** `expected`'s fields all present in `actual`, recursively (extra fields allowed). */
function contains(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== 'object' || expected === null) return Object.is(actual, expected);
  if (typeof actual !== 'object' || actual === null) return false;
  return Object.entries(expected).every(([k, v]) => contains((actual as Record<string, unknown>)[k], v));
}

describe.skipIf(!brokers)("Segment's HTTP Tracking API examples, by curl", () => {
  const gateway = useCompatGateway(() => defined(brokers, 'brokers'), 'segment-http');

  it('stores every documented call with its fields and rejects only the docs’ malformed dates', async () => {
    const expected: Record<string, unknown>[] = [];
    for (const example of SEGMENT_DOC_EXAMPLES) {
      const answer = await curl(gateway().url, example);
      const events = expectedEvents(example);
      expect(answer, example.name).toMatchObject({
        status: 200,
        body: {
          ok: true,
          accepted: events.length,
          rejected: (example.rejected ?? []).map((r) => ({
            index: r.index,
            errors: [expect.objectContaining({ path: r.path })],
          })),
        },
      });
      expected.push(...events);
    }

    const stored = (await gateway().appEvents()).map((s) => s.event);
    expect(stored).toHaveLength(expected.length);
    for (const event of expected) {
      expect(stored.filter((s) => contains(s, event)).length, JSON.stringify(event)).toBeGreaterThan(0);
    }
    expect(stored.some((s) => 'writeKey' in s)).toBe(false);
    expect(await gateway().deadLetters()).toHaveLength(2);
  });
});
