import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from '../net/free-port';
import { KafkaStartError } from './errors';
import { installKafka } from './install';
import {
  formatStorage,
  type InstanceRecord,
  kraftDir,
  newClusterId,
  propertiesFile,
  readInstanceRecord,
  writeInstance,
} from './instance';
import { requireJava } from './java';
import { inletCacheDir } from './paths';
import { type JvmLaunch, killChild, logTail, spawnBroker, stopChild } from './process';
import { waitForKafka } from './ready';
import { KAFKA_VERSION } from './version';

export interface StartKafkaOptions {
  /** Client (PLAINTEXT) port on 127.0.0.1. Default: the one `dataDir` used last, else a free port. */
  port?: number;
  /** KRaft controller port on 127.0.0.1. Default: as `port`. */
  controllerPort?: number;
  /**
   * Instance folder (configs, KRaft data, `logs/`). Default: a new temp folder, deleted by `stop()`.
   * A given folder is kept, so `startKafka({ dataDir })` after `stop()` brings the same cluster back.
   */
  dataDir?: string;
  /** Kafka release. Default: `KAFKA_VERSION`. */
  version?: string;
  /** Jar cache root. Default: `inletCacheDir()`. */
  cacheDir?: string;
  /** Leave the broker running when this process exits (`inlet-kafka start`). Default: false. */
  detached?: boolean;
  /** JVM maximum heap. Default: 512. */
  heapMb?: number;
  /** Deadline for the broker to answer a metadata request. Default: 90 000 ms. */
  readyTimeoutMs?: number;
  /** Grace period after SIGTERM before SIGKILL. Default: 20 000 ms. */
  stopTimeoutMs?: number;
  /** Extra broker settings (server.properties keys). Default: none. */
  overrides?: Readonly<Record<string, string>>;
  /** Progress lines. Default: none. */
  log?: (line: string) => void;
}

export interface KafkaBroker {
  /** Bootstrap addresses, e.g. `['127.0.0.1:40123']`. */
  readonly brokers: string[];
  /** The JVM's pid (changes on `restart()`). */
  readonly pid: number;
  readonly port: number;
  readonly controllerPort: number;
  readonly dataDir: string;
  readonly version: string;
  /** SIGTERM, then SIGKILL after the grace period; deletes the data folder if it was a temp one. */
  stop(): Promise<void>;
  /** Stops the JVM keeping its data, then starts it again on the same ports and folder. */
  restart(): Promise<void>;
  /** SIGKILL, no clean shutdown, data kept (for crash tests); `restart()` brings it back. */
  kill(): Promise<void>;
}

const MAX_BIND_ATTEMPTS = 3;
const bindError = (tail: string) => /BindException|Address already in use/.test(tail);

/** Starts a single-node KRaft Kafka (broker + controller) and waits until it answers metadata requests. */
export async function startKafka(options: StartKafkaOptions = {}): Promise<KafkaBroker> {
  const version = options.version ?? KAFKA_VERSION;
  const log = options.log ?? (() => {});
  await requireJava();
  const { libsDir } = await installKafka({ version, cacheDir: options.cacheDir ?? inletCacheDir(), log });
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'inlet-kafka-')));
  const launch: JvmLaunch = { libsDir, instanceDir: dataDir, heapMb: options.heapMb ?? 512 };
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 20_000;

  const saved = await readInstanceRecord(dataDir);
  if (saved && saved.version !== version) {
    throw new KafkaStartError(
      `${dataDir} holds Kafka ${saved.version} data; this harness runs ${version}. Delete the folder or use another.`,
      '',
    );
  }
  const pinned = options.port !== undefined || saved !== undefined;

  let record: InstanceRecord | undefined;
  let child: ChildProcess | undefined;
  try {
    for (let attempt = 1; ; attempt++) {
      const [p, c] = await freePorts(2);
      record = {
        version,
        clusterId: saved?.clusterId ?? newClusterId(),
        port: options.port ?? saved?.port ?? (p as number),
        controllerPort: options.controllerPort ?? saved?.controllerPort ?? (c as number),
      };
      await writeInstance(dataDir, record, options.overrides);
      await formatStorage(launch, record);
      try {
        child = await launchAndWait(launch, record, options.detached ?? false, readyTimeoutMs, stopTimeoutMs);
        break;
      } catch (error) {
        // Another process took a port between our pick and the JVM's bind: pick again, from scratch
        // (the quorum records the controller port when the storage is formatted).
        const retry =
          error instanceof KafkaStartError && error.bindFailed && !pinned && attempt < MAX_BIND_ATTEMPTS;
        if (!retry) throw error;
        log(`Port clash on ${record.port}/${record.controllerPort}; retrying with other ports.`);
        await rm(kraftDir(dataDir), { recursive: true, force: true });
      }
    }
  } catch (error) {
    if (ownsDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  const fixed = record;
  let current = child;
  return {
    brokers: [`127.0.0.1:${fixed.port}`],
    get pid() {
      return current.pid ?? -1;
    },
    port: fixed.port,
    controllerPort: fixed.controllerPort,
    dataDir,
    version,
    async stop() {
      await stopChild(current, stopTimeoutMs);
      if (ownsDir) await rm(dataDir, { recursive: true, force: true });
    },
    async restart() {
      await stopChild(current, stopTimeoutMs);
      current = await launchAndWait(launch, fixed, options.detached ?? false, readyTimeoutMs, stopTimeoutMs);
    },
    async kill() {
      await killChild(current);
    },
  };
}

async function launchAndWait(
  launch: JvmLaunch,
  record: InstanceRecord,
  detached: boolean,
  readyTimeoutMs: number,
  stopTimeoutMs: number,
): Promise<ChildProcess> {
  const child = spawnBroker(launch, propertiesFile(launch.instanceDir), detached);
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const brokers = [`127.0.0.1:${record.port}`];
  try {
    await waitForKafka(brokers, {
      timeoutMs: readyTimeoutMs,
      abortReason: () => {
        if (spawnError) return `could not start java: ${spawnError.message}`;
        if (child.exitCode !== null || child.signalCode !== null) {
          return `the broker exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready`;
        }
        return undefined;
      },
    });
    return child;
  } catch (error) {
    await stopChild(child, Math.min(stopTimeoutMs, 5_000));
    const tail = await logTail(launch.instanceDir);
    throw new KafkaStartError(
      `Kafka ${record.version} on ${brokers[0]} (data ${launch.instanceDir}) did not start: ${(error as Error).message}`,
      tail,
      bindError(tail),
    );
  }
}
