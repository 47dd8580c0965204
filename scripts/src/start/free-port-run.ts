/** `npm start` takes its health ports right after `--stand-in-port`: tests and benches need such a run free. */
import { createServer } from 'node:net';

const free = (port: number, host: string) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });

/**
 * Picked below Linux's ephemeral range (32768-60999): a port the kernel hands out for outgoing
 * connections can be taken by any client on the machine between our check and the part's bind.
 */
const LOW = 20_000;
const HIGH = 32_000;

/** `count` consecutive ports free on `host` right now, at a random place in 20000-31999. */
export async function freePortRun(count: number, host = '127.0.0.1'): Promise<number[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const first = LOW + Math.floor(Math.random() * (HIGH - LOW - count));
    const run = Array.from({ length: count }, (_, i) => first + i);
    if ((await Promise.all(run.map((port) => free(port, host)))).every(Boolean)) return run;
  }
  throw new Error(`no ${count} consecutive free ports on ${host} between ${LOW} and ${HIGH}`);
}
