/**
 * docker-compose.yml runs what `npm start` runs: for every part of `npm start` whose bin exists,
 * a service of the same name runs the same bin and subcommand, sets every flag the part passes
 * (on the command line or through the variable its help pairs with the flag), with the same value
 * where `npm start`'s value does not depend on the machine, and the same extra environment.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PARTS, type PartContext } from '../start/parts';
import { type InletService, loadRepoCompose, REPO_ROOT, type RepoCompose } from './repo-compose';
import { effectiveFlags, parseCommand } from './service-args';

/** Flags `npm start` passes that the compose file gives another way, and why. */
const GIVEN_OTHERWISE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  gateway: { '--write-key': 'the key comes with its CORS origins from the inline config file (configs:)' },
  'demo-site': {
    '--external-health-url':
      "the external collector's health server listens on 127.0.0.1 only (no --health-host yet)",
    '--processor-health-url':
      "the processor's health server listens on 127.0.0.1 only (no --health-host yet)",
  },
};

/** Two machines' worth of `npm start` settings: what differs between them is not compared by value. */
const contexts = [1, 2].map(
  (n): PartContext => ({
    brokers: `kafka-${n}:909${n}`,
    dataDir: `/data-${n}`,
    writeKey: `write-key-${n}`,
    gatewayPort: 8780 + n,
    demoPort: 3000 + n,
    standInPort: 4600 + n,
    healthPorts: { cdc: 9460 + n, external: 9470 + n, processor: 9480 + n },
    pgUrl: `postgres://u:p@pg-${n}:5432/db`,
    exists: (repoPath) => existsSync(path.join(REPO_ROOT, repoPath)),
  }),
);

let repo: RepoCompose;
beforeAll(async () => {
  repo = await loadRepoCompose();
}, 120_000);

const built = PARTS.filter((part) => existsSync(path.join(REPO_ROOT, part.builtWhen ?? part.bin)));

describe('docker-compose.yml runs what npm start runs', () => {
  it('has a service for every npm start part that is built, running the same bin and subcommand', () => {
    expect(built.length).toBeGreaterThanOrEqual(6);
    for (const part of built) {
      const service = repo.inlet.find((s) => s.name === part.name);
      expect(service, `a compose service named ${part.name}`).toBeDefined();
      const [first, second] = contexts.map((ctx) => parseCommand(['bin', ...part.args(ctx)]));
      expect(service?.launcher, `${part.name} bin`).toBe(part.bin);
      expect(service?.command.subcommand, `${part.name} subcommand`).toEqual(first?.subcommand);
      expect(second?.subcommand).toEqual(first?.subcommand);
    }
  });

  it('sets every flag a part is given, with the same value where it is not machine-specific', () => {
    for (const part of built) {
      const service = repo.inlet.find((s): s is InletService => s.name === part.name);
      if (!service?.help) continue; // reported by compose-services.test.ts
      const flags = effectiveFlags(service.command, service.env, service.help);
      const [first, second] = contexts.map((ctx) => parseCommand(['bin', ...part.args(ctx)]).flags);
      const otherwise = GIVEN_OTHERWISE[part.name] ?? {};
      for (const [flag, values] of first ?? []) {
        if (flag in otherwise) continue;
        expect(flags.has(flag), `${part.name} sets ${flag} (npm start passes it)`).toBe(true);
        const constant = JSON.stringify(values) === JSON.stringify(second?.get(flag));
        if (constant) expect(flags.get(flag), `${part.name} ${flag}`).toEqual(values);
      }
    }
  });

  it('sets the environment npm start gives a part, with the same values', () => {
    for (const part of built) {
      const service = repo.inlet.find((s) => s.name === part.name);
      for (const [name, value] of Object.entries(part.env ?? {})) {
        expect(service?.env[name], `${part.name} ${name}`).toBe(value);
      }
    }
  });
});
