import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { KafkaUnavailableError } from './errors';
import { MIN_JAVA_MAJOR } from './version';

const run = promisify(execFile);

/** "not on PATH", or the last line the command printed. */
function why(error: unknown): string {
  const { code, stderr } = error as { code?: unknown; stderr?: string };
  if (code === 'ENOENT') return 'not found on PATH';
  const last = stderr?.trim().split('\n').pop();
  return last ? `exit ${String(code)}: ${last}` : (error as Error).message;
}

/** The major version in `java -version` output (`openjdk version "17.0.15"` → 17, `"1.8.0_392"` → 8). */
export function parseJavaMajor(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

/** Throws `KafkaUnavailableError` unless `java` on PATH is Java 17 or newer. */
export async function requireJava(): Promise<void> {
  let output: string;
  try {
    const { stdout, stderr } = await run('java', ['-version']);
    output = `${stderr}${stdout}`;
  } catch (error) {
    throw new KafkaUnavailableError(
      `Java is needed to run the Kafka broker but \`java -version\` failed (${why(error)}). ` +
        `Install a JDK ${MIN_JAVA_MAJOR}+ (e.g. \`apt-get install openjdk-17-jre-headless\`) or set KAFKA_BROKERS to an existing cluster.`,
    );
  }
  const major = parseJavaMajor(output);
  if (major === undefined || major < MIN_JAVA_MAJOR) {
    throw new KafkaUnavailableError(
      `Kafka 4.x needs Java ${MIN_JAVA_MAJOR}+, but \`java -version\` reports: ${output.split('\n')[0]}. ` +
        'Put a newer JDK first on PATH or set KAFKA_BROKERS to an existing cluster.',
    );
  }
}

/** Throws `KafkaUnavailableError` unless `mvn` runs (needed once, to fetch the broker's jars). */
export async function requireMaven(): Promise<void> {
  try {
    await run('mvn', ['-v']);
  } catch (error) {
    throw new KafkaUnavailableError(
      `Maven is needed once to fetch Kafka's jars from Maven Central but \`mvn -v\` failed (${why(error)}). ` +
        'Install it (e.g. `apt-get install maven`), or set KAFKA_BROKERS to an existing cluster.',
    );
  }
}
