/** Below this many bytes gzip's header and the CPU cost outweigh the saving. */
export const GZIP_MIN_BYTES = 1_024;

/** Whether to gzip a body of `bytes`: the browser can and the body is large enough to gain. */
export const shouldGzip = (bytes: number) =>
  bytes > GZIP_MIN_BYTES && typeof CompressionStream === 'function';

/** `text` gzipped by the browser's `CompressionStream`, off the main thread. */
export const gzip = async (text: string) =>
  new Uint8Array(
    await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer(),
  );
