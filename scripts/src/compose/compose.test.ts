/**
 * docker-compose.yml, checked without a Docker engine (none runs on these
 * machines): the file parses as compose reads it, every image and build context exists, the
 * ports, health checks and dependencies agree. The image is checked in image-build.test.ts, the
 * wiring of Kafka, PostgreSQL and the write key in compose-wiring.test.ts, the Inlet services'
 * flags and variables against their bins in compose-services.test.ts.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KAFKA_VERSION } from '../kafka/version';
import {
  type ComposeFile,
  commandOf,
  dependsOn,
  environmentOf,
  healthcheckTest,
  isObject,
  publishedPorts,
  readCompose,
} from './compose-file';
import { COMPOSE_PATH, configContent, hasExplicitTag, REPO_ROOT, serviceByImage } from './repo-compose';

/** Compose specification keys of a service (compose-spec `service` properties). */
const SERVICE_KEYS = new Set(
  `annotations attach blkio_config build cap_add cap_drop cgroup cgroup_parent command configs container_name
  cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares cpus cpuset credential_spec
  depends_on deploy develop device_cgroup_rules devices dns dns_opt dns_search domainname entrypoint env_file
  environment expose extends external_links extra_hosts gpus group_add healthcheck hostname image init ipc
  isolation labels links logging mac_address mem_limit mem_reservation mem_swappiness memswap_limit network_mode
  networks oom_kill_disable oom_score_adj pid pids_limit platform ports post_start pre_stop privileged profiles
  provider pull_policy read_only restart runtime scale secrets security_opt shm_size stdin_open stop_grace_period
  stop_signal storage_opt sysctls tmpfs tty ulimits user userns_mode uts volumes volumes_from working_dir`.split(
    /\s+/,
  ),
);
const TOP_KEYS = new Set(['name', 'services', 'networks', 'volumes', 'configs', 'secrets', 'include']);
const HEALTHCHECK_KEYS = new Set([
  'test',
  'interval',
  'timeout',
  'retries',
  'start_period',
  'start_interval',
  'disable',
]);
const CONDITIONS = new Set(['service_started', 'service_healthy', 'service_completed_successfully']);
const RESTART = /^(no|always|unless-stopped|on-failure(:\d+)?)$/;

let compose: ComposeFile;
beforeAll(async () => {
  compose = await readCompose(COMPOSE_PATH);
});

const services = () => Object.entries(compose.services);
const byImage = (prefix: string) => serviceByImage(compose, prefix);

describe('docker-compose.yml as compose reads it', () => {
  it('has only known top-level keys, no obsolete `version`, and every variable has a default', () => {
    expect(Object.keys(compose.top).filter((k) => !TOP_KEYS.has(k))).toEqual([]);
    expect(compose.unset).toEqual([]);
  });

  it('gives every service only keys of the compose specification, and valid health checks and restarts', () => {
    for (const [name, service] of services()) {
      expect(
        Object.keys(service).filter((k) => !SERVICE_KEYS.has(k)),
        name,
      ).toEqual([]);
      if (isObject(service.healthcheck)) {
        expect(
          Object.keys(service.healthcheck).filter((k) => !HEALTHCHECK_KEYS.has(k)),
          name,
        ).toEqual([]);
        expect(healthcheckTest(service)?.[0], `${name} healthcheck.test`).toMatch(/^(CMD|CMD-SHELL)$/);
      }
      if (service.restart !== undefined) expect(String(service.restart), name).toMatch(RESTART);
    }
  });

  it('declares every named volume and config a service mounts', () => {
    const declared = (key: string) =>
      new Set(isObject(compose.top[key]) ? Object.keys(compose.top[key]) : []);
    const volumes = declared('volumes');
    const configs = declared('configs');
    for (const [name, service] of services()) {
      for (const v of Array.isArray(service.volumes) ? service.volumes : []) {
        const source = isObject(v) ? String(v.source) : String(v).split(':')[0];
        if (source && !/^[./~]/.test(source))
          expect(volumes, `${name} mounts volume ${source}`).toContain(source);
      }
      for (const c of Array.isArray(service.configs) ? service.configs : []) {
        expect(configs, `${name} uses config`).toContain(isObject(c) ? String(c.source) : String(c));
      }
    }
    for (const name of configs) {
      const content = configContent(compose, name);
      const file = isObject(compose.top.configs) ? compose.top.configs[name] : undefined;
      const fromFile = isObject(file) && typeof file.file === 'string';
      expect(content !== undefined || fromFile, `configs.${name} has content or a file`).toBe(true);
      if (fromFile && isObject(file)) expect(existsSync(path.join(REPO_ROOT, String(file.file)))).toBe(true);
    }
  });
});

describe('images and builds', () => {
  it('gives every service an image with an explicit tag, or a build', () => {
    for (const [name, service] of services()) {
      expect(service.image !== undefined || service.build !== undefined, `${name} has image or build`).toBe(
        true,
      );
      if (service.image !== undefined)
        expect(hasExplicitTag(String(service.image)), `${name}: ${service.image}`).toBe(true);
    }
  });

  it('runs the Kafka version the harness runs, and PostgreSQL with wal_level=logical', () => {
    expect(byImage('apache/kafka:')[1].image).toBe(`apache/kafka:${KAFKA_VERSION}`);
    expect(commandOf(byImage('postgres:')[1]).join(' ')).toMatch(/-c wal_level=logical\b/);
  });

  it('builds from contexts and Dockerfiles that exist', () => {
    const builds = services().filter(([, s]) => s.build !== undefined);
    expect(builds.length).toBeGreaterThan(0);
    for (const [name, { build }] of builds) {
      const context = typeof build === 'string' ? build : isObject(build) ? String(build.context ?? '.') : '';
      const dockerfile =
        isObject(build) && build.dockerfile !== undefined ? String(build.dockerfile) : 'Dockerfile';
      const dir = path.resolve(REPO_ROOT, context);
      expect(existsSync(dir) && statSync(dir).isDirectory(), `${name} build context ${context}`).toBe(true);
      expect(existsSync(path.resolve(dir, dockerfile)), `${name} dockerfile ${dockerfile}`).toBe(true);
    }
  });
});

describe('ports, health checks and dependencies', () => {
  it('publishes each host port once, on loopback', () => {
    const published = services().flatMap(([name, s]) => publishedPorts(s).map((p) => ({ name, ...p })));
    const keys = published.map((p) => `${p.hostIp ?? '0.0.0.0'}:${p.hostPort}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    for (const p of published) expect(p.hostIp, `${p.name} ${p.text}`).toBe('127.0.0.1');
  });

  it('depends only on services that exist, with a condition their definition can meet', () => {
    for (const [name, service] of services()) {
      for (const [target, condition] of Object.entries(dependsOn(service))) {
        const other = compose.services[target];
        expect(other, `${name} depends on ${target}`).toBeDefined();
        expect(CONDITIONS, `${name} → ${target}: ${condition}`).toContain(condition);
        if (other === undefined) continue;
        if (condition === 'service_healthy') {
          expect(
            healthcheckTest(other),
            `${target} needs a healthcheck (${name} waits for it)`,
          ).toBeDefined();
        }
        if (condition === 'service_completed_successfully') {
          // A one-shot: restarting it would re-run it, and `on-failure` could hide its failure.
          expect(other.restart ?? 'no', `${target} runs once`).toBe('no');
        }
      }
    }
  });

  it('shares a network namespace only with a service that exists, and then publishes nothing itself', () => {
    for (const [name, service] of services()) {
      const mode = service.network_mode;
      if (typeof mode !== 'string' || !mode.startsWith('service:')) continue;
      expect(compose.services[mode.slice('service:'.length)], `${name}: ${mode}`).toBeDefined();
      expect(
        service.ports ?? service.networks,
        `${name} has ports/networks beside network_mode`,
      ).toBeUndefined();
    }
  });

  it('checks Kafka UI and PostgreSQL where they listen and as the user they create', () => {
    const [, ui] = byImage('ghcr.io/kafbat/kafka-ui:');
    const uiPort = new URL(healthcheckTest(ui)?.find((a) => a.startsWith('http')) ?? 'http://x').port;
    expect(publishedPorts(ui).map((p) => String(p.containerPort))).toContain(uiPort);
    const [, pg] = byImage('postgres:');
    const env = environmentOf(pg);
    const test = healthcheckTest(pg)?.join(' ') ?? '';
    expect(test).toContain(`-U ${env.POSTGRES_USER}`);
    expect(test).toContain(`-d ${env.POSTGRES_DB}`);
    expect(publishedPorts(pg).map((p) => p.containerPort)).toEqual([5432]);
  });
});

describe('docs/docker.md', () => {
  it('lists every service of the file in its table, and no other', () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs/docker.md'), 'utf8');
    const listed = [...doc.matchAll(/^\|\s*`([a-z0-9-]+)`\s*\|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(Object.keys(compose.services).sort());
  });
});
