/**
 * A fake `/v1/batch` for the happy-dom tests: a `fetch` stand-in that decodes each body (gzip
 * included, with the browser's DecompressionStream) and acknowledges every event.
 */
export interface SentEvent {
  readonly type: string;
  readonly messageId: string;
  readonly event?: string;
  readonly userId?: string;
  readonly [key: string]: unknown;
}

/** The JSON text of a request body as the transport sent it. */
export async function bodyText(body: BodyInit | null | undefined): Promise<string> {
  if (typeof body === 'string') return body;
  const stream = new Blob([body as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

export function fakeGateway() {
  const delivered: SentEvent[] = [];
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    const { batch } = JSON.parse(await bodyText(init.body)) as { batch: SentEvent[] };
    delivered.push(...batch);
    return new Response(JSON.stringify({ ok: true, accepted: batch.length, rejected: [] }));
  };
  return { delivered, fetch };
}
