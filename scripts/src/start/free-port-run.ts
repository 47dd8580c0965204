/** `npm start` takes its health ports right after `--stand-in-port`: tests and benches need such a run free. */
import { createServer } from 'node:net';
import { freePorts } from '../net/free-port';

const free = (port: number, host: string) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });

/** `count` consecutive ports free on `host` right now, starting at a kernel-picked free port. */
export async function freePortRun(count: number, host = '127.0.0.1'): Promise<number[]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const [first = 0] = await freePorts(1, host);
    if (first + count - 1 > 65_535) continue;
    const run = Array.from({ length: count }, (_, i) => first + i);
    if ((await Promise.all(run.slice(1).map((port) => free(port, host)))).every(Boolean)) return run;
  }
  throw new Error(`no ${count} consecutive free ports on ${host}`);
}
