/**
 * Limits on a request's head (request line and headers). The app answers the first two itself, with
 * a message saying which limit and how to fix it; Node's parser limit sits above both, so only a head
 * larger than any the app would take is answered by the server's `clientError` handler.
 */
export const REQUEST_LIMITS = {
  /**
   * Longest path plus query string, in bytes; longer is a 414. A pixel's `data` parameter of up to
   * ~12 KB of event JSON fits; larger events belong in a POST body.
   */
  maxUrlBytes: 16_384,
  /** Most bytes of header lines (name, `: `, value, CRLF each); more is a 431. */
  maxHeaderBytes: 32_768,
  /**
   * Most distinct header names; more is a 431. Node keeps only the first ~1,000 header lines and
   * drops the rest silently, so a cap below that is what makes a flood of headers an answer.
   */
  maxHeaderCount: 100,
  /**
   * Node's `maxHeaderSize` (request line and headers together). Below the 64 KiB a socket read
   * delivers at once, so an over-long request line usually overflows in its first chunk and can be
   * told apart from over-large headers (414 vs 431).
   */
  parserMaxHeadBytes: 61_440,
} as const;
