/**
 * Starts the parts as their dependencies become ready, reports readiness and unexpected exits, and
 * stops them tier by tier: writers (virtual users, storefront, OLTP workload) flush first, then the
 * gateway finishes its requests, then the collectors and processor commit.
 */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ManagedChild, spawnManaged, stopManaged } from './managed-child';
import { PartStartError } from './part-errors';
import { type Part, type PartContext, STOP_TIERS, type StopTier } from './parts';

/** How long each tier may take to stop before it is killed: at most 55 s for all parts. */
export const STOP_GRACE_MS: Readonly<Record<StopTier, number>> = {
  // The virtual users drain their queues for up to 15 s (--drain), then write their report.
  writers: 25_000,
  gateway: 15_000,
  readers: 15_000,
};
const READY_TIMEOUT_MS = 120_000;
const POLL_MS = 250;

export interface SupervisorOptions {
  readonly root: string;
  /** When `npm start` started: readiness is reported as seconds since then. */
  readonly started: number;
  readonly ctx: PartContext;
  readonly logsDir: string;
  /** Progress lines for the person at the terminal. */
  readonly say: (line: string) => void;
  /** Each part's output line, when they are streamed (`--verbose`). Default: not streamed. */
  readonly echo?: (part: string, line: string) => void;
  /** A part failed to start or exited while not asked to stop. */
  readonly onFailure: (error: PartStartError) => void;
}

async function answers200(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

const isReadyMarker = (line: string): boolean => {
  if (!line.startsWith('{')) return false;
  try {
    return (JSON.parse(line) as { ready?: unknown }).ready === true;
  } catch {
    return false;
  }
};

export class Supervisor {
  private readonly running = new Map<string, { part: Part; child: ManagedChild }>();
  private readonly ready = new Set<string>();
  private waiting: Part[] = [];
  private readonly started = new Set<string>();
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {}

  /** Launches every part whose dependencies are met; the others follow as those become ready. */
  start(parts: readonly Part[]): void {
    this.waiting = [...parts];
    this.launchDue();
  }

  /** Whether `name` was started in this run. */
  launched(name: string): boolean {
    return this.started.has(name);
  }

  /** Names of the parts that are ready. */
  readyParts(): ReadonlySet<string> {
    return this.ready;
  }

  /** Stops the running parts tier by tier; the parts not started yet never start. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.waiting = [];
    for (const tier of STOP_TIERS) {
      const members = [...this.running.values()].filter(({ part }) => part.stopTier === tier);
      if (members.length === 0) continue;
      this.options.say(`  stopping ${members.map(({ part }) => part.name).join(', ')}…`);
      const results = await Promise.all(members.map(({ child }) => stopManaged(child, STOP_GRACE_MS[tier])));
      results.forEach((result, i) => {
        const name = members[i]?.part.name;
        if (result === 'killed')
          this.options.say(`  ${name} did not stop within ${STOP_GRACE_MS[tier] / 1_000} s: killed`);
      });
    }
  }

  /** Kills every part at once (a second Ctrl-C). */
  force(): void {
    this.stopping = true;
    this.waiting = [];
    for (const { child } of this.running.values()) child.signal('SIGKILL');
  }

  private launchDue(): void {
    if (this.stopping) return;
    const due = this.waiting.filter((part) => (part.after ?? []).every((name) => this.ready.has(name)));
    this.waiting = this.waiting.filter((part) => !due.includes(part));
    for (const part of due) this.launch(part);
  }

  private launch(part: Part): void {
    const { ctx, root, logsDir } = this.options;
    let marked = false;
    const child = spawnManaged({
      name: part.name,
      args: [path.join(root, part.bin), ...part.args(ctx)],
      cwd: root,
      ...(part.env ? { env: part.env } : {}),
      logFile: path.join(logsDir, `${part.name}.log`),
      onLine: (line, stream) => {
        this.options.echo?.(part.name, line);
        if (part.ready.kind === 'marker' && stream === 'stdout' && !marked && isReadyMarker(line)) {
          marked = true;
          this.markReady(part);
        }
      },
    });
    this.running.set(part.name, { part, child });
    this.started.add(part.name);
    void child.exited.then(({ code, signal }) => {
      this.running.delete(part.name);
      if (this.stopping) return;
      this.options.onFailure(
        new PartStartError(
          part.name,
          `exited unexpectedly (${signal ?? `exit code ${code}`})`,
          child.lastLines(),
          child.logFile,
        ),
      );
    });
    if (part.ready.kind === 'started') this.markReady(part);
    if (part.ready.kind === 'http') void this.pollReady(part, child, part.ready.url(ctx));
  }

  private async pollReady(part: Part, child: ManagedChild, url: string): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (child.running() && !this.stopping) {
      if (await answers200(url)) {
        this.markReady(part);
        return;
      }
      if (Date.now() > deadline) {
        this.options.onFailure(
          new PartStartError(
            part.name,
            `not ready after ${READY_TIMEOUT_MS / 1_000} s (${url} never answered 200)`,
            child.lastLines(),
            child.logFile,
          ),
        );
        return;
      }
      await sleep(POLL_MS);
    }
  }

  private markReady(part: Part): void {
    if (this.ready.has(part.name) || this.stopping) return;
    this.ready.add(part.name);
    const seconds = ((Date.now() - this.options.started) / 1_000).toFixed(1);
    const how = part.ready.kind === 'started' ? 'running' : 'ready';
    this.options.say(`  ✔ ${part.name.padEnd(12)} ${how} after ${seconds} s — ${part.what}`);
    this.launchDue();
  }
}
