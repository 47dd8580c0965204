import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TOPIC_NAMES } from '@inlet/schemas';
import { openLocalLog } from '@inlet/streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuditArgs, runAudit } from './cli';

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
};

describe('inlet-audit', () => {
  let dir: string;
  let ledger: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inlet-audit-'));
    ledger = join(dir, 'run.ledger.jsonl');
    const header = {
      ledger: 1,
      run: 'aud',
      seed: 1,
      profile: 'seed',
      startedAt: '',
      endpoint: '',
      topics: DEFAULT_TOPIC_NAMES,
    };
    const lines = [
      header,
      { id: 'aud-1', type: 'track', topic: 'topic_app_events' },
      { id: 'aud-2', type: 'click', topic: 'topic_clickstream' },
      { id: 'aud-3', type: 'log', topic: 'topic_app_logs', invalid: true },
      { id: 'aud-4', type: 'page', topic: 'topic_app_events' },
    ];
    await writeFile(ledger, lines.map((l) => JSON.stringify(l)).join('\n'));
    // A gateway's local log: one record per event, one duplicate, one stranger, and another run's event.
    const log = await openLocalLog({ dataDir: dir, logLevel: 'silent' });
    const record = (topic: string, id: string) => ({
      topic,
      key: 'u1',
      value: '{}',
      headers: { 'message-id': id },
    });
    await log.append([
      record('topic_app_events', 'aud-1'),
      record('topic_app_events', 'aud-1'),
      record('topic_app_events', 'other-1'),
      record('topic_clickstream', 'aud-2'),
      record('topic_app_events', 'aud-99'),
      { topic: 'topic_dead_letter', key: 'aud-3', value: JSON.stringify({ messageId: 'aud-3' }) },
    ]);
    await log.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reconciles a local log with the ledger and exits 1 on loss', async () => {
    const { out, io: cliIo } = io();
    expect(await runAudit(['--ledger', ledger, '--data-dir', dir], cliIo)).toBe(1);
    const text = out.join('');
    expect(text).toMatch(/delivered\s+2 of 3/);
    expect(text).toMatch(/LOST\s+1 {2}e\.g\. aud-4/);
    expect(text).toMatch(/duplicated\s+1 ids \(1 extra copies\)/);
    expect(text).toMatch(/invalid, dead-lettered\s+1 of 1/);
    expect(text).toMatch(/unexpected \(not in ledger\)\s+1/);
    expect(text).toMatch(/FAILED: events were lost/);
  });

  it('accepts a bracketed IPv6 broker', () => {
    expect(parseAuditArgs(['--ledger', 'x', '--brokers', '[::1]:9092'])).toEqual({
      ledger: 'x',
      source: { brokers: ['[::1]:9092'] },
    });
  });

  it.each([
    [[], /--ledger is required/],
    [['--ledger', 'x'], /give --brokers \(Kafka\) or --data-dir/],
    [['--ledger', 'x', '--brokers', 'a:1', '--data-dir', 'd'], /one of the two/],
    [['--ledger', 'x', '--brokers', 'kafka'], /--brokers must be host:port/],
  ])('refuses %j with exit 2', async (argv, message) => {
    const { err, io: cliIo } = io();
    expect(await runAudit(argv, cliIo)).toBe(2);
    expect(err.join('')).toMatch(message);
  });

  it('says what is wrong with a missing ledger or data directory', async () => {
    const a = io();
    expect(await runAudit(['--ledger', join(dir, 'none.jsonl'), '--data-dir', dir], a.io)).toBe(2);
    expect(a.err.join('')).toMatch(/no ledger at/);
    const b = io();
    expect(await runAudit(['--ledger', ledger, '--data-dir', join(dir, 'nothing')], b.io)).toBe(1);
    expect(b.err.join('')).toMatch(/no local log in/);
  });
});
