/**
 * The Kafka sink: an idempotent kafkajs producer with acks=-1. Concurrent appends are coalesced into
 * one `sendBatch` at a time: kafkajs assigns idempotence sequence numbers per request, and two requests
 * racing on one producer can reach the broker out of order (kafkajs issue #598).
 */
import { errorMessage } from '@inlet/schemas';
import {
  CompressionTypes,
  type Kafka,
  type Message,
  Partitioners,
  type Producer,
  type RecordMetadata,
} from 'kafkajs';
import {
  isSinkError,
  isSinkRecordError,
  SinkClosedError,
  type SinkError,
  SinkUnavailableError,
} from '../errors';
import { assertRecords, groupByTopic } from '../records';
import type { AppendPosition, AppendResult, Sink, SinkHealth, SinkRecord, SinkState } from '../sink';
import { createKafkaClient, type KafkaClientOptions } from './client';
import { toSinkError } from './kafka-errors';

export interface KafkaSinkOptions extends KafkaClientOptions {
  /** How long the partition leader waits for the in-sync replicas before answering, in ms. Default 30 000. */
  readonly ackTimeoutMs?: number;
  /** Compression of produced batches. Default `none`. */
  readonly compression?: 'none' | 'gzip';
  /**
   * Most bytes (keys + values + headers) coalesced into one produce request. Default 768 KiB, under the
   * broker's default 1 MiB `message.max.bytes`. A single larger append is still sent, alone.
   */
  readonly maxRequestBytes?: number;
}

interface Pending {
  readonly records: readonly SinkRecord[];
  readonly bytes: number;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: SinkError) => void;
}

type Connection = NonNullable<SinkHealth['connection']>;

const recordBytes = (r: SinkRecord): number =>
  (r.key?.length ?? 0) +
  (r.value === null ? 0 : typeof r.value === 'string' ? Buffer.byteLength(r.value) : r.value.byteLength) +
  Object.entries(r.headers ?? {}).reduce((n, [k, v]) => n + k.length + v.length, 0);

const toMessage = (r: SinkRecord): Message => ({
  key: r.key,
  value:
    r.value instanceof Uint8Array
      ? Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength)
      : r.value,
  ...(r.headers === undefined ? {} : { headers: { ...r.headers } }),
  ...(r.timestamp === undefined ? {} : { timestamp: String(r.timestamp) }),
});

export class KafkaSink implements Sink {
  private readonly kafka: Kafka;
  private readonly ackTimeoutMs: number;
  private readonly compression: CompressionTypes;
  private readonly maxRequestBytes: number;
  private readonly retry: { retries: number; initialRetryTime: number; maxRetryTime: number };
  private producer: Promise<Producer> | undefined;
  private connection: Connection = 'disconnected';
  private state: SinkState = 'starting';
  private lastError: { message: string; at: number } | undefined;
  private queue: Pending[] = [];
  private sending = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  private generation = 0;

  constructor(options: KafkaSinkOptions) {
    this.kafka = createKafkaClient(options);
    this.ackTimeoutMs = options.ackTimeoutMs ?? 30_000;
    this.compression = options.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;
    this.maxRequestBytes = options.maxRequestBytes ?? 768 * 1024;
    // Given explicitly: without it kafkajs retries an idempotent producer forever.
    this.retry = {
      retries: options.retry?.retries ?? 5,
      initialRetryTime: options.retry?.initialRetryTimeMs ?? 300,
      maxRetryTime: options.retry?.maxRetryTimeMs ?? 30_000,
    };
  }

  /** Connects now instead of on the first append; rejects with `SinkUnavailableError`. */
  async connect(): Promise<void> {
    if (this.closed) throw new SinkClosedError('kafka');
    await this.getProducer();
  }

  append(records: readonly SinkRecord[]): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new SinkClosedError('kafka'));
    try {
      assertRecords(records, 'kafka');
    } catch (error) {
      return Promise.reject(error);
    }
    if (records.length === 0) return Promise.resolve({ count: 0, positions: [] });
    return new Promise((resolve, reject) => {
      this.queue.push({ records, bytes: records.reduce((n, r) => n + recordBytes(r), 0), resolve, reject });
      this.pump();
    });
  }

  ready(): boolean {
    return this.state === 'ready' && this.connection === 'connected';
  }

  health(): SinkHealth {
    return {
      kind: 'kafka',
      state: this.state,
      ready: this.ready(),
      connection: this.connection,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** Lets queued appends finish (or fail), then disconnects. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sending || this.queue.length > 0)
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.dropProducer();
    this.state = 'closed';
  }

  private pump(): void {
    if (this.sending) return;
    const batch = this.takeBatch();
    if (batch.length === 0) {
      for (const wake of this.idleWaiters.splice(0)) wake();
      return;
    }
    this.sending = true;
    void this.send(batch).finally(() => {
      this.sending = false;
      this.pump();
    });
  }

  private takeBatch(): Pending[] {
    let bytes = 0;
    let n = 0;
    for (const p of this.queue) {
      if (n > 0 && bytes + p.bytes > this.maxRequestBytes) break;
      bytes += p.bytes;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private async send(batch: readonly Pending[]): Promise<void> {
    const all = batch.flatMap((p) => p.records);
    const groups = [...groupByTopic(all)];
    let metadata: RecordMetadata[];
    try {
      const producer = await this.getProducer();
      metadata = await producer.sendBatch({
        acks: -1,
        timeout: this.ackTimeoutMs,
        compression: this.compression,
        topicMessages: groups.map(([topic, records]) => ({ topic, messages: records.map(toMessage) })),
      });
    } catch (error) {
      const topics = groups.map(([topic]) => topic);
      const failure = isSinkError(error) ? error : toSinkError(error, topics);
      this.fail(failure);
      // kafkajs rolls its sequence numbers back after a failed request even when the broker stored it;
      // a fresh producer id keeps the broker from taking later records for duplicates of it.
      await this.dropProducer();
      // One caller's oversized records must not fail the callers they were coalesced with.
      if (isSinkRecordError(failure) && batch.length > 1) {
        for (const p of batch) await this.send([p]);
      } else {
        for (const p of batch) p.reject(failure);
      }
      return;
    }
    this.state = 'ready';
    for (const p of batch) {
      const topics = new Set(p.records.map((r) => r.topic));
      const positions: AppendPosition[] = metadata
        .filter((m) => topics.has(m.topicName))
        .map((m) => ({
          topic: m.topicName,
          partition: m.partition,
          baseOffset: m.baseOffset ?? m.offset ?? '-1',
        }));
      p.resolve({ count: p.records.length, positions });
    }
  }

  private fail(error: SinkError): void {
    this.state = 'unavailable';
    this.lastError = { message: error.message, at: Date.now() };
  }

  private getProducer(): Promise<Producer> {
    this.producer ??= this.createProducer().catch((error: unknown) => {
      this.producer = undefined;
      const failure = error instanceof SinkUnavailableError ? error : toSinkError(error, []);
      this.fail(failure);
      throw failure;
    });
    return this.producer;
  }

  private async createProducer(): Promise<Producer> {
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: this.retry,
      // The Java client's murmur2 partitioner: the same key lands on the same partition as from Java producers.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const generation = ++this.generation;
    // Events of a producer already replaced must not overwrite the state of its successor.
    const track = (connection: Connection) => () => {
      if (generation === this.generation) this.connection = connection;
    };
    producer.on(producer.events.CONNECT, track('connected'));
    producer.on(producer.events.DISCONNECT, track('disconnected'));
    this.connection = 'connecting';
    try {
      await producer.connect();
    } catch (error) {
      this.connection = 'disconnected';
      await producer.disconnect().catch(() => {});
      throw new SinkUnavailableError(`cannot connect to Kafka: ${errorMessage(error)}`, 'kafka', {
        cause: error,
      });
    }
    return producer;
  }

  private async dropProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.generation++;
    this.connection = 'disconnected';
    const p = await producer?.catch(() => undefined);
    await p?.disconnect().catch(() => {});
  }
}

/** A Kafka sink; it connects on the first append (or on `connect()`). */
export const createKafkaSink = (options: KafkaSinkOptions): KafkaSink => new KafkaSink(options);
