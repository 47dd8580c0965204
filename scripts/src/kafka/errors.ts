/**
 * Kafka cannot be run here (no Java, no Maven, jars cannot be fetched): the harness reports this
 * as "Kafka unavailable" rather than as a failure of the code under test.
 */
export class KafkaUnavailableError extends Error {
  override readonly name = 'KafkaUnavailableError';
}

/** The broker process was started but did not become ready, or exited. `logTail` holds its last log lines. */
export class KafkaStartError extends Error {
  override readonly name = 'KafkaStartError';
  constructor(
    message: string,
    readonly logTail: string,
    readonly bindFailed = false,
  ) {
    super(logTail ? `${message}\n--- last lines of the broker log ---\n${logTail}` : message);
  }
}

export function isKafkaUnavailableError(error: unknown): error is KafkaUnavailableError {
  return error instanceof Error && error.name === 'KafkaUnavailableError';
}

export function isKafkaStartError(error: unknown): error is KafkaStartError {
  return error instanceof Error && error.name === 'KafkaStartError';
}
