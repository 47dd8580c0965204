/**
 * The development write key: when nothing configures a key and the gateway only listens on a loopback
 * address, it makes one up (kept in `<data-dir>/dev-write-key` so restarts and workers reuse it) and
 * prints it, so `npm start` works with no setup while a public gateway never runs without keys.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WriteKeyConfig } from './schema';

export const DEV_KEY_FILE = 'dev-write-key';
const DEV_KEY = /^dev_[A-Za-z0-9_-]{16,}$/;

/** `127.0.0.0/8`, `::1` and `localhost`: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return h === 'localhost' || h === '::1' || h === '[::1]' || /^127(\.\d{1,3}){3}$/.test(h);
}

export interface DevKey {
  readonly writeKey: WriteKeyConfig;
  /** Where it is kept; undefined when the data directory could not be written (then it lives until exit). */
  readonly file: string | undefined;
  readonly created: boolean;
}

const devWriteKey = (key: string): WriteKeyConfig => ({
  key,
  source: 'development',
  allowedOrigins: ['*'],
  ipPolicy: 'truncate',
  rateLimit: { perSecond: 1_000, burst: 2_000 },
});

/** Reads the kept development key, or makes and keeps a new one. */
export async function developmentKey(dataDir: string): Promise<DevKey> {
  const file = join(dataDir, DEV_KEY_FILE);
  const kept = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (DEV_KEY.test(kept)) return { writeKey: devWriteKey(kept), file, created: false };
  const key = `dev_${randomBytes(18).toString('base64url')}`;
  try {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, `${key}\n`, { mode: 0o600 });
    return { writeKey: devWriteKey(key), file, created: true };
  } catch {
    return { writeKey: devWriteKey(key), file: undefined, created: true };
  }
}
