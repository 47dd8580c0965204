import { describe, expect, it } from 'vitest';
import {
  escapeProperty,
  LOGS_DIR_LOOKUP,
  renderLog4j2Properties,
  renderProperties,
  serverSettings,
} from './config';

const layout = { port: 41001, controllerPort: 41002, logDir: '/tmp/inlet-kafka-x/kraft' };

describe('serverSettings', () => {
  it('describes a single combined KRaft node on 127.0.0.1', () => {
    const s = serverSettings(layout);
    expect(s['process.roles']).toBe('broker,controller');
    expect(s['controller.quorum.bootstrap.servers']).toBe('127.0.0.1:41002');
    expect(s['controller.quorum.voters']).toBeUndefined();
    expect(s.listeners).toBe('PLAINTEXT://127.0.0.1:41001,CONTROLLER://127.0.0.1:41002');
    expect(s['advertised.listeners']).toBe(s.listeners);
    expect(s['log.dirs']).toBe(layout.logDir);
  });

  it('gives the internal topics replication factor 1 and keeps tests fast and topics explicit', () => {
    const s = serverSettings(layout);
    for (const key of [
      'offsets.topic.replication.factor',
      'transaction.state.log.replication.factor',
      'transaction.state.log.min.isr',
      'share.coordinator.state.topic.replication.factor',
      'share.coordinator.state.topic.min.isr',
      'offsets.topic.num.partitions',
    ]) {
      expect(s[key], key).toBe('1');
    }
    expect(s['group.initial.rebalance.delay.ms']).toBe('0');
    expect(s['auto.create.topics.enable']).toBe('false');
  });

  it('lets overrides win', () => {
    const s = serverSettings({ ...layout, overrides: { 'num.io.threads': '8', 'log.retention.ms': '1000' } });
    expect(s['num.io.threads']).toBe('8');
    expect(s['log.retention.ms']).toBe('1000');
  });
});

describe('renderProperties', () => {
  it('writes key=value lines under a comment header', () => {
    expect(renderProperties({ a: '1', 'b.c': 'x y' }, 'hello')).toBe('# hello\na=1\nb.c=x y\n');
  });

  it('escapes backslashes, line breaks, and separators in keys', () => {
    expect(escapeProperty('C:\\kafka\nnext')).toBe('C:\\\\kafka\\nnext');
    expect(escapeProperty('a=b:c d', true)).toBe('a\\=b\\:c\\ d');
  });
});

describe('renderLog4j2Properties', () => {
  it('logs to server.log in kafka.logs.dir with a bounded rolling file', () => {
    const text = renderLog4j2Properties();
    expect(LOGS_DIR_LOOKUP).toBe(['$', '{sys:kafka.logs.dir}'].join(''));
    expect(text).toContain(`appender.server.fileName=${LOGS_DIR_LOOKUP}/server.log`);
    expect(text).toContain('appender.server.policies.size.size=10MB');
    expect(text).toContain('rootLogger.appenderRef.server.ref=server');
  });
});
