import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres } from './embedded';
import { reachableRoot } from './reachable-install';

const root = path.resolve(import.meta.dirname, '../../..');
const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function walLevel(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ wal_level: string }>('SHOW wal_level')).rows[0]?.wal_level;
  } finally {
    await client.end();
  }
}

/** A data folder below one only its owner can enter, as a clone in /root (mode 0700) is. */
async function privateDataDir(): Promise<string> {
  const home = await mkdtemp(path.join(tmpdir(), 'inlet-home-'));
  made.push(home);
  await chmod(home, 0o700);
  const dataDir = path.join(home, 'clone', 'data', 'postgres');
  await mkdir(dataDir, { recursive: true });
  return dataDir;
}

// Only root runs the server as another user (`postgres`); any other user runs it as itself.
describe.skipIf(userInfo().uid !== 0)(
  'embedded PostgreSQL as root, from a folder the postgres user cannot enter',
  () => {
    it('keeps its data where that user can reach it (keyed by the folder) and starts', {
      timeout: 60_000,
    }, async () => {
      const dataDir = await privateDataDir();
      const server = await startPostgres({ dataDir });
      made.push(server.dataDir);
      try {
        expect(server.dataDir.startsWith(reachableRoot(root))).toBe(true);
        expect(await walLevel(server.url)).toBe('logical');
      } finally {
        await server.stop();
      }
      // Started again for the same folder, it finds the same cluster.
      const again = await startPostgres({ dataDir });
      try {
        expect(again.dataDir).toBe(server.dataDir);
        expect(existsSync(path.join(again.dataDir, 'PG_VERSION'))).toBe(true);
      } finally {
        await again.stop();
      }
    });

    it('keeps a reachable data folder where it is, also once initialised (then mode 0700, owned by postgres)', {
      timeout: 60_000,
    }, async () => {
      const base = await mkdtemp(path.join(tmpdir(), 'inlet-open-'));
      made.push(base);
      await chmod(base, 0o755);
      const dataDir = path.join(base, 'postgres');
      for (let start = 0; start < 2; start++) {
        const server = await startPostgres({ dataDir });
        try {
          expect(server.dataDir).toBe(dataDir);
          expect(await walLevel(server.url)).toBe('logical');
        } finally {
          await server.stop();
        }
      }
    });

    it('runs its binaries from a copy that user can reach when asked to (as for a clone under /root)', {
      timeout: 90_000,
    }, async () => {
      const server = await startPostgres({ dataDir: await privateDataDir(), relocate: 'always' });
      made.push(server.dataDir);
      try {
        expect(await walLevel(server.url)).toBe('logical');
        const copies = (await readdir(reachableRoot(root))).filter((name) =>
          existsSync(path.join(reachableRoot(root), name, 'complete')),
        );
        expect(copies.some((name) => name.startsWith('embedded-postgres-'))).toBe(true);
      } finally {
        await server.stop();
      }
    });
  },
);
