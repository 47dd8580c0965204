// What the integration global setup hands to test files through vitest's provide/inject.
// Values cross process boundaries, so they are plain serialisable data.
declare module 'vitest' {
  export interface ProvidedContext {
    /** Bootstrap addresses of the test cluster, or null when Kafka is unavailable. */
    kafkaBrokers: string[] | null;
    /** Why Kafka is unavailable (null when it is available). */
    kafkaUnavailable: string | null;
    /** URL of a PostgreSQL with wal_level=logical, or null when unavailable. */
    pgUrl: string | null;
    /** Why PostgreSQL is unavailable (null when it is available). */
    pgUnavailable: string | null;
  }
}

export {};
