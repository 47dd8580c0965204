/** A bad setting (CLI flag, env var): the message says what was wrong and how to fix it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof Error && error.name === 'ConfigError';
}
