/**
 * One entity's request chain in a run: the URL from its template, the incremental window, auth, an
 * ETag for single-page sources, then page after page until the API says there is no more.
 */
import type { Logger } from 'pino';
import type { SourceConfig } from './config';
import { getJson, type HttpDeps } from './http-client';
import { getPath, itemsOf, renderTemplate } from './mapping';
import type { Interval } from './schedule';
import type { RunKind, SourceState } from './state';

export interface FetchedItem {
  readonly item: unknown;
  readonly body: unknown;
}

export interface EntityFetch {
  readonly items: readonly FetchedItem[];
  /** Bodies whose records could not be found (`records.path` missing: drift in the envelope). */
  readonly bodyIssues: readonly { readonly body: unknown; readonly message: string }[];
  readonly etag?: string;
  readonly requests: number;
  readonly attempts: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The URL with the auth query parameter masked, for logs, errors and run history. */
export function redactUrl(url: URL, source: SourceConfig): string {
  if (source.auth?.in !== 'query' || !url.searchParams.has(source.auth.name)) return url.href;
  const safe = new URL(url);
  safe.searchParams.set(source.auth.name, '***');
  return safe.href.replace('%2A%2A%2A', '***');
}

function firstUrl(
  source: SourceConfig,
  entity: string,
  interval: Interval,
  kind: RunKind,
  state: SourceState,
): URL {
  const vars = { entity, start: iso(interval.start), end: iso(interval.end) };
  const url = new URL(renderTemplate(source.url, vars, {}, encodeURIComponent));
  const inc = source.incremental;
  if (inc) {
    // A backfill re-reads its interval whatever the cursor says; the cursor only moves forward.
    const cursor = kind === 'backfill' ? undefined : state.cursors[entity];
    const since = cursor ?? iso(inc.sinceInclusive ? interval.start : interval.start - 1);
    url.searchParams.set(inc.sinceParam, since);
    if (inc.untilParam) url.searchParams.set(inc.untilParam, iso(interval.end));
  }
  if (source.auth?.in === 'query')
    url.searchParams.set(source.auth.name, `${source.auth.prefix}${source.secret ?? ''}`);
  return url;
}

export async function fetchEntity(
  source: SourceConfig,
  entity: string,
  interval: Interval,
  kind: RunKind,
  state: SourceState,
  http: HttpDeps,
  log: Logger,
  signal: AbortSignal,
): Promise<EntityFetch> {
  const base = firstUrl(source, entity, interval, kind, state);
  const headers: Record<string, string> = { accept: 'application/json', ...source.headers };
  if (source.auth?.in === 'header') headers[source.auth.name] = `${source.auth.prefix}${source.secret ?? ''}`;
  const p = source.pagination;
  const conditional = source.conditional && p.style === 'none' && !source.incremental;
  const lastEtag = conditional ? state.etags[entity] : undefined;
  const items: FetchedItem[] = [];
  const bodyIssues: { body: unknown; message: string }[] = [];
  let requests = 0;
  let attempts = 0;
  let etag: string | undefined;
  let page = 1;
  let cursor: string | undefined;
  const maxPages = p.style === 'none' ? 1 : p.maxPages;
  for (let n = 0; n < maxPages; n++) {
    const url = new URL(base);
    if (p.style === 'page') {
      url.searchParams.set(p.pageParam, String(page));
      if (p.sizeParam && p.size) url.searchParams.set(p.sizeParam, String(p.size));
    }
    if (p.style === 'cursor' && cursor !== undefined) url.searchParams.set(p.cursorParam, cursor);
    const res = await getJson(
      {
        url: url.href,
        safeUrl: redactUrl(url, source),
        headers: n === 0 && lastEtag ? { ...headers, 'if-none-match': lastEtag } : headers,
        timeoutMs: source.timeout,
        retry: source.retry,
        signal,
      },
      http,
    );
    requests++;
    attempts += res.attempts;
    if (res.status === 'not-modified')
      return { items, bodyIssues, requests, attempts, ...(lastEtag ? { etag: lastEtag } : {}) };
    if (conditional) etag = res.etag;
    const found = itemsOf(res.body, source.records);
    if (typeof found === 'string') {
      bodyIssues.push({ body: res.body, message: found });
      break;
    }
    for (const item of found) items.push({ item, body: res.body });
    if (p.style === 'none') break;
    if (p.style === 'page') {
      const next = p.nextField
        ? getPath(res.body, p.nextField)
        : found.length >= (p.size ?? 1)
          ? page + 1
          : null;
      if (next === null || next === undefined || next === false) break;
      page = typeof next === 'number' ? next : page + 1;
    } else {
      const next = getPath(res.body, p.nextField);
      if (next === null || next === undefined || next === '') break;
      cursor = String(next);
    }
    if (n === maxPages - 1) {
      log.warn(
        { source: source.name, entity, maxPages },
        'stopped paging at pagination.maxPages; the rest waits for the next run',
      );
    }
  }
  return { items, bodyIssues, requests, attempts, ...(etag ? { etag } : {}) };
}
