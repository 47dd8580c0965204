/**
 * The gateway's config file for `npm start`. A key given by `--write-key` allows no browser origin
 * (server-side clients only), so the storefront's events would be refused by CORS; the file gives
 * the one write key the storefront's origins as well.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export const GATEWAY_CONFIG_FILE = 'gateway.config.json';

/** The origins a browser may load the storefront from on this machine. */
export function storefrontOrigins(demoPort: number): string[] {
  return [`http://127.0.0.1:${demoPort}`, `http://localhost:${demoPort}`];
}

export function gatewayConfig(writeKey: string, demoPort: number) {
  return {
    writeKeys: [{ key: writeKey, source: 'npm-start', allowedOrigins: storefrontOrigins(demoPort) }],
  };
}

/** Writes the file into the data directory; returns its path for the gateway's `--config`. */
export async function writeGatewayConfig(
  dataDir: string,
  writeKey: string,
  demoPort: number,
): Promise<string> {
  const file = path.join(dataDir, GATEWAY_CONFIG_FILE);
  await writeFile(file, `${JSON.stringify(gatewayConfig(writeKey, demoPort), null, 2)}\n`, { mode: 0o600 });
  return file;
}
