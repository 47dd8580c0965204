/**
 * `npm start`: runs Inlet's pipeline on this machine, no Docker. Each built part runs as a child
 * process with its output prefixed; parts that later issues build say "not yet". Ctrl-C (or
 * SIGTERM) stops every part gracefully; a second signal kills them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brokersFromEnv } from '../kafka/env';
import { PARTS, type PartContext } from './parts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function context(argv: string[]): PartContext {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string', default: './data' },
      port: { type: 'string', default: '8787' },
      'write-key': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`--port: expected a port from 1 to 65535, got "${values.port}"`);
  }
  return {
    brokers: brokersFromEnv(process.env)?.join(','),
    dataDir: path.resolve(values['data-dir']),
    writeKey: values['write-key'] ?? `dev-${randomBytes(12).toString('hex')}`,
    gatewayPort: port,
  };
}

function prefixed(child: ChildProcess, name: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${name}] ${line}\n`));
  }
}

function main(): void {
  let ctx: PartContext;
  try {
    ctx = context(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  const sink = ctx.brokers ? `Kafka at ${ctx.brokers}` : `local durable logs under ${ctx.dataDir}`;
  console.log(`Inlet — sink: ${sink}${ctx.brokers ? '' : ' (set KAFKA_BROKERS to use Kafka)'}`);
  console.log(`  gateway: http://127.0.0.1:${ctx.gatewayPort}  write key: ${ctx.writeKey}`);
  const children = new Map<string, ChildProcess>();
  for (const part of PARTS) {
    if (!part.bin) {
      console.log(`  ${part.name.padEnd(11)} not yet — ${part.what}`);
      continue;
    }
    const child = spawn(process.execPath, [path.join(root, part.bin), ...part.args(ctx)], {
      cwd: root,
      env: { ...process.env, ...part.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    console.log(`  ${part.name.padEnd(11)} running (pid ${child.pid}) — ${part.what}`);
    prefixed(child, part.name);
    children.set(part.name, child);
    child.on('exit', (code, signal) => {
      children.delete(part.name);
      console.log(`[${part.name}] exited (${signal ?? code})`);
      // One part failing takes the pipeline down rather than leaving it half-running.
      if (!stopping && code !== 0) stop('SIGTERM', 1);
      if (children.size === 0) process.exit(process.exitCode ?? 0);
    });
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals, exitCode = 0): void => {
    if (stopping) signal = 'SIGKILL';
    stopping = true;
    process.exitCode = exitCode;
    for (const child of children.values()) child.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGTERM'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main();
