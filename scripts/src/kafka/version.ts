/**
 * The Apache Kafka release the harness runs (Maven Central `org.apache.kafka:kafka_2.13`).
 * Chosen as the newest 4.x with which kafkajs 2.2.4 passes produce (idempotent, acks -1), fetch,
 * consumer groups, admin and transactions with sendOffsets: see kafka.integration.test.ts.
 */
export const KAFKA_VERSION = '4.4.0';

/** log4j2 for the broker's logging (Kafka itself ships no logging backend on its Maven classpath). */
export const LOG4J_VERSION = '2.25.3';

/** The broker needs Java 17 or newer from Kafka 4.0 on. */
export const MIN_JAVA_MAJOR = 17;
