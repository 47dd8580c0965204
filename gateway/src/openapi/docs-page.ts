/**
 * `GET /docs`: the OpenAPI document rendered on the server as one self-contained HTML page — no
 * script, no CDN, so it works offline and under a strict Content-Security-Policy.
 */
import { escapeHtml } from '@inlet/schemas/escape-html';
import type { OpenApiDocument } from './openapi';
import type { Operation } from './operations';

/** Inline `code` spans, after escaping. */
const prose = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

const schemaName = (schema: unknown) => {
  const target = (schema as { $ref?: unknown } | undefined)?.$ref;
  return typeof target === 'string' ? target.split('/').at(-1) : undefined;
};

function operationHtml(method: string, path: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<li><code>${escapeHtml(String(p.name))}</code> (${escapeHtml(String(p.in))}${p.required ? ', required' : ''})${typeof p.description === 'string' ? ` — ${prose(p.description)}` : ''}</li>`,
    )
    .join('');
  const body = op.requestBody
    ? Object.entries(op.requestBody.content)
        .map(([type, { schema }]) => {
          const name = schemaName(schema);
          return `<code>${escapeHtml(type)}</code>${name ? ` → <a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>` : ''}`;
        })
        .join(', ')
    : '';
  const responses = Object.entries(op.responses)
    .map(([status, r]) => `<li><b>${escapeHtml(status)}</b> ${prose(r.description)}</li>`)
    .join('');
  const security = op.security?.map((s) => Object.keys(s).join(' + ')).join(' or ');
  return `<section class="op" id="${escapeHtml(op.operationId)}">
<h3><span class="m ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h3>
<p>${prose(op.summary)}</p>${op.description ? `<p class="d">${prose(op.description)}</p>` : ''}
${security ? `<p>Auth: ${escapeHtml(security)}</p>` : ''}${params ? `<p>Parameters:</p><ul>${params}</ul>` : ''}
${body ? `<p>Body: ${body}</p>` : ''}<p>Responses:</p><ul>${responses}</ul></section>`;
}

type Schema = Record<string, unknown>;

/** A one-line type of a JSON Schema: `string (date-time)`, `array of Event`, `"track"`, `a | b`. */
function typeOf(schema: Schema): string {
  const name = schemaName(schema);
  if (name !== undefined) return `<a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>`;
  if ('const' in schema) return `<code>${escapeHtml(JSON.stringify(schema.const))}</code>`;
  if (Array.isArray(schema.enum))
    return schema.enum.map((v) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(' | ');
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(alternatives)) return alternatives.map(typeOf).join(' | ');
  if (schema.type === 'array') return `array of ${typeOf((schema.items as Schema | undefined) ?? {})}`;
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any');
  return escapeHtml(typeof schema.format === 'string' ? `${type} (${schema.format})` : type);
}

function propertiesTable(schema: Schema): string {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows = Object.entries(properties)
    .map(
      ([name, prop]) =>
        `<tr><td><code>${escapeHtml(name)}</code>${required.has(name) ? ' *' : ''}</td><td>${typeOf(prop)}</td></tr>`,
    )
    .join('');
  return rows === '' ? `<p>${typeOf(schema)}</p>` : `<table>${rows}</table>`;
}

function schemaHtml(name: string, schema: Schema): string {
  const variants = schema.oneOf as Schema[] | undefined;
  const body = Array.isArray(variants)
    ? variants
        .map(
          (v) =>
            `<h4>${typeOf(((v.properties ?? {}) as Record<string, Schema>).type ?? {})}</h4>${propertiesTable(v)}`,
        )
        .join('')
    : propertiesTable(schema);
  return `<details id="schema-${escapeHtml(name)}"><summary>${escapeHtml(name)}</summary>${body}</details>`;
}

export function renderDocsPage(doc: OpenApiDocument): string {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  const tags = [...new Set(ops.flatMap((o) => o.op.tags))];
  const sections = tags
    .map(
      (tag) =>
        `<h2>${escapeHtml(tag)}</h2>${ops
          .filter((o) => o.op.tags.includes(tag))
          .map((o) => operationHtml(o.method, o.path, o.op))
          .join('\n')}`,
    )
    .join('\n');
  const index = ops
    .map(
      (o) =>
        `<li><a href="#${escapeHtml(o.op.operationId)}"><code>${escapeHtml(o.method.toUpperCase())} ${escapeHtml(o.path)}</code></a> — ${prose(o.op.summary)}</li>`,
    )
    .join('');
  const schemas = Object.entries(doc.components.schemas)
    .map(([name, schema]) => schemaHtml(name, schema))
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
code{font:13px ui-monospace,monospace}table{border-collapse:collapse;margin:.25rem 0 1rem}td{border-bottom:1px solid #eef;padding:2px 12px 2px 0;vertical-align:top}
.op{border-top:1px solid #dde;padding:.5rem 0}.m{display:inline-block;min-width:3.5rem;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:2px 6px}
.post{background:#2f7d4f}.get{background:#2a5db0}.d{color:#445}summary{cursor:pointer;font-weight:600}h4{margin:.75rem 0 0}
</style></head><body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${prose(doc.info.description)}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${escapeHtml(doc.openapi)}). Required fields are marked *.</p>
<ul>${index}</ul>
${sections}
<h2>Schemas</h2>
${schemas}
</body></html>
`;
}
