/** Origin matching shared by CORS and the write-key check. */
import type { WriteKeyConfig } from '../../config/schema';

/** Exact origin match (scheme://host[:port], case-insensitive), or `*`. */
export function originAllowed(allowed: readonly string[], origin: string): boolean {
  const wanted = origin.toLowerCase();
  return allowed.some((entry) => entry === '*' || entry.toLowerCase().replace(/\/$/, '') === wanted);
}

/** Allowed by at least one key: what a preflight (which carries no key) can be answered on. */
export function originAllowedByAnyKey(keys: Iterable<WriteKeyConfig>, origin: string): boolean {
  for (const key of keys) if (originAllowed(key.allowedOrigins, origin)) return true;
  return false;
}
