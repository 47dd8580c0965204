import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SCRIPT = path.join(import.meta.dirname, 'http-ready.mjs');

/** Runs the health check as compose would; resolves with its exit code and stderr. */
async function check(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await promisify(execFile)(process.execPath, [SCRIPT, ...args]);
    return { code: 0, stderr };
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, stderr };
  }
}

describe('http-ready.mjs (the Inlet image health check)', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(req.url === '/readyz' ? 200 : 503).end(req.url === '/readyz' ? 'ok' : 'sink not ready');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('exits 0 on a 2xx answer', async () => {
    expect(await check(`${base}/readyz`)).toEqual({ code: 0, stderr: '' });
  });

  it('exits 1 with the status and body on any other answer', async () => {
    expect(await check(`${base}/health`)).toEqual({
      code: 1,
      stderr: `${base}/health answered 503: sink not ready\n`,
    });
  });

  it('exits 1 saying so when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/readyz`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await check(url);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${url} did not answer`);
  });

  it('exits 2 with the usage when the URL is missing or malformed', async () => {
    for (const args of [[], ['not a url']]) {
      const result = await check(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^usage: node scripts\/src\/compose\/http-ready\.mjs <url>/);
    }
  });
});
