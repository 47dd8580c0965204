import { pageInfo } from '../context';
import { cssSelector } from './selector';

/** The `click` event's fields, as the schema's `ClickEvent` has them. */
export interface ClickData {
  /** Absent fields are undefined, which JSON leaves out. */
  readonly element: {
    readonly tag: string;
    readonly id: string | undefined;
    readonly classes: string[] | undefined;
    readonly text: string | undefined;
    readonly href: string | undefined;
    readonly selector: string;
  };
  readonly x: number;
  readonly y: number;
  readonly page: ReturnType<typeof pageInfo>;
}

/** Clicks inside an element carrying this attribute are not captured. */
export const IGNORE_ATTRIBUTE = 'data-inlet-ignore';

/** What a click landed on: the nearest interactive ancestor, else the element itself. */
export function describeClick(event: MouseEvent): ClickData | undefined {
  // Mouse events target elements, never text nodes.
  const { target } = event;
  if (!(target instanceof Element) || target.closest(`[${IGNORE_ATTRIBUTE}]`)) return undefined;
  const el = target.closest('a,button,[role=button],input,select,textarea,label,summary') ?? target;
  const classes = [...el.classList].slice(0, 10);
  return {
    element: {
      tag: el.localName,
      id: el.id || undefined,
      classes: classes[0] ? classes : undefined,
      // No text from form fields: a textarea's or a select's text is what the user typed or chose.
      text: el.matches('input,select,textarea')
        ? undefined
        : el.textContent?.replace(/\s+/g, ' ').trim().slice(0, 100) || undefined,
      href: el.closest('a')?.href || undefined,
      selector: cssSelector(el),
    },
    x: Math.round(event.pageX),
    y: Math.round(event.pageY),
    page: pageInfo(),
  };
}

/** Calls `onClick` for every click in the document (capture phase: stopPropagation cannot hide it). */
export function captureClicks(onClick: (click: ClickData) => void, signal: AbortSignal): void {
  const listener = (event: MouseEvent) => {
    const click = describeClick(event);
    if (click) onClick(click);
  };
  document.addEventListener('click', listener, { capture: true, signal });
}
