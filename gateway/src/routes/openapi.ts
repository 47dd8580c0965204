/** `GET /openapi.json` and `GET /docs`, both built once on first request. */
import type { Hono } from 'hono';
import type { AppEnv, Runtime } from '../app/types';
import { renderDocsPage } from '../openapi/docs-page';
import { buildOpenApi, type OpenApiDocument } from '../openapi/openapi';

export function openApiRoutes(app: Hono<AppEnv>, rt: Pick<Runtime, 'topicNames'>): void {
  let doc: OpenApiDocument | undefined;
  let json: string | undefined;
  let page: string | undefined;
  const document = () => {
    doc ??= buildOpenApi(rt.topicNames);
    return doc;
  };
  app.get('/openapi.json', (c) => {
    json ??= JSON.stringify(document());
    c.header('Content-Type', 'application/json');
    return c.body(json);
  });
  app.get('/docs', (c) => {
    page ??= renderDocsPage(document());
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(page);
  });
}
