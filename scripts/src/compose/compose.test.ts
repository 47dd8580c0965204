/**
 * docker-compose.yml and the Dockerfile, checked without a Docker engine (none runs on these
 * machines): the file parses as compose reads it, every image and build context exists, the
 * image installs what `npm ci` needs, ports, health checks and dependencies agree, and Kafka,
 * PostgreSQL and the write key are wired the same way everywhere. The Inlet services' flags and
 * variables are checked against their bins in compose-services.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
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
  type Json,
  publishedPorts,
  readCompose,
} from './compose-file';
import { copyPaths, fromImage, parseDockerfile } from './dockerfile';
import { COMPOSE_PATH, configContent, REPO_ROOT } from './repo-compose';
import { parseCommand } from './service-args';

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
const byImage = (prefix: string) => {
  const found = services().find(([, s]) => String(s.image ?? '').startsWith(prefix));
  if (!found) throw new Error(`no service runs an image ${prefix}…`);
  return found;
};

/** `image[:tag][@digest]` has a tag other than latest, or a digest. */
function explicitTag(image: string): boolean {
  if (image.includes('@sha256:')) return true;
  const tag = /:([^/:]+)$/.exec(image)?.[1];
  return tag !== undefined && tag !== 'latest';
}

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
        expect(explicitTag(String(service.image)), `${name}: ${service.image}`).toBe(true);
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

describe('the Dockerfile', () => {
  const dockerfile = parseDockerfile(readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8'));
  const npmCi = dockerfile.findIndex((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));

  it('starts from node with an explicit tag, of the major version in .nvmrc', () => {
    const from = dockerfile.filter((i) => i.keyword === 'FROM').map((i) => fromImage(i.args));
    const nvmrc = readFileSync(path.join(REPO_ROOT, '.nvmrc'), 'utf8').trim();
    expect(from).toHaveLength(1);
    expect(explicitTag(from[0] ?? '')).toBe(true);
    expect(from[0]).toMatch(new RegExp(`^node:${nvmrc.split('.')[0]}[.-]`));
  });

  it('copies everything `npm ci` needs before running it: lockfile, every workspace manifest, patches/', () => {
    expect(npmCi, 'a RUN npm ci').toBeGreaterThan(0);
    const copied = dockerfile
      .slice(0, npmCi)
      .filter((i) => i.keyword === 'COPY')
      .flatMap((i) => {
        const { sources, destination } = copyPaths(i.args);
        // A directory's contents land in the destination; a file lands in it when it ends with `/`.
        return sources.map((s) => {
          const dir = s.endsWith('/') || statSync(path.join(REPO_ROOT, s)).isDirectory();
          if (dir || !destination.endsWith('/')) return destination;
          return path.posix.join(destination, path.posix.basename(s));
        });
      })
      .map((p) => path.posix.normalize(p).replace(/\/$/, ''));
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      workspaces: string[];
    };
    const needed = [
      'package.json',
      'package-lock.json',
      'patches',
      ...manifest.workspaces.map((w) => `${w}/package.json`),
    ];
    expect(needed.filter((n) => !copied.includes(n))).toEqual([]);
    for (const n of needed) expect(existsSync(path.join(REPO_ROOT, n)), n).toBe(true);
  });

  it('copies the sources after the install, works in /app and puts the bins on PATH', () => {
    const after = dockerfile.slice(npmCi + 1);
    const copiesAll = (args: string) => {
      const { sources, destination } = copyPaths(args);
      return sources.length === 1 && sources[0] === '.' && /^\.\/?$/.test(destination);
    };
    expect(after.some((i) => i.keyword === 'COPY' && copiesAll(i.args))).toBe(true);
    expect(dockerfile.find((i) => i.keyword === 'WORKDIR')?.args).toBe('/app');
    expect(dockerfile.find((i) => i.keyword === 'ENV' && i.args.startsWith('PATH'))?.args).toContain(
      '/app/node_modules/.bin',
    );
  });

  it('runs as the unprivileged node user', () => {
    expect(dockerfile.filter((i) => i.keyword === 'USER').at(-1)?.args).toBe('node');
  });

  it("keeps the host's node_modules and local data out of the build context (.dockerignore)", () => {
    const ignored = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', 'data/', '.git/']));
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

describe('docker compose config (only where the compose plugin is installed)', () => {
  const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  const available = probe.status === 0;
  if (!available) {
    console.warn(
      `\n!!!! SKIPPING \`docker compose config -q\`: ${probe.error ? 'no docker CLI' : 'the docker CLI has no compose plugin'} here. The checks above do not need it; it is an extra where it exists.\n`,
    );
  }
  it.skipIf(!available)('validates the file', () => {
    execFileSync('docker', ['compose', '-f', COMPOSE_PATH, 'config', '-q'], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    });
  });
});
