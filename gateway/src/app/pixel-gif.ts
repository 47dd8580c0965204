import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The smallest transparent 1x1 GIF (43 bytes). */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export function gifResponse(
  c: Context,
  status: ContentfulStatusCode,
  headers: Record<string, string> = {},
): Response {
  c.header('Content-Type', 'image/gif');
  c.header('Cache-Control', 'no-store, max-age=0');
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.body(new Uint8Array(PIXEL_GIF), status);
}
