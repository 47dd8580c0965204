import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { defined, kafkaBrokers } from '../testing';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/inlet-kafka.mjs', import.meta.url));
const brokers = kafkaBrokers();

/** Runs the real launcher (tsx) against the test cluster through KAFKA_BROKERS. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, KAFKA_BROKERS: defined(brokers).join(',') };
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout = '', stderr = '' } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: code ?? -1, stdout, stderr };
  }
}

describe.skipIf(!brokers)('inlet-kafka with KAFKA_BROKERS', () => {
  it('status reports the external cluster as up', async () => {
    const { code, stdout } = await cli('status');
    expect(code).toBe(0);
    expect(stdout).toContain('Kafka: up, external (KAFKA_BROKERS)');
  });

  it('topics --create ensures the catalogue and lists partitions and cleanup policy', async () => {
    const { code, stdout } = await cli('topics', '--create');
    expect(code).toBe(0);
    expect(stdout).toContain('Topic catalogue: 0 created, 9 already there.');
    expect(stdout).toMatch(/^topic_user_state\s+3\s+compact$/m);
    expect(stdout).toMatch(/^topic_app_events\s+6\s+delete$/m);
  });

  it('rejects bad flags with a clear message and exit code 2', async () => {
    const { code, stderr } = await cli('start', '--port', '99999');
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a whole number from 1 to 65535, got "99999"');
  });
});
