import { describe, expect, it } from 'vitest';
import { runExternalApiCli } from './cli';
import { startExternalApi } from './server';

describe('startExternalApi (real HTTP on 127.0.0.1)', () => {
  it('serves, hangs on the hang fault until the client gives up, and close() ends hung requests', async () => {
    const server = await startExternalApi({ faults: { maps: { hang: true } } });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const ok = await fetch(`${server.url}/weather/v1/current?city=paris&appid=inlet-dev-key`);
      expect(ok.status).toBe(200);
      const timedOut = fetch(`${server.url}/maps/v1/incidents?area=paris&key=inlet-dev-key`, {
        signal: AbortSignal.timeout(200),
      });
      await expect(timedOut).rejects.toThrow(/timeout|aborted/i);
      // A request still hanging when the server closes does not keep close() waiting.
      const hanging = fetch(`${server.url}/maps/v1/incidents?area=paris&key=inlet-dev-key`).catch(
        (e: unknown) => e,
      );
      await new Promise((r) => setTimeout(r, 50));
      await server.close();
      expect(await hanging).toBeDefined();
    } finally {
      await server.close();
    }
  });
});

describe('runExternalApiCli', () => {
  it('serves until its signal aborts, and rejects bad flags with the usage', async () => {
    const out: string[] = [];
    const controller = new AbortController();
    const running = runExternalApiCli(
      ['--port', '0', '--fault', 'maps=drift', '--clock', '2026-03-01T00:00:00Z'],
      {
        stdout: { write: (t: string) => out.push(t) },
        signal: controller.signal,
      },
    );
    while (out.length === 0) await new Promise((r) => setTimeout(r, 10));
    const url = /listening on (\S+)/.exec(out.join(''))?.[1];
    const clock = await (await fetch(`${url}/admin/clock`)).json();
    expect(clock).toEqual({ now: '2026-03-01T00:00:00.000Z', manual: true });
    expect(out.join('')).toMatch(/faults: maps/);
    controller.abort();
    expect(await running).toBe(0);

    const err: string[] = [];
    const io = { stderr: { write: (t: string) => err.push(t) } };
    expect(await runExternalApiCli(['--port', 'eighty'], io)).toBe(2);
    expect(await runExternalApiCli(['--fault', 'weather=status:404'], io)).toBe(2);
    expect(await runExternalApiCli(['--clock', 'noon'], io)).toBe(2);
    expect(err.join('')).toMatch(/--port: expected an integer/);
    expect(err.join('')).toMatch(/--clock: expected an ISO 8601/);
  });
});
