import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kraftDir, newClusterId, propertiesFile, readInstanceRecord, writeInstance } from './instance';

describe('newClusterId', () => {
  it('is 22 base64url characters (16 bytes) and never starts with a dash', () => {
    for (let i = 0; i < 200; i++) {
      expect(newClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    }
  });
});

describe('instance folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inlet-instance-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the configs and remembers ports and cluster id for restarts', async () => {
    const record = { version: '4.4.0', clusterId: newClusterId(), port: 40001, controllerPort: 40002 };
    expect(await readInstanceRecord(dir)).toBeUndefined();
    await writeInstance(dir, record, { 'log.retention.ms': '60000' });
    expect(await readInstanceRecord(dir)).toEqual(record);
    const properties = await readFile(propertiesFile(dir), 'utf8');
    expect(properties).toContain(`log.dirs=${kraftDir(dir)}\n`);
    expect(properties).toContain('listeners=PLAINTEXT://127.0.0.1:40001,CONTROLLER://127.0.0.1:40002\n');
    expect(properties).toContain('log.retention.ms=60000\n');
    expect(await readFile(join(dir, 'log4j2.properties'), 'utf8')).toContain('RollingFile');
  });
});
