/**
 * The client's address: the socket peer, or `X-Forwarded-For` when the peer is a trusted proxy;
 * then the write key's IP policy (keep / truncate / drop). Logs always get the truncated form.
 */
import { isIP } from 'node:net';
import type { IpPolicy } from '../config/schema';

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;
/** Some proxies append the client port to IPv4 entries (`203.0.113.7:51234`). */
const V4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;

/** A valid address in canonical-enough form (IPv4-mapped IPv6 as IPv4, zone id dropped), else undefined. */
export function normalizeIp(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let ip = raw.trim();
  const zone = ip.indexOf('%');
  if (zone !== -1) ip = ip.slice(0, zone);
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  const withPort = V4_WITH_PORT.exec(ip);
  if (withPort?.[1] !== undefined) ip = withPort[1];
  const mapped = MAPPED_V4.exec(ip);
  if (mapped?.[1] !== undefined && isIP(mapped[1]) === 4) return mapped[1];
  return isIP(ip) === 0 ? undefined : ip.toLowerCase();
}

/**
 * The client address. `X-Forwarded-For` is read right to left (the rightmost entry was added by
 * the proxy we trust); trusted proxies in the chain are skipped and the first other address is the
 * client. A malformed entry stops the walk: nothing left of it can be believed.
 */
export function clientIp(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: ReadonlySet<string>,
): string | undefined {
  const direct = normalizeIp(peer);
  if (direct === undefined || forwardedFor === undefined || !trusted.has(direct)) return direct;
  const hops = forwardedFor.split(',');
  let client = direct;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeIp(hops[i]);
    if (hop === undefined) break;
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
}

const hexGroups = (part: string): number[] =>
  part === ''
    ? []
    : part.split(':').flatMap((g) => {
        if (!g.includes('.')) return [Number.parseInt(g, 16)];
        const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
        return [(a << 8) | b, (c << 8) | d];
      });

/** The eight 16-bit groups of a valid IPv6 address. */
function ipv6Groups(ip: string): number[] {
  const gap = ip.indexOf('::');
  if (gap === -1) return hexGroups(ip);
  const head = hexGroups(ip.slice(0, gap));
  const tail = hexGroups(ip.slice(gap + 2));
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** IPv4 with the last octet zeroed; IPv6 keeping the first 48 bits (the last 80 zeroed). */
export function truncateIp(raw: string): string | undefined {
  const ip = normalizeIp(raw);
  if (ip === undefined) return undefined;
  if (isIP(ip) === 4) return `${ip.slice(0, ip.lastIndexOf('.'))}.0`;
  const kept = ipv6Groups(ip).slice(0, 3);
  return `${kept.map((g) => g.toString(16)).join(':')}::`;
}

/** What the policy keeps of `ip`: all of it, the truncated form, or nothing. */
export function applyIpPolicy(ip: string | undefined, policy: IpPolicy): string | undefined {
  if (ip === undefined || policy === 'drop') return undefined;
  return policy === 'keep' ? ip : truncateIp(ip);
}
