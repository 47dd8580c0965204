import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { KafkaUnavailableError } from './errors';
import { requireMaven } from './java';
import { inletCacheDir, kafkaInstallDir } from './paths';
import { pidAlive } from './process';
import { KAFKA_VERSION, LOG4J_VERSION } from './version';

const run = promisify(execFile);
const POM = fileURLToPath(new URL('../../kafka/pom.xml', import.meta.url));

export interface InstallKafkaOptions {
  /** Kafka release to fetch. Default: `KAFKA_VERSION`. */
  version?: string;
  /** Cache root. Default: `inletCacheDir()` (`$INLET_CACHE_DIR` or `~/.cache/inlet`). */
  cacheDir?: string;
  /** Progress lines. Default: none. */
  log?: (line: string) => void;
  /** How long to wait for another process that is fetching the same jars. Default: 600 000 ms. */
  lockTimeoutMs?: number;
}

export interface KafkaInstall {
  version: string;
  /** Folder of jars: the broker's classpath is `<libsDir>/*`. */
  libsDir: string;
  /** False when the jars were already in the cache. */
  downloaded: boolean;
}

const isInstalled = async (libsDir: string, version: string) =>
  (await readdir(libsDir).catch((): string[] => [])).includes(`kafka_2.13-${version}.jar`);

/**
 * Fetches the Kafka broker's runtime jars from Maven Central into the cache (once per version).
 * Concurrent callers are serialised by a lock folder; the jars land in a temp folder that is then
 * renamed into place, so a reader never sees half a download.
 */
export async function installKafka(options: InstallKafkaOptions = {}): Promise<KafkaInstall> {
  const version = options.version ?? KAFKA_VERSION;
  const dir = kafkaInstallDir(options.cacheDir ?? inletCacheDir(), version);
  const libsDir = join(dir, 'libs');
  if (await isInstalled(libsDir, version)) return { version, libsDir, downloaded: false };

  await requireMaven();
  await mkdir(dir, { recursive: true });
  const lockDir = join(dir, 'install.lock');
  await acquireLock(lockDir, options.lockTimeoutMs ?? 600_000, options.log);
  try {
    if (await isInstalled(libsDir, version)) return { version, libsDir, downloaded: false };
    const tmp = join(dir, `libs.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    options.log?.(`Fetching Apache Kafka ${version} jars from Maven Central into ${libsDir} …`);
    try {
      await run(
        'mvn',
        [
          '-q',
          '-B',
          '-f',
          POM,
          'dependency:copy-dependencies',
          '-DincludeScope=runtime',
          `-Dkafka.version=${version}`,
          `-Dlog4j.version=${LOG4J_VERSION}`,
          `-DoutputDirectory=${tmp}`,
        ],
        { maxBuffer: 16 * 1024 * 1024 },
      );
    } catch (error) {
      await rm(tmp, { recursive: true, force: true });
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      const tail = `${stdout}${stderr}`.trim().split('\n').slice(-15).join('\n');
      throw new KafkaUnavailableError(
        `Could not fetch Apache Kafka ${version} from Maven Central with ${POM}:\n${tail}\n` +
          'Check network access to Maven Central (or ~/.m2/settings.xml), or set KAFKA_BROKERS to an existing cluster.',
      );
    }
    if (!(await isInstalled(tmp, version))) {
      await rm(tmp, { recursive: true, force: true });
      throw new KafkaUnavailableError(`Maven ran but ${tmp} holds no kafka_2.13-${version}.jar`);
    }
    await rename(tmp, libsDir);
    return { version, libsDir, downloaded: true };
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

/** mkdir is atomic: whoever creates the folder holds the lock. A dead owner's lock is broken. */
async function acquireLock(lockDir: string, timeoutMs: number, log?: (line: string) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(join(lockDir, 'owner'), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(await readFile(join(lockDir, 'owner'), 'utf8').catch(() => ''));
    const age = Date.now() - ((await stat(lockDir).catch(() => undefined))?.mtimeMs ?? Date.now());
    // No owner file yet means the owner is between mkdir and writeFile, unless that was long ago.
    if ((owner > 0 && !pidAlive(owner)) || (!owner && age > 30_000)) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new KafkaUnavailableError(
        `Timed out waiting for another process (pid ${owner || 'unknown'}) fetching Kafka jars; remove ${lockDir} if it is stale.`,
      );
    }
    if (!told) log?.(`Waiting for pid ${owner || '?'} to finish fetching Kafka jars …`);
    told = true;
    await sleep(500);
  }
}
