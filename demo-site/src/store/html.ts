/**
 * A tagged template for the pages' markup: interpolated values are escaped unless they are
 * already `Html` (a nested template), so catalogue text or a search query can never become markup.
 */
import { escapeHtml } from '@inlet/schemas/escape-html';

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

const render = (value: Value): string => {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
};

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Replaces the children of `el` with `content`. */
export function mount(el: Element, content: Html): void {
  el.innerHTML = content.value;
}
