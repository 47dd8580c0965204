/**
 * `npm start`: runs Inlet's pipeline on this machine, no Docker. Each built part runs as a child
 * process with its output prefixed; parts that later issues build say "not yet". Ctrl-C (or
 * SIGTERM) stops every part gracefully; a second signal kills them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config-error';
import { brokersFromEnv } from '../kafka/env';
import { parsePortFlag } from '../net/port-flag';
import { pgUrlFromEnv } from '../postgres/check';
import { PARTS, type Part, type PartContext } from './parts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** `node --import` this into every child: each stops when npm start dies without stopping it. */
const EXIT_WITH_PARENT = ['--import', path.join(root, 'scripts/src/start/exit-with-parent.mjs')];

type Options = Omit<PartContext, 'pgUrl'>;

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string', default: './data' },
      port: { type: 'string', default: '8787' },
      'stand-in-port': { type: 'string', default: '4600' },
      'write-key': { type: 'string' },
    },
  });
  const port = parsePortFlag('port', values.port);
  const standInPort = parsePortFlag('stand-in-port', values['stand-in-port']);
  if (standInPort === port) {
    throw new ConfigError(`--stand-in-port ${port} is the gateway's port (--port): give each its own.`);
  }
  return {
    brokers: brokersFromEnv(process.env)?.join(','),
    dataDir: path.resolve(values['data-dir']),
    writeKey: values['write-key'] ?? `dev-${randomBytes(12).toString('hex')}`,
    gatewayPort: port,
    standInPort,
  };
}

function prefixed(child: ChildProcess, name: string, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      process.stdout.write(`[${name}] ${line}\n`);
      onLine(line);
    });
  }
}

/** `PG_URL`, or an embedded PostgreSQL in a child process of its own group (stopped last). */
async function postgres(dataDir: string): Promise<{ url: string; server?: ChildProcess }> {
  const url = pgUrlFromEnv(process.env);
  if (url) return { url };
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const server = spawn(
    process.execPath,
    [
      ...EXIT_WITH_PARENT,
      '--import',
      'tsx',
      path.join(root, 'scripts/src/start/postgres-child.ts'),
      path.join(dataDir, 'postgres'),
    ],
    {
      cwd: root,
      detached: true, // Ctrl-C reaches the parts first; PostgreSQL stops after them.
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: server.stdout as NodeJS.ReadableStream });
  const found = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => line.startsWith('PG_URL=') && resolve(line.slice('PG_URL='.length)));
    server.on('exit', (code) => reject(new Error(`embedded PostgreSQL did not start (exit ${code})`)));
  });
  return { url: found, server };
}

async function main(): Promise<void> {
  let opts: Options;
  try {
    opts = options(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  const pg = await postgres(opts.dataDir);
  const ctx: PartContext = { ...opts, pgUrl: pg.url };
  const sink = ctx.brokers ? `Kafka at ${ctx.brokers}` : `local durable logs under ${ctx.dataDir}`;
  console.log(`Inlet — sink: ${sink}${ctx.brokers ? '' : ' (set KAFKA_BROKERS to use Kafka)'}`);
  console.log(`  gateway: http://127.0.0.1:${ctx.gatewayPort}  write key: ${ctx.writeKey}`);
  console.log(`  postgres: ${pg.server ? 'embedded, ' : ''}${ctx.pgUrl.replace(/:[^:@/]*@/, ':***@')}`);

  const children = new Map<string, ChildProcess>();
  const waiting = new Map<string, Part[]>();
  let stopping = false;
  const finish = async (): Promise<void> => {
    if (pg.server && pg.server.exitCode === null) {
      const gone = new Promise((resolve) => pg.server?.once('exit', resolve));
      pg.server.kill('SIGTERM');
      await gone;
    }
    process.exit(process.exitCode ?? 0);
  };
  const stop = (signal: NodeJS.Signals, exitCode = 0): void => {
    if (stopping) signal = 'SIGKILL';
    stopping = true;
    if (exitCode) process.exitCode = exitCode;
    waiting.clear();
    if (children.size === 0) void finish();
    for (const child of children.values()) child.kill(signal);
  };
  const launch = (part: Part & { bin: string }): void => {
    const child = spawn(
      process.execPath,
      [...EXIT_WITH_PARENT, path.join(root, part.bin), ...part.args(ctx)],
      {
        cwd: root,
        env: { ...process.env, ...part.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    console.log(`  ${part.name.padEnd(12)} running (pid ${child.pid}) — ${part.what}`);
    children.set(part.name, child);
    prefixed(child, part.name, (line) => {
      for (const next of waiting.get(part.name) ?? []) {
        if (!next.startAfter?.line.test(line) || stopping) continue;
        waiting.set(
          part.name,
          (waiting.get(part.name) ?? []).filter((p) => p !== next),
        );
        if (next.bin) launch({ ...next, bin: next.bin });
      }
    });
    child.on('exit', (code, signal) => {
      children.delete(part.name);
      console.log(`[${part.name}] exited (${signal ?? code})`);
      // One part failing takes the pipeline down rather than leaving it half-running.
      if (!stopping && code !== 0) stop('SIGTERM', 1);
      if (children.size === 0) void finish();
    });
  };
  for (const part of PARTS) {
    if (!part.bin) console.log(`  ${part.name.padEnd(12)} not yet — ${part.what}`);
    else if (part.startAfter) {
      console.log(`  ${part.name.padEnd(12)} starts after ${part.startAfter.part} — ${part.what}`);
      waiting.set(part.startAfter.part, [...(waiting.get(part.startAfter.part) ?? []), part]);
    } else launch({ ...part, bin: part.bin });
  }
  process.on('SIGINT', () => stop('SIGTERM'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

await main();
