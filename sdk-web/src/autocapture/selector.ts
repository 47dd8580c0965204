/**
 * A CSS selector for `element`: up to `maxDepth` steps of `tag:nth-child(n)` joined by `>`,
 * stopping early at an ancestor with an id, or at `body`. Short and stable enough to group clicks by.
 */
export function cssSelector(element: Element, maxDepth = 5): string {
  const parts: string[] = [];
  for (let node: Element | null = element; node && parts.length < maxDepth; node = node.parentElement) {
    if (node.id) {
      parts.unshift(`#${CSS.escape(node.id)}`);
      break;
    }
    const tag = node.localName;
    const siblings = Array.from(node.parentElement?.children ?? []);
    parts.unshift(
      tag === 'body' || siblings.length < 2 ? tag : `${tag}:nth-child(${siblings.indexOf(node) + 1})`,
    );
    if (tag === 'body') break;
  }
  return parts.join(' > ');
}
