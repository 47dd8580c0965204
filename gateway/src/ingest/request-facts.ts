import { clientAddress } from '../app/client-address';
import type { AppContext, Runtime } from '../app/types';
import { applyIpPolicy } from './client-ip';
import type { RequestFacts } from './enrich';

/** The facts every event of the request shares: time, source, client ip and the key's ip policy. */
export function requestFacts(
  rt: Pick<Runtime, 'peerAddress' | 'trustedProxies'>,
  c: AppContext,
  sentAt?: string,
): RequestFacts {
  const key = c.var.writeKey;
  const receivedAt = c.var.receivedAt;
  return {
    receivedAt,
    receivedAtIso: new Date(receivedAt).toISOString(),
    source: key.source,
    ipPolicy: key.ipPolicy,
    ip: applyIpPolicy(clientAddress(rt, c), key.ipPolicy),
    sentAt,
  };
}
