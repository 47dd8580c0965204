/**
 * kafkajs splits a seed broker on ':' (tulios/kafkajs#1589), so it cannot dial `[::1]:9092`, which
 * the broker-list rule accepts. A bracketed IPv6 seed is handed to kafkajs under a stand-in host
 * name that its socket factory turns back into the address. Brokers found through metadata arrive
 * as host and port apart, so only seeds need this.
 */
import { isIP, connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { ISocketFactory } from 'kafkajs';

/** kafkajs's own keep-alive delay for broker sockets, in ms. */
const KEEP_ALIVE_MS = 60_000;

const BRACKETED = /^\[([0-9a-fA-F:.]+)\]:(\d+)$/;

export interface KafkajsSeeds {
  /** The seeds as kafkajs can split them. */
  readonly brokers: string[];
  /** Dials stand-in hosts at their IPv6 address; absent when no seed needed one (kafkajs's default then). */
  readonly socketFactory?: ISocketFactory;
}

/** `host:port` seeds for kafkajs, with bracketed IPv6 addresses under stand-in host names. */
export function kafkajsSeeds(brokers: readonly string[]): KafkajsSeeds {
  const addresses = new Map<string, string>();
  const seeds = brokers.map((broker) => {
    const match = BRACKETED.exec(broker);
    if (match === null) return broker;
    const standIn = `inlet-ipv6-seed-${addresses.size}`;
    addresses.set(standIn, match[1] as string);
    return `${standIn}:${match[2]}`;
  });
  if (addresses.size === 0) return { brokers: seeds };
  return { brokers: seeds, socketFactory: socketFactory(addresses) };
}

/** kafkajs's default socket factory, with stand-in hosts replaced by their address. */
function socketFactory(addresses: ReadonlyMap<string, string>): ISocketFactory {
  return ({ host, port, ssl, onConnect }) => {
    const address = addresses.get(host) ?? host;
    const socket = ssl
      ? tlsConnect(
          Object.assign({ host: address, port }, isIP(address) === 0 ? { servername: address } : {}, ssl),
          onConnect,
        )
      : netConnect({ host: address, port }, onConnect);
    socket.setKeepAlive(true, KEEP_ALIVE_MS);
    return socket;
  };
}
