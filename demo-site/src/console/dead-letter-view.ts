/** Dead-letter reasons grouped by (reason, source), most frequent first. */
import { byId, el, formatAgo, formatCount, replace } from './dom';
import type { DeadLetterGroup } from './model/protocol';

export function renderDeadLetters(groups: readonly DeadLetterGroup[], now: number): void {
  const body =
    groups.length === 0
      ? el('p', { class: 'muted empty-note' }, 'Nothing dead-lettered yet.')
      : el(
          'table',
          { class: 'dl-table' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ...['reason', 'rejected by', 'count', 'last', 'example'].map((h) => el('th', {}, h)),
            ),
          ),
          el(
            'tbody',
            {},
            ...groups.map((g) =>
              el(
                'tr',
                {},
                el('td', {}, el('code', { class: 'reason' }, g.reason)),
                el('td', {}, g.source),
                el('td', { class: 'num' }, formatCount(g.count)),
                el('td', {}, formatAgo(now - g.lastAt)),
                el('td', { class: 'example' }, g.example),
              ),
            ),
          ),
        );
  replace(byId('dead-letters'), body);
}
