/**
 * docker-compose.yml runs what `npm start` runs: for every part of `npm start` whose bin exists,
 * a service of the same name runs the same bin and subcommand, sets every flag the part passes
 * (on the command line or through the variable its help pairs with the flag) and the same extra
 * environment. Values are the file's own: addresses differ, and a rate may be tuned in one place.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PARTS, type PartContext } from '../start/parts';
import { type InletService, loadRepoCompose, REPO_ROOT, type RepoCompose } from './repo-compose';
import { effectiveFlags, PORT_FLAGS, parseCommand } from './service-args';

/** Flags `npm start` passes that the compose file gives another way, and why. */
const GIVEN_OTHERWISE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  gateway: { '--write-key': 'the key comes with its CORS origins from the inline config file (configs:)' },
};

/** Two machines' worth of `npm start` settings (the subcommand must not depend on them). */
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
  }),
);

let repo: RepoCompose;
beforeAll(async () => {
  repo = await loadRepoCompose();
}, 120_000);

const built = PARTS.filter((part) => existsSync(path.join(REPO_ROOT, part.bin)));

/**
 * For a URL npm start gives one part to reach another (`--cdc-health-url http://127.0.0.1:<port>`):
 * why another container cannot reach that part, when its bin has no flag to listen beyond
 * loopback. Such a URL may be left out of the compose file; once the bin has the flag, it may not.
 */
function loopbackOnlyTarget(value: string): string | undefined {
  if (!/^https?:\/\/127\.0\.0\.1:\d+/.test(value)) return undefined;
  const port = new URL(value).port;
  const [ctx] = contexts;
  for (const part of built) {
    const flags = ctx ? parseCommand(['bin', ...part.args(ctx)]).flags : new Map<string, string[]>();
    const portFlag = Object.keys(PORT_FLAGS).find((f) => flags.get(f)?.at(-1) === port);
    if (portFlag === undefined) continue;
    const hostFlag = PORT_FLAGS[portFlag] ?? '';
    const help = repo.inlet.find((s) => s.name === part.name)?.help;
    return help && !help.flags.has(hostFlag) ? `${part.name} has no ${hostFlag}` : undefined;
  }
  return undefined;
}

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

  it("sets every flag a part is given (values may differ: ports, addresses, rates are the file's own)", () => {
    for (const part of built) {
      const service = repo.inlet.find((s): s is InletService => s.name === part.name);
      if (!service?.help) continue; // reported by compose-services.test.ts
      const flags = effectiveFlags(service.command, service.env, service.help);
      const [ctx] = contexts;
      const first = ctx ? parseCommand(['bin', ...part.args(ctx)]).flags : undefined;
      const otherwise = GIVEN_OTHERWISE[part.name] ?? {};
      for (const [flag, values] of first ?? []) {
        if (flag in otherwise) continue;
        if (!flags.has(flag) && loopbackOnlyTarget(values[0] ?? '') !== undefined) continue;
        expect(flags.has(flag), `${part.name} sets ${flag} (npm start passes it)`).toBe(true);
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
