/**
 * HTML escaping for text put into markup or a quoted attribute value. Runtime-free (no DOM): the
 * storefront's browser code, its server and the gateway's docs page share it via
 * `@inlet/schemas/escape-html`.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes the five characters that can end text or an attribute value and start markup. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
