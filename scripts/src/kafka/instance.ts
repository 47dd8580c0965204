import { randomBytes } from 'node:crypto';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BrokerLayout, renderLog4j2Properties, renderProperties, serverSettings } from './config';
import { type JvmLaunch, logsDir, runKafkaTool } from './process';

/** What an instance folder remembers, so a restart reuses the same ports (the quorum records them). */
export interface InstanceRecord {
  version: string;
  clusterId: string;
  port: number;
  controllerPort: number;
}

const RECORD = 'instance.json';
export const propertiesFile = (dir: string) => join(dir, 'server.properties');
export const kraftDir = (dir: string) => join(dir, 'kraft');

/** A KRaft cluster id: 16 random bytes, base64url, 22 characters (never starting with '-', a CLI flag). */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export async function readInstanceRecord(dir: string): Promise<InstanceRecord | undefined> {
  const text = await readFile(join(dir, RECORD), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const record = JSON.parse(text) as Partial<InstanceRecord>;
  const { version, clusterId, port, controllerPort } = record;
  if (typeof version !== 'string' || typeof clusterId !== 'string') return undefined;
  if (typeof port !== 'number' || typeof controllerPort !== 'number') return undefined;
  return { version, clusterId, port, controllerPort };
}

/** Writes server.properties, log4j2.properties and instance.json into the instance folder. */
export async function writeInstance(
  dir: string,
  record: InstanceRecord,
  overrides: Readonly<Record<string, string>> = {},
): Promise<void> {
  await mkdir(logsDir(dir), { recursive: true });
  const layout: BrokerLayout = {
    port: record.port,
    controllerPort: record.controllerPort,
    logDir: kraftDir(dir),
    overrides,
  };
  await writeFile(
    propertiesFile(dir),
    renderProperties(serverSettings(layout), 'Written by @inlet/scripts (scripts/src/kafka/config.ts).'),
  );
  await writeFile(join(dir, 'log4j2.properties'), renderLog4j2Properties());
  await writeFile(join(dir, RECORD), `${JSON.stringify(record, null, 2)}\n`);
}

/**
 * Formats the KRaft storage once (`--standalone`: this node is the whole controller quorum).
 * Skipped when meta.properties exists, which saves a JVM start on every restart.
 */
export async function formatStorage(launch: JvmLaunch, record: InstanceRecord): Promise<void> {
  const dir = launch.instanceDir;
  const formatted = await access(join(kraftDir(dir), 'meta.properties')).then(
    () => true,
    () => false,
  );
  if (formatted) return;
  await runKafkaTool(launch, 'kafka.tools.StorageTool', [
    'format',
    '--standalone',
    '--ignore-formatted',
    '-t',
    record.clusterId,
    '-c',
    propertiesFile(dir),
  ]);
}
