/** The logging the runtimes need; a pino logger fits it. */
export interface ProcessorLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}
