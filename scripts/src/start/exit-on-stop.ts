/**
 * How `npm start`'s infrastructure children (Kafka, PostgreSQL) end: on the first SIGTERM or SIGINT
 * they stop their server, once however many signals follow, then exit 0.
 */
export function exitOnStop(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void onSignal());
  process.on('SIGINT', () => void onSignal());
}
