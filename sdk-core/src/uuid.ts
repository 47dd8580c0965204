import { host } from './host';

/**
 * A version 4 UUID: `crypto.randomUUID` where there is one (secure contexts), else from
 * `crypto.getRandomValues`, else from `random` (old or exotic hosts; unique enough for messageIds).
 */
export function uuid(random: () => number = Math.random): string {
  const { crypto } = host;
  if (crypto?.randomUUID) return crypto.randomUUID();
  const bytes = crypto?.getRandomValues?.(new Uint8Array(31));
  let i = 0;
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const nibble = (bytes ? (bytes[i++] ?? 0) : random() * 16) & 15;
    return (c === 'x' ? nibble : (nibble & 3) | 8).toString(16);
  });
}
