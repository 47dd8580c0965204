/** The pipeline console page: wires the state, the views and the SSE connection. */
import './console.css';
import { TimelineChart } from './charts';
import { type ConnectionState, ConsoleConnection } from './connection';
import { renderDeadLetters } from './dead-letter-view';
import { byId, formatAgo } from './dom';
import { EventListView } from './event-list-view';
import { renderHealth } from './health-view';
import { ConsoleState } from './model/console-state';
import { OverviewView } from './overview-view';

const state = new ConsoleState();
const list = new EventListView(state);
const overview = new OverviewView((topic) => list.pickTopic(topic));
let timeline: TimelineChart | undefined;
let connection: ConnectionState = 'connecting';
/** Our clock minus the server's, so "last updated" does not depend on both agreeing. */
let skew = 0;

const badge = byId('connection');
const updated = byId('updated');
const source = byId('source');

const BADGE_TEXT = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const;

function renderStatus(): void {
  badge.textContent = BADGE_TEXT[connection];
  badge.className = `badge badge-${connection}`;
  const at = state.updatedAt;
  updated.textContent =
    at === undefined ? 'no data yet' : `last updated ${formatAgo(Date.now() - skew - at)}`;
  const s = state.source;
  if (s !== undefined) {
    source.textContent = s.readable
      ? `reading ${s.describe}`
      : `cannot read ${s.describe}${s.lastError ? `: ${s.lastError}` : ''}`;
    source.classList.toggle('warn', !s.readable);
  }
}

function renderAll(): void {
  const now = state.updatedAt ?? Date.now();
  overview.build(state.topics);
  if (timeline === undefined && state.topics.length > 0)
    timeline = new TimelineChart(byId('timeline'), state.topics);
  overview.render(state);
  timeline?.update(state.perMinute, now);
  renderHealth(state.health, now);
  renderDeadLetters(state.deadLetters, now);
  list.render();
  renderStatus();
  document.body.dataset.ready = 'true';
}

const conn = new ConsoleConnection('/api/console/stream', {
  snapshot(s) {
    skew = Date.now() - s.now;
    state.applySnapshot(s);
    renderAll();
    // A snapshot replaces the list even while paused: the page restarted its view.
    list.render(true);
  },
  tick(t) {
    skew = Date.now() - t.now;
    state.applyTick(t);
    renderAll();
  },
  state(s) {
    connection = s;
    renderStatus();
  },
});

byId('reconnect').addEventListener('click', () => conn.connect());
window.addEventListener('resize', () => {
  overview.resize();
  timeline?.resize();
});
setInterval(renderStatus, 1_000);
conn.connect();
