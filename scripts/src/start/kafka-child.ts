/**
 * The Kafka broker of `npm start`, in a process group of its own: Ctrl-C in the terminal does not
 * reach it, so `npm start` stops it last, after the parts that write to it. Prints
 * `KAFKA_BROKERS=<list>` once the broker answers and the topic catalogue exists, or
 * `KAFKA_UNAVAILABLE=<why>` when Java 17 is missing; SIGTERM stops it.
 */
import { startKafka } from '../kafka/broker';
import { ensureCatalogue } from '../kafka/catalogue';
import { isKafkaUnavailableError } from '../kafka/errors';
import { exitOnStop } from './exit-on-stop';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: kafka-child <instance-dir>\n');
  process.exit(2);
}
try {
  const broker = await startKafka({ dataDir, log: (line) => process.stderr.write(`${line}\n`) });
  exitOnStop(() => broker.stop());
  const { created } = await ensureCatalogue(broker.brokers);
  process.stderr.write(
    `Kafka ${broker.version} pid ${broker.pid}; ${created.length} catalogue topics created\n`,
  );
  process.stdout.write(`KAFKA_BROKERS=${broker.brokers.join(',')}\n`);
} catch (error) {
  // No Java 17 here: npm start falls back to the local logs rather than failing.
  if (isKafkaUnavailableError(error)) {
    process.stdout.write(`KAFKA_UNAVAILABLE=${error.message.replace(/\s+/g, ' ')}\n`);
    process.exit(0);
  }
  // The message holds the broker log's last lines when it got that far.
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
