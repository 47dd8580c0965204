/** Below this many bytes gzip's header and the CPU cost outweigh the saving. */
export const GZIP_MIN_BYTES = 1_024;

/** Whether to gzip a body of `bytes`: the browser can and the body is large enough to gain. */
export const shouldGzip = (bytes: number) =>
  bytes > GZIP_MIN_BYTES && typeof CompressionStream === 'function';

/**
 * `text` gzipped by the browser's `CompressionStream` (native deflate; Chrome runs it on the main
 * thread, about 5 ms per 360 KB batch). A `Response` body rather than `Blob.stream()`: Chrome
 * copies a Blob to the browser process and back, which cost the main thread several times more.
 */
export const gzip = async (text: string) =>
  new Uint8Array(
    await new Response(
      (new Response(text).body as ReadableStream).pipeThrough(new CompressionStream('gzip')),
    ).arrayBuffer(),
  );
