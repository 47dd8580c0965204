import type { AuditResult } from './reconcile';

const n = (x: number) => x.toLocaleString('en-US');
const pct = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(2)}%` : '–');

/** The audit as a terminal table: the ledger's events by outcome, then per topic. */
export function formatAudit(run: string, r: AuditResult, missingTopics: readonly string[]): string {
  const v = r.valid;
  const bad = r.invalid;
  const rows: [string, string][] = [
    ['run', run],
    [
      'ledger events',
      `${n(r.ledger.events)} (${n(r.ledger.valid)} valid, ${n(r.ledger.invalid)} invalid on purpose)`,
    ],
    ['records of this run read', n(r.recordsSeen)],
    ['delivered', `${n(v.delivered)} of ${n(r.ledger.valid)} (${pct(v.delivered, r.ledger.valid)})`],
    ['LOST', `${n(v.lost)}${v.lost ? `  e.g. ${r.lostSample.slice(0, 5).join(', ')}` : ''}`],
    ['duplicated', `${n(v.duplicated)} ids (${n(v.extraCopies)} extra copies)`],
    ['misrouted', n(v.misrouted)],
    ['valid but dead-lettered', n(v.deadLettered)],
    [
      'invalid, dead-lettered',
      `${n(bad.deadLettered)} of ${n(r.ledger.invalid)}${bad.deadLetterRepeats ? ` (${n(bad.deadLetterRepeats)} more than once)` : ''}`,
    ],
    ['invalid but accepted', n(bad.accepted)],
    ['invalid and LOST', n(bad.lost)],
    ['unexpected (not in ledger)', n(r.unexpected)],
  ];
  if (r.ledger.repeatedIds) rows.push(['ids repeated in ledger', n(r.ledger.repeatedIds)]);
  if (missingTopics.length) rows.push(['topics not found', missingTopics.join(', ')]);
  rows.push(['verdict', r.ok ? 'OK: nothing lost' : 'FAILED: events were lost']);
  const width = Math.max(...rows.map(([k]) => k.length));
  const topics = Object.entries(r.byTopic).map(
    ([topic, t]) =>
      `  ${topic.padEnd(24)} ${n(t.expected).padStart(10)} ${n(t.delivered).padStart(10)} ${n(t.lost).padStart(8)} ${n(t.duplicated).padStart(11)}`,
  );
  const header = `  ${'topic'.padEnd(24)} ${'expected'.padStart(10)} ${'delivered'.padStart(10)} ${'lost'.padStart(8)} ${'duplicated'.padStart(11)}`;
  return `${rows.map(([k, val]) => `${k.padEnd(width)}  ${val}`).join('\n')}\n\n${header}\n${topics.join('\n')}\n`;
}
