/**
 * docker-compose.yml wires its parts the same way everywhere: Kafka's listeners agree with what
 * it publishes and what every client is given, it keeps its log in a volume, every PG_URL names
 * the PostgreSQL the file creates, and one write key serves the gateway and its clients.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ComposeFile,
  commandOf,
  environmentOf,
  healthcheckTest,
  type Json,
  publishedPorts,
  readCompose,
} from './compose-file';
import { COMPOSE_PATH, configContent, serviceByImage } from './repo-compose';
import { parseCommand } from './service-args';

let compose: ComposeFile;
beforeAll(async () => {
  compose = await readCompose(COMPOSE_PATH);
});

const services = () => Object.entries(compose.services);
const byImage = (prefix: string) => serviceByImage(compose, prefix);

describe('Kafka listeners', () => {
  const kafka = () => {
    const [name, service] = byImage('apache/kafka:');
    const env = environmentOf(service);
    const listeners = (key: string) =>
      new Map(
        (env[key] ?? '').split(',').map((l) => {
          const m = /^([A-Z_]+):\/\/([^:]*):(\d+)$/.exec(l.trim());
          if (!m) throw new Error(`${key} has "${l}", not NAME://host:port`);
          return [m[1] ?? '', { host: m[2] ?? '', port: Number(m[3]) }] as const;
        }),
      );
    return {
      name,
      service,
      env,
      bound: listeners('KAFKA_LISTENERS'),
      advertised: listeners('KAFKA_ADVERTISED_LISTENERS'),
    };
  };

  it('advertises each listener on the port it binds, with a protocol for every listener', () => {
    const { env, bound, advertised } = kafka();
    const protocols = new Set(
      (env.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP ?? '').split(',').map((p) => p.split(':')[0]),
    );
    for (const name of bound.keys()) expect(protocols, `protocol for ${name}`).toContain(name);
    for (const [name, { port }] of advertised)
      expect(bound.get(name)?.port, `${name} binds ${port}`).toBe(port);
    expect(advertised.has(env.KAFKA_CONTROLLER_LISTENER_NAMES ?? '')).toBe(false);
    expect(bound.has(env.KAFKA_CONTROLLER_LISTENER_NAMES ?? '')).toBe(true);
  });

  it('publishes to the host exactly the listener advertised as localhost, and health-checks a bound port', () => {
    const { service, bound, advertised } = kafka();
    const forHost = [...advertised.values()].filter((a) => a.host === 'localhost' || a.host === '127.0.0.1');
    expect(publishedPorts(service).map((p) => [p.hostPort, p.containerPort])).toEqual(
      forHost.map((a) => [a.port, a.port]),
    );
    const checked = /--bootstrap-server\s+[^:\s]+:(\d+)/.exec(healthcheckTest(service)?.join(' ') ?? '')?.[1];
    expect([...bound.values()].map((b) => String(b.port))).toContain(checked);
  });

  it('keeps its log in a volume, under a fixed cluster id of 16 bytes (base64url)', () => {
    const { service, env } = kafka();
    expect(Buffer.from(env.CLUSTER_ID ?? '', 'base64url')).toHaveLength(16);
    expect(env.CLUSTER_ID).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const mounts = (Array.isArray(service.volumes) ? service.volumes : []).map(
      (v: Json) => String(v).split(':')[1],
    );
    expect(mounts).toContain(env.KAFKA_LOG_DIRS);
  });

  it('is reached by every client at an address it advertises to containers', () => {
    const { name, advertised } = kafka();
    const internal = [...advertised.values()]
      .filter((a) => a.host === name)
      .map((a) => `${a.host}:${a.port}`);
    expect(internal.length).toBe(1);
    const uses = services().flatMap(([service, s]) => {
      const env = environmentOf(s);
      const flags = parseCommand(commandOf(s)).flags;
      return [env.KAFKA_BROKERS, env.KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS, ...(flags.get('--brokers') ?? [])]
        .filter((v): v is string => v !== undefined)
        .flatMap((v) => v.split(',').map((b) => [service, b.trim()] as const));
    });
    expect(uses.length).toBeGreaterThan(3);
    for (const [service, broker] of uses) expect(internal, `${service} uses ${broker}`).toContain(broker);
  });
});

describe('PostgreSQL and the write key', () => {
  it('gives every PG_URL the postgres service, its port and the user, password and database it creates', () => {
    const [name, pg] = byImage('postgres:');
    const env = environmentOf(pg);
    const expected = `postgres://${env.POSTGRES_USER}:${env.POSTGRES_PASSWORD}@${name}:5432/${env.POSTGRES_DB}`;
    const urls = services().flatMap(([service, s]) => {
      const url = environmentOf(s).PG_URL ?? parseCommand(commandOf(s)).flags.get('--pg-url')?.[0];
      return url === undefined ? [] : [[service, url] as const];
    });
    expect(urls.length).toBeGreaterThanOrEqual(2);
    for (const [service, url] of urls) expect(url, service).toBe(expected);
  });

  it('shares one write key between the gateway, the virtual users and the demo site', () => {
    const keys = services().flatMap(([service, s]) => {
      const env = environmentOf(s);
      const flags = parseCommand(commandOf(s)).flags;
      return [env.INLET_WRITE_KEY, env.INLET_GATEWAY_WRITE_KEY, ...(flags.get('--write-key') ?? [])]
        .filter((k): k is string => k !== undefined)
        .map((k) => [service, k] as const);
    });
    const gatewayFile = configContent(compose, 'gateway-config');
    expect(gatewayFile, 'configs.gateway-config').toBeDefined();
    const fileKeys = (JSON.parse(gatewayFile ?? '{}') as { writeKeys?: { key: string }[] }).writeKeys ?? [];
    const all = [...keys, ...fileKeys.map((k) => ['gateway-config', k.key] as const)];
    expect(new Set(all.map(([service]) => service))).toEqual(
      new Set(['gateway-config', 'simulators', 'demo-site']),
    );
    expect(new Set(all.map(([, key]) => key)).size, JSON.stringify(all)).toBe(1);
  });
});
