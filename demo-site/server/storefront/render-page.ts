/**
 * The storefront's index.html as served: the build leaves three placeholders in it (the write
 * key, the gateway endpoint and `<!--inlet:snippet-->`), filled here per server, because both
 * values are runtime configuration of `npm start`, not of the build.
 */
import { escapeHtml } from '@inlet/schemas/escape-html';

export const PLACEHOLDERS = {
  writeKey: '__INLET_WRITE_KEY__',
  endpoint: '__INLET_ENDPOINT__',
  snippet: '<!--inlet:snippet-->',
} as const;

export interface PageValues {
  readonly writeKey: string;
  readonly endpoint: string;
  /** The snippet's JavaScript (sdk-web `dist/snippet.min.js`). */
  readonly snippet: string;
}

/** Fills the placeholders; throws when the built page lacks one (a stale or foreign index.html). */
export function renderPage(template: string, values: PageValues): string {
  for (const placeholder of Object.values(PLACEHOLDERS)) {
    if (!template.includes(placeholder)) {
      throw new Error(
        `the built storefront page has no ${placeholder}; rebuild it (npm run build -w @inlet/demo-site)`,
      );
    }
  }
  // `</script` cannot occur in the minified snippet, but a script element must never be closable from inside.
  const snippet = values.snippet.replace(/<\/script/gi, '<\\/script');
  // Functions as replacements, so `$&` in a value is not a replacement pattern.
  return template
    .replaceAll(PLACEHOLDERS.writeKey, () => escapeHtml(values.writeKey))
    .replaceAll(PLACEHOLDERS.endpoint, () => escapeHtml(values.endpoint))
    .replace(PLACEHOLDERS.snippet, () => `<script>${snippet}</script>`);
}
