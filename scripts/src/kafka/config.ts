/** Ports and folders of one single-node KRaft instance (broker and controller in one process). */
export interface BrokerLayout {
  /** PLAINTEXT listener for clients, on 127.0.0.1. */
  port: number;
  /** CONTROLLER listener (KRaft quorum), on 127.0.0.1. */
  controllerPort: number;
  /** Kafka's `log.dirs`: where partitions and the metadata log live. */
  logDir: string;
  /** Extra or overriding broker settings. */
  overrides?: Readonly<Record<string, string>>;
}

const HOST = '127.0.0.1';

/**
 * Broker settings for a single node. Replication factor 1 everywhere (internal topics included:
 * transactions and consumer groups hang without it), no rebalance delay and one partition for the
 * internal topics so tests are quick, and no topic auto-creation so topics are what we create.
 */
export function serverSettings(layout: BrokerLayout): Record<string, string> {
  const plaintext = `PLAINTEXT://${HOST}:${layout.port}`;
  const controller = `CONTROLLER://${HOST}:${layout.controllerPort}`;
  return {
    'process.roles': 'broker,controller',
    'node.id': '1',
    // With `StorageTool format --standalone`; never together with controller.quorum.voters.
    'controller.quorum.bootstrap.servers': `${HOST}:${layout.controllerPort}`,
    listeners: `${plaintext},${controller}`,
    'advertised.listeners': `${plaintext},${controller}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': layout.logDir,
    'num.partitions': '1',
    'default.replication.factor': '1',
    'min.insync.replicas': '1',
    'offsets.topic.replication.factor': '1',
    'offsets.topic.num.partitions': '1',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'transaction.state.log.num.partitions': '1',
    'share.coordinator.state.topic.replication.factor': '1',
    'share.coordinator.state.topic.min.isr': '1',
    'share.coordinator.state.topic.num.partitions': '1',
    'group.initial.rebalance.delay.ms': '0',
    'auto.create.topics.enable': 'false',
    // A 2-core machine: fewer threads, less memory and start-up time.
    'num.network.threads': '2',
    'num.io.threads': '2',
    'num.recovery.threads.per.data.dir': '1',
    'background.threads': '2',
    ...layout.overrides,
  };
}

/** Escapes a Java .properties key or value (backslash first; then separators and line breaks). */
export function escapeProperty(text: string, isKey = false): string {
  let out = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  if (isKey) out = out.replace(/([=: ])/g, '\\$1');
  return out;
}

/** A Java .properties file, one `key=value` a line, keys in the given order. */
export function renderProperties(settings: Readonly<Record<string, string>>, header?: string): string {
  const lines = Object.entries(settings).map(([k, v]) => `${escapeProperty(k, true)}=${escapeProperty(v)}`);
  return `${header ? `# ${header}\n` : ''}${lines.join('\n')}\n`;
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: a log4j2 lookup (the -Dkafka.logs.dir property), not JS.
export const LOGS_DIR_LOOKUP = '${sys:kafka.logs.dir}';

/**
 * log4j2 configuration (.properties needs only log4j-core): `server.log` in `-Dkafka.logs.dir`,
 * rolled at 10 MB so a long-lived dev broker stays bounded; request and state-change chatter off.
 */
export function renderLog4j2Properties(): string {
  return renderProperties(
    {
      status: 'warn',
      name: 'inlet-kafka',
      'appender.server.type': 'RollingFile',
      'appender.server.name': 'server',
      'appender.server.fileName': `${LOGS_DIR_LOOKUP}/server.log`,
      'appender.server.filePattern': `${LOGS_DIR_LOOKUP}/server.log.%i`,
      'appender.server.layout.type': 'PatternLayout',
      'appender.server.layout.pattern': '[%d] %p %m (%c)%n',
      'appender.server.policies.type': 'Policies',
      'appender.server.policies.size.type': 'SizeBasedTriggeringPolicy',
      'appender.server.policies.size.size': '10MB',
      'appender.server.strategy.type': 'DefaultRolloverStrategy',
      'appender.server.strategy.max': '3',
      'rootLogger.level': 'INFO',
      'rootLogger.appenderRef.server.ref': 'server',
      'logger.request.name': 'kafka.request.logger',
      'logger.request.level': 'WARN',
      'logger.state.name': 'state.change.logger',
      'logger.state.level': 'WARN',
    },
    'Written by @inlet/scripts (scripts/src/kafka/config.ts).',
  );
}
