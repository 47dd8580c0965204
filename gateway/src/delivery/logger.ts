/** The part of a pino logger the delivery layer uses, so tests can pass a silent one. */
export interface DeliveryLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

const nothing = (): void => {};
export const silentLogger: DeliveryLogger = { debug: nothing, info: nothing, warn: nothing, error: nothing };
