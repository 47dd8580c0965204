/**
 * A tiny element builder. Text always goes in through `textContent`, never `innerHTML`: records come
 * from outside and are rendered as text, whatever they contain.
 */
type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`the console page has no #${id}`);
  return node as T;
}

/** Replaces an element's children. */
export const replace = (parent: Element, ...children: Child[]): void => {
  parent.replaceChildren(
    ...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false),
  );
};

export const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US');

export function formatRate(perSecond: number): string {
  if (perSecond === 0) return '0/s';
  if (perSecond < 1) return `${(perSecond * 60).toFixed(1)}/min`;
  return `${perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond)}/s`;
}

export const formatTime = (ms: number): string => new Date(ms).toISOString().slice(11, 23);

export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  return min < 60
    ? `${min} min ${Math.round((ms % 60_000) / 1000)} s`
    : `${Math.floor(min / 60)} h ${min % 60} min`;
}

export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${Math.floor(s / 3600)} h ago`;
}

/** Short display name of a topic: `topic_app_events` → `app events`. */
export const topicLabel = (topic: string): string => topic.replace(/^topic_/, '').replaceAll('_', ' ');
