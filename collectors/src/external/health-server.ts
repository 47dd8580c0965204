/**
 * `inlet-external start --health <port>`: GET /healthz (the scheduler runs), GET /runs (per source the
 * recent run history, newest first, and the next scheduled run: what Airflow's grid view shows) and
 * GET /metrics (Prometheus, from the same history at scrape time).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gauge, Registry } from 'prom-client';
import type { SourceConfig } from './config';
import { RUN_STATUSES, type RunRecord } from './state';

export type ScheduledSource = Pick<SourceConfig, 'name' | 'enabled' | 'schedule'>;

export interface RunsSource {
  readonly sources: readonly ScheduledSource[];
  /** The newest `limit` runs, newest last (as `StateStore.readRuns`). */
  readRuns(limit: number): Promise<RunRecord[]>;
}

export interface ExternalHealthOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Runs per source in /runs. Default 20. */
  readonly runsPerSource?: number;
  /** Runs read from the history for /runs and /metrics. Default 500. */
  readonly historyLimit?: number;
  /** Default Date.now. */
  readonly now?: () => number;
}

export interface SourceRuns {
  readonly name: string;
  readonly enabled: boolean;
  readonly schedule: string;
  /** When the next scheduled interval ends and runs, ISO 8601; absent for a disabled source. */
  readonly nextRunAt?: string;
  /** Newest first. */
  readonly runs: readonly RunRecord[];
}

export interface ExternalHealthServer {
  readonly port: number;
  readonly registry: Registry;
  close(): Promise<void>;
}

/** Per source, its recent runs (newest first) and its next run. */
export function runsBySource(
  sources: readonly ScheduledSource[],
  history: readonly RunRecord[],
  now: number,
  perSource = 20,
): SourceRuns[] {
  return sources.map((s) => ({
    name: s.name,
    enabled: s.enabled,
    schedule: s.schedule.describe,
    ...(s.enabled ? { nextRunAt: new Date(s.schedule.next(now)).toISOString() } : {}),
    runs: history
      .filter((r) => r.source === s.name)
      .slice(-perSource)
      .reverse(),
  }));
}

function metricsRegistry(read: () => Promise<SourceRuns[]>): Registry {
  const registry = new Registry();
  const registers = [registry];
  // Both computed from the run history when scraped, so they survive a restart like the history does.
  new Gauge({
    name: 'inlet_external_runs',
    help: 'Runs in the recent history, by source and status',
    labelNames: ['source', 'status'],
    registers,
    async collect() {
      this.reset();
      for (const s of await read()) {
        for (const status of RUN_STATUSES) {
          this.set({ source: s.name, status }, s.runs.filter((r) => r.status === status).length);
        }
      }
    },
  });
  new Gauge({
    name: 'inlet_external_last_run_records',
    help: 'Records stored by the latest run, by source',
    labelNames: ['source'],
    registers,
    async collect() {
      this.reset();
      for (const s of await read()) {
        const last = s.runs[0];
        if (last !== undefined) this.set({ source: s.name }, last.records);
      }
    },
  });
  return registry;
}

export async function startExternalHealthServer(
  source: RunsSource,
  port: number,
  options: ExternalHealthOptions = {},
): Promise<ExternalHealthServer> {
  const now = options.now ?? Date.now;
  const read = async () =>
    runsBySource(
      source.sources,
      await source.readRuns(options.historyLimit ?? 500),
      now(),
      options.runsPerSource ?? 20,
    );
  const registry = metricsRegistry(read);
  const send = (res: import('node:http').ServerResponse, status: number, type: string, body: string) =>
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    const failed = (error: unknown) =>
      send(res, 500, 'application/json', JSON.stringify({ ok: false, error: String(error) }));
    if (path === '/healthz' || path === '/') {
      send(res, 200, 'application/json', JSON.stringify({ ok: true, sources: source.sources.length }));
    } else if (path === '/runs') {
      read().then((sources) => send(res, 200, 'application/json', JSON.stringify({ sources })), failed);
    } else if (path === '/metrics') {
      registry.metrics().then((text) => send(res, 200, registry.contentType, text), failed);
    } else {
      send(res, 404, 'text/plain', 'GET /healthz, /runs or /metrics\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host ?? '127.0.0.1', () => resolve());
  });
  server.unref();
  return {
    port: (server.address() as AddressInfo).port,
    registry,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
